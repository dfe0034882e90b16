import type { CalendarDate } from '@internationalized/date';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/problem.ts';
import { fetchPatient, registerPatient } from '../../api/patients.ts';
import type { PatientView, Registration } from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { BirthDateField } from '../../components/birth-date-field.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Select } from '../../components/select.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { nameOf, useBirthDate } from './patient-finder.tsx';
import { patientsMessages } from './patients.messages.ts';

const sexes = ['female', 'male', 'intersex', 'unknown'] as const;
type Sex = (typeof sexes)[number];

interface Props {
  onDone: (patient: PatientView) => void;
  onCancel: () => void;
}

/**
 * Registration at the desk. A possible duplicate (same family name and birth date, and the same
 * phone or email) stops it: the desk sees who matched and either uses that patient or says it is
 * someone else (`notDuplicateOf`). Never a silent merge.
 */
export function RegisterPatient({ onDone, onCancel }: Props) {
  const t = useMessages(patientsMessages);
  const birth = useBirthDate();
  const [given, setGiven] = useState('');
  const [family, setFamily] = useState('');
  const [preferred, setPreferred] = useState('');
  const [dob, setDob] = useState<CalendarDate | null>(null);
  const [sex, setSex] = useState<Sex>('unknown');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [matches, setMatches] = useState<PatientView[] | null>(null);

  const body = (notDuplicateOf?: string[]): Registration => ({
    legalName: { given: given.trim(), family: family.trim() },
    ...(preferred.trim() ? { preferredName: preferred.trim() } : {}),
    dateOfBirth: dob?.toString() ?? '',
    sex,
    ...(phone.trim() ? { phone: phone.trim() } : {}),
    ...(email.trim() ? { email: email.trim() } : {}),
    ...(notDuplicateOf ? { notDuplicateOf } : {}),
  });
  const register = useMutation({
    mutationFn: async (notDuplicateOf?: string[]) => {
      try {
        return await registerPatient(body(notDuplicateOf));
      } catch (err) {
        if (err instanceof ApiError && err.is('possible-duplicate')) {
          const ids = (err.problem as { possibleMatches?: string[] }).possibleMatches ?? [];
          setMatches(await Promise.all(ids.map((id) => fetchPatient(id))));
          return null;
        }
        throw err;
      }
    },
    onSuccess: (p) => p && onDone(p),
  });

  return (
    <section aria-labelledby="register-title" className="register-patient">
      <h3 id="register-title">{t('pt.register.title')}</h3>
      <Form
        error={register.error}
        onSubmit={() => {
          setMatches(null);
          register.mutate(undefined);
        }}
      >
        <div className="field-row">
          <TextField
            label={t('pt.register.given')}
            name="legalName.given"
            autoComplete="off"
            isRequired
            value={given}
            onChange={setGiven}
          />
          <TextField
            label={t('pt.register.family')}
            name="legalName.family"
            autoComplete="off"
            isRequired
            value={family}
            onChange={setFamily}
          />
          <TextField
            label={t('pt.register.preferred')}
            name="preferredName"
            autoComplete="off"
            value={preferred}
            onChange={setPreferred}
          />
        </div>
        <div className="field-row">
          <BirthDateField label={t('pt.register.dateOfBirth')} value={dob} onChange={setDob} />
          <Select
            label={t('pt.register.sex')}
            selectedKey={sex}
            onSelectionChange={(k) => setSex(k as Sex)}
            options={sexes.map((s) => ({ value: s, label: t(`pt.register.sex.${s}`) }))}
          />
        </div>
        <p className="muted">{t('pt.register.contact')}</p>
        <div className="field-row">
          <TextField
            label={t('pt.register.phone')}
            name="phone"
            type="tel"
            autoComplete="off"
            isRequired={!email.trim()}
            value={phone}
            onChange={setPhone}
          />
          <TextField
            label={t('pt.register.email')}
            name="email"
            type="email"
            autoComplete="off"
            value={email}
            onChange={setEmail}
          />
        </div>
        {matches && (
          <InlineAlert tone="warning" title={t('pt.register.duplicate.title')}>
            <p>{t('pt.register.duplicate.text')}</p>
            <ul className="result-list">
              {matches.map((m) => (
                <li key={m.id} className="result">
                  <Button variant="secondary" onPress={() => onDone(m)}>
                    {t('pt.register.duplicate.use', {
                      name: nameOf(m),
                      dob: birth(m.dateOfBirth),
                    })}
                  </Button>
                </li>
              ))}
            </ul>
            <Button
              variant="secondary"
              onPress={() => register.mutate(matches.map((m) => m.id))}
              isPending={register.isPending}
            >
              {t('pt.register.duplicate.anyway')}
            </Button>
          </InlineAlert>
        )}
        <FormActions>
          <Button type="submit" isPending={register.isPending}>
            {t('pt.register.submit')}
          </Button>
          <Button variant="quiet" onPress={onCancel}>
            {t('pt.register.cancel')}
          </Button>
        </FormActions>
      </Form>
    </section>
  );
}
