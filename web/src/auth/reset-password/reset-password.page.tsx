import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { completePasswordReset } from '../../api/identity.ts';
import { ApiError } from '../../api/problem.ts';
import { Button } from '../../components/button.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Link, LinkButton } from '../../components/link.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { PasswordField } from '../../components/password-field.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { authMessages } from '../auth.messages.ts';
import { useFragmentToken } from '../fragment-token.ts';
import { resetPasswordMessages } from './reset-password.messages.ts';

/** The emailed reset link (`/reset-password#token=…`): a new password, then sign-in. */
export function ResetPasswordPage() {
  const t = useMessages(resetPasswordMessages);
  const a = useMessages(authMessages);
  const token = useFragmentToken();
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: () => completePasswordReset({ token: token!, newPassword: password }),
    onSuccess: () => setPassword(''),
  });
  const expired = mutation.error instanceof ApiError && mutation.error.is('link-expired');

  if (mutation.isSuccess) {
    return (
      <section className="page page-narrow">
        <PageHeading focusOnMount lead={<p>{t('reset.done.text')}</p>}>
          {t('reset.done.title')}
        </PageHeading>
        <LinkButton to="/sign-in">{a('auth.signIn')}</LinkButton>
      </section>
    );
  }
  return (
    <section className="page page-narrow">
      <PageHeading lead={<p>{t('reset.lead')}</p>}>{t('reset.title')}</PageHeading>
      {!token ? (
        <>
          <InlineAlert tone="error">{a('auth.linkMissing')}</InlineAlert>
          <Link to="/forgot-password">{t('reset.again')}</Link>
        </>
      ) : (
        <Form error={mutation.error} onSubmit={() => mutation.mutate()}>
          <PasswordField
            purpose="new"
            label={a('auth.newPassword')}
            name="newPassword"
            isRequired
            value={password}
            onChange={setPassword}
          />
          <FormActions>
            <Button type="submit" isPending={mutation.isPending} wide>
              {t('reset.submit')}
            </Button>
            {expired && <Link to="/forgot-password">{t('reset.again')}</Link>}
          </FormActions>
        </Form>
      )}
    </section>
  );
}
