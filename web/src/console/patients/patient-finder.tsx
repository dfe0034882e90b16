import type { CalendarDate } from '@internationalized/date';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { searchPatients } from '../../api/patients.ts';
import type { PatientView, Search } from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { DateField } from '../../components/date-field.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Select } from '../../components/select.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { patientsMessages } from './patients.messages.ts';
import './patients.css';

type By = 'name' | 'phone' | 'email' | 'mrn';

/** A patient's name as the console shows it: the preferred name first, when there is one. */
export function nameOf(p: PatientView): string {
  const legal = p.legalName ? `${p.legalName.given} ${p.legalName.family}` : '';
  return p.preferredName && legal ? `${p.preferredName} (${legal})` : p.preferredName || legal;
}

/** A date of birth (YYYY-MM-DD, or masked) in the reader's words. */
export function useBirthDate() {
  const intl = useIntl();
  return (dob: string | undefined) =>
    dob && /^\d{4}-\d{2}-\d{2}$/.test(dob)
      ? intl.formatDate(`${dob}T12:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' })
      : (dob ?? '');
}

interface Props {
  /** The button on each result: choose (booking) or open (the patients page). */
  action: 'choose' | 'open';
  onPick: (patient: PatientView) => void;
  /** Offered under the results: register someone not found. */
  onRegister?: () => void;
  headingLevel?: 2 | 3;
}

/**
 * The front desk's search: family name (a prefix or a similar-sounding spelling is enough) with
 * the date of birth, or an exact phone, email or MRN. Sent in the body; results best match first.
 */
export function PatientFinder({ action, onPick, onRegister, headingLevel = 2 }: Props) {
  const t = useMessages(patientsMessages);
  const birth = useBirthDate();
  const [by, setBy] = useState<By>('name');
  const [family, setFamily] = useState('');
  const [given, setGiven] = useState('');
  const [dob, setDob] = useState<CalendarDate | null>(null);
  const [value, setValue] = useState('');
  const search = useMutation({ mutationFn: searchPatients });
  const H = headingLevel === 2 ? 'h2' : 'h3';

  const submit = () => {
    const q: Search =
      by === 'name'
        ? {
            familyName: family.trim(),
            dateOfBirth: dob?.toString() ?? '',
            ...(given.trim() ? { givenName: given.trim() } : {}),
          }
        : { [by]: value.trim() };
    search.mutate(q);
  };

  return (
    <section className="patient-finder" aria-labelledby="finder-title">
      <H id="finder-title">{t('pt.find.title')}</H>
      <Form onSubmit={submit} error={search.error}>
        <Select
          label={t('pt.find.by')}
          selectedKey={by}
          onSelectionChange={(k) => {
            setBy(k as By);
            search.reset();
          }}
          options={(['name', 'phone', 'email', 'mrn'] as const).map((v) => ({
            value: v,
            label: t(`pt.find.by.${v}`),
          }))}
        />
        {by === 'name' ? (
          <div className="field-row">
            <TextField
              label={t('pt.find.familyName')}
              description={t('pt.find.familyName.help')}
              name="familyName"
              autoComplete="off"
              isRequired
              value={family}
              onChange={setFamily}
            />
            <DateField
              label={t('pt.find.dateOfBirth')}
              name="dateOfBirth"
              isRequired
              value={dob}
              onChange={setDob}
            />
            <TextField
              label={t('pt.find.givenName')}
              name="givenName"
              autoComplete="off"
              value={given}
              onChange={setGiven}
            />
          </div>
        ) : (
          <TextField
            label={t(`pt.find.${by}`)}
            name={by}
            type={by === 'email' ? 'email' : 'text'}
            autoComplete="off"
            isRequired
            value={value}
            onChange={setValue}
          />
        )}
        <FormActions>
          <Button type="submit" isPending={search.isPending}>
            {t('pt.find.submit')}
          </Button>
        </FormActions>
      </Form>
      <div aria-live="polite">
        {search.data && (
          <>
            <H className="visually-hidden">{t('pt.find.results')}</H>
            {search.data.results.length === 0 ? (
              <p>{t('pt.find.none')}</p>
            ) : (
              <ul className="result-list">
                {search.data.results.map(({ patient, match }) => (
                  <li key={patient.id} className="result">
                    <div>
                      <strong>{nameOf(patient)}</strong>
                      <span className="muted">
                        {' · '}
                        {t('pt.find.born', { dob: birth(patient.dateOfBirth) })}
                        {patient.phone ? ` · ${patient.phone}` : ''}
                        {' · '}
                        {t(`pt.find.match.${match}`)}
                      </span>
                    </div>
                    <Button variant="secondary" onPress={() => onPick(patient)}>
                      {t(`pt.find.${action}`, { name: nameOf(patient) })}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
            {search.data.truncated && (
              <InlineAlert tone="info">{t('pt.find.truncated')}</InlineAlert>
            )}
          </>
        )}
      </div>
      {onRegister && (
        <Button variant="quiet" onPress={onRegister}>
          {t('pt.find.register')}
        </Button>
      )}
    </section>
  );
}
