import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { requestPasswordReset } from '../../api/identity.ts';
import { useClinic } from '../../api/queries.ts';
import { Button } from '../../components/button.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { Link } from '../../components/link.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { authMessages } from '../auth.messages.ts';
import { forgotPasswordMessages } from './forgot-password.messages.ts';

/** Asks for a reset link; the answer never says whether the account exists. */
export function ForgotPasswordPage() {
  const t = useMessages(forgotPasswordMessages);
  const a = useMessages(authMessages);
  const { data: clinic } = useClinic();
  const [email, setEmail] = useState('');
  const mutation = useMutation({
    mutationFn: () => requestPasswordReset({ organization: clinic!.slug, email: email.trim() }),
  });

  if (mutation.isSuccess) {
    return (
      <section className="page page-narrow">
        <PageHeading focusOnMount>{a('auth.checkEmail')}</PageHeading>
        <p>{t('forgot.done', { email: email.trim() })}</p>
        <Link to="/sign-in">{a('auth.backToSignIn')}</Link>
      </section>
    );
  }
  return (
    <section className="page page-narrow">
      <PageHeading lead={<p>{t('forgot.lead')}</p>}>{t('forgot.title')}</PageHeading>
      <Form error={mutation.error} onSubmit={() => mutation.mutate()}>
        <TextField
          label={a('auth.email')}
          name="email"
          type="email"
          autoComplete="email"
          isRequired
          value={email}
          onChange={setEmail}
        />
        <FormActions>
          <Button type="submit" isPending={mutation.isPending || !clinic} wide>
            {t('forgot.submit')}
          </Button>
          <Link to="/sign-in">{a('auth.backToSignIn')}</Link>
        </FormActions>
      </Form>
    </section>
  );
}
