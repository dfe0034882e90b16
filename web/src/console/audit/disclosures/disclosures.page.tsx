import type { CalendarDate } from '@internationalized/date';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { searchPatientsForAccounting } from '../../../api/audit.ts';
import { Button } from '../../../components/button.tsx';
import { DateField } from '../../../components/date-field.tsx';
import { Form, FormActions } from '../../../components/form.tsx';
import { LinkButton } from '../../../components/link.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { AuditPage } from '../audit-guard.tsx';
import { disclosuresMessages } from './disclosures.messages.ts';

/**
 * Finding the patient an accounting request names: the identifiers go in the search's body
 * (`POST /api/patients/search`), and the compliance officer gets back only which record matched
 * and how (opaque id, when registered, birth date masked). The report opens by that id.
 */
export function DisclosuresPage() {
  const t = useMessages(disclosuresMessages);
  const intl = useIntl();
  const [familyName, setFamilyName] = useState('');
  const [givenName, setGivenName] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState<CalendarDate | null>(null);
  // A mutation, not a query: the identifiers are never part of a cache key.
  const search = useMutation({ mutationFn: searchPatientsForAccounting });

  return (
    <AuditPage title={t('disclosures.title')} lead={<p>{t('disclosures.lead')}</p>}>
      <section aria-labelledby="find-heading" className="section audit-narrow">
        <h2 id="find-heading">{t('disclosures.find')}</h2>
        <Form
          error={search.error}
          aria-labelledby="find-heading"
          onSubmit={() =>
            search.mutate({
              familyName: familyName.trim(),
              ...(givenName.trim() ? { givenName: givenName.trim() } : {}),
              dateOfBirth: dateOfBirth!.toString(),
            })
          }
        >
          <TextField
            label={t('disclosures.familyName')}
            name="familyName"
            autoComplete="off"
            isRequired
            value={familyName}
            onChange={setFamilyName}
          />
          <TextField
            label={t('disclosures.givenName')}
            name="givenName"
            autoComplete="off"
            value={givenName}
            onChange={setGivenName}
          />
          <DateField
            label={t('disclosures.dateOfBirth')}
            name="dateOfBirth"
            isRequired
            value={dateOfBirth}
            onChange={setDateOfBirth}
          />
          <FormActions>
            <Button type="submit" isPending={search.isPending}>
              {t('disclosures.search')}
            </Button>
          </FormActions>
        </Form>
        <p className="muted">{t('disclosures.privacy')}</p>
      </section>

      {search.data && (
        <section aria-labelledby="matches-heading" className="section">
          <h2 id="matches-heading">{t('disclosures.results')}</h2>
          {search.data.results.length === 0 ? (
            <p role="status">{t('disclosures.none')}</p>
          ) : (
            <ul className="cards">
              {search.data.results.map(({ match, patient }) => (
                <li key={patient.id}>
                  <article className="card">
                    <h3>{t(`disclosures.match.${match}`)}</h3>
                    <p className="id">{t('disclosures.record', { id: patient.id })}</p>
                    {patient.createdAt && (
                      <p className="muted">
                        {t('disclosures.registered', {
                          date: intl.formatDate(patient.createdAt, { dateStyle: 'medium' }),
                        })}
                      </p>
                    )}
                    {patient.dateOfBirth && (
                      <p className="muted">
                        {t('disclosures.born', { masked: patient.dateOfBirth })}
                      </p>
                    )}
                    <LinkButton
                      to="/console/audit/disclosures/$patientId"
                      params={{ patientId: patient.id }}
                      variant="secondary"
                    >
                      {t('disclosures.open', { id: patient.id.slice(0, 8) })}
                    </LinkButton>
                  </article>
                </li>
              ))}
            </ul>
          )}
          {search.data.truncated && <p className="muted">{t('disclosures.truncated')}</p>}
        </section>
      )}
    </AuditPage>
  );
}
