import type { CalendarDate } from '@internationalized/date';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { startGuest, verifyGuest, type GuestDetails } from '../../api/booking.ts';
import { refreshSession } from '../../api/queries.ts';
import { Button } from '../../components/button.tsx';
import { BirthDateField } from '../../components/birth-date-field.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { RadioGroup } from '../../components/radio-group.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { bookStepMessages } from './book-steps.messages.ts';

type Sex = GuestDetails['sex'];
const sexes: Sex[] = ['female', 'male', 'intersex', 'unknown'];

/**
 * Booking without an account: who the visit is for and an email, then the six-digit code the
 * clinic mails to that address. The code starts a guest session for this booking only.
 */
export function GuestForm({
  organization,
  onVerified,
  onCancel,
}: {
  organization: string;
  onVerified(patientId: string): void;
  onCancel(): void;
}) {
  const t = useMessages(bookStepMessages);
  const client = useQueryClient();
  const [given, setGiven] = useState('');
  const [family, setFamily] = useState('');
  const [dob, setDob] = useState<CalendarDate | null>(null);
  const [sex, setSex] = useState<Sex | ''>('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const codeHeading = useRef<HTMLHeadingElement>(null);

  const start = useMutation({
    mutationFn: () =>
      startGuest({
        organization,
        email,
        legalName: { given, family },
        dateOfBirth: dob!.toString(),
        sex: sex as Sex,
        phone,
      }),
  });
  const verify = useMutation({
    mutationFn: () => verifyGuest({ organization, email, code: code.trim() }),
    onSuccess: async ({ patientId }) => {
      await refreshSession(client);
      onVerified(patientId);
    },
  });
  useEffect(() => {
    if (start.isSuccess) codeHeading.current?.focus();
  }, [start.isSuccess]);

  if (start.isSuccess) {
    return (
      <div className="guest">
        <h3 ref={codeHeading} tabIndex={-1}>
          {t('book.guest.checkEmail')}
        </h3>
        <p>{t('book.guest.sent', { email: email.trim() })}</p>
        <Form error={verify.error} onSubmit={() => verify.mutate()}>
          <TextField
            label={t('book.guest.code')}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            inputClassName="input-code"
            isRequired
            validate={(v) => (/^\s*\d{6}\s*$/.test(v) ? null : t('book.guest.codeInvalid'))}
            value={code}
            onChange={setCode}
          />
          <FormActions>
            <Button type="submit" isPending={verify.isPending}>
              {t('book.guest.verify')}
            </Button>
            <Button variant="quiet" onPress={() => start.reset()}>
              {t('book.guest.changeEmail')}
            </Button>
          </FormActions>
        </Form>
      </div>
    );
  }

  return (
    <div className="guest">
      <h3>{t('book.guest.title')}</h3>
      <p className="muted">{t('book.guest.lead')}</p>
      <Form error={start.error} onSubmit={() => start.mutate()}>
        <TextField
          label={t('book.guest.given')}
          name="legalName.given"
          autoComplete="given-name"
          isRequired
          value={given}
          onChange={setGiven}
        />
        <TextField
          label={t('book.guest.family')}
          name="legalName.family"
          autoComplete="family-name"
          isRequired
          value={family}
          onChange={setFamily}
        />
        <BirthDateField label={t('book.guest.dob')} value={dob} onChange={setDob} />
        <RadioGroup
          label={t('book.guest.sex')}
          name="sex"
          isRequired
          value={sex}
          onChange={(v) => setSex(v as Sex)}
          choices={sexes.map((s) => ({ value: s, label: t(`book.guest.sex.${s}`) }))}
        />
        <TextField
          label={t('book.guest.phone')}
          name="phone"
          type="tel"
          autoComplete="tel"
          isRequired
          validate={(v) => (v.replace(/\D/g, '').length >= 7 ? null : t('book.guest.phoneInvalid'))}
          value={phone}
          onChange={setPhone}
        />
        <TextField
          label={t('book.guest.email')}
          description={t('book.guest.emailHint')}
          name="email"
          type="email"
          autoComplete="email"
          isRequired
          value={email}
          onChange={setEmail}
        />
        <FormActions>
          <Button type="submit" isPending={start.isPending}>
            {t('book.guest.send')}
          </Button>
          <Button variant="quiet" onPress={onCancel}>
            {t('book.guest.cancel')}
          </Button>
        </FormActions>
      </Form>
    </div>
  );
}
