import type { CalendarDate } from '@internationalized/date';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { register, type Registration } from '../../api/identity.ts';
import { useClinic } from '../../api/queries.ts';
import { Button } from '../../components/button.tsx';
import { BirthDateField } from '../../components/birth-date-field.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { Link } from '../../components/link.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { PasswordField } from '../../components/password-field.tsx';
import { RadioGroup } from '../../components/radio-group.tsx';
import { TextField } from '../../components/text-field.tsx';
import { languageNames, type Locale } from '../../i18n/catalog.ts';
import { useLocaleChoice } from '../../i18n/locale.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { authMessages } from '../auth.messages.ts';
import { carriedToken } from '../fragment-token.ts';
import { registerMessages } from './register.messages.ts';

type Sex = Registration['sex'];
const sexes: Sex[] = ['female', 'male', 'intersex', 'unknown'];

/**
 * Patient registration: what booking and intake need (legal name, date of birth, sex, phone,
 * email) and a password. The server answers the same whether or not the email is known, and
 * mails a confirmation link.
 */
export function RegisterPage() {
  const t = useMessages(registerMessages);
  const a = useMessages(authMessages);
  const { locale } = useLocaleChoice();
  const { data: clinic } = useClinic();
  const [given, setGiven] = useState('');
  const [family, setFamily] = useState('');
  const [preferred, setPreferred] = useState('');
  const [dob, setDob] = useState<CalendarDate | null>(null);
  const [sex, setSex] = useState<Sex | ''>('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [language, setLanguage] = useState<Locale>(locale);

  const mutation = useMutation({
    mutationFn: () =>
      register({
        organization: clinic!.slug,
        email,
        password,
        legalName: { given, family },
        preferredName: preferred,
        dateOfBirth: dob!.toString(),
        sex: sex as Sex,
        phone,
        language,
        // Came from a caregiver invitation in this tab: its verification link leads back to it.
        invitation: carriedToken('/caregiver'),
      }),
    onSuccess: () => setPassword(''),
  });

  if (mutation.isSuccess) {
    return (
      <section className="page page-narrow">
        <PageHeading focusOnMount>{a('auth.checkEmail')}</PageHeading>
        <p>{t('register.done.lead', { email: email.trim() })}</p>
        <p className="muted">{t('register.done.wrong')}</p>
        <Link to="/sign-in">{a('auth.signIn')}</Link>
      </section>
    );
  }

  return (
    <section className="page page-narrow">
      <PageHeading lead={clinic && <p>{t('register.lead', { clinic: clinic.name })}</p>}>
        {t('register.title')}
      </PageHeading>
      <Form error={mutation.error} onSubmit={() => mutation.mutate()}>
        <fieldset className="fieldset">
          <legend>{t('register.about')}</legend>
          <TextField
            label={t('register.given')}
            description={t('register.givenHint')}
            name="legalName.given"
            autoComplete="given-name"
            isRequired
            value={given}
            onChange={setGiven}
          />
          <TextField
            label={t('register.family')}
            name="legalName.family"
            autoComplete="family-name"
            isRequired
            value={family}
            onChange={setFamily}
          />
          <TextField
            label={t('register.preferred')}
            name="preferredName"
            autoComplete="nickname"
            value={preferred}
            onChange={setPreferred}
          />
          <BirthDateField label={t('register.dob')} value={dob} onChange={setDob} />
          <RadioGroup
            label={t('register.sex')}
            description={t('register.sexHint')}
            name="sex"
            isRequired
            value={sex}
            onChange={(v) => setSex(v as Sex)}
            choices={sexes.map((s) => ({ value: s, label: t(`register.sex.${s}`) }))}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('register.contact')}</legend>
          <TextField
            label={t('register.phone')}
            description={t('register.phoneHint')}
            name="phone"
            type="tel"
            autoComplete="tel"
            isRequired
            validate={(v) => (v.replace(/\D/g, '').length >= 7 ? null : t('register.phoneInvalid'))}
            value={phone}
            onChange={setPhone}
          />
          <TextField
            label={a('auth.email')}
            description={t('register.emailHint')}
            name="email"
            type="email"
            autoComplete="email"
            isRequired
            value={email}
            onChange={setEmail}
          />
          <RadioGroup
            label={t('register.language')}
            name="language"
            value={language}
            onChange={(v) => setLanguage(v as Locale)}
            choices={(['en', 'es'] as const).map((l) => ({ value: l, label: languageNames[l] }))}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('register.security')}</legend>
          <PasswordField
            purpose="new"
            label={a('auth.password')}
            name="password"
            isRequired
            value={password}
            onChange={setPassword}
          />
        </fieldset>
        <FormActions>
          <Button type="submit" isPending={mutation.isPending || !clinic} wide>
            {t('register.submit')}
          </Button>
        </FormActions>
      </Form>
      <p className="aside">
        {t('register.haveAccount')} <Link to="/sign-in">{a('auth.signIn')}</Link>
      </p>
    </section>
  );
}
