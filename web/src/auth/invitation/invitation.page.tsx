import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { acceptInvitation } from '../../api/identity.ts';
import { ApiError } from '../../api/problem.ts';
import { Button } from '../../components/button.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { LinkButton } from '../../components/link.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { PasswordField } from '../../components/password-field.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { authMessages } from '../auth.messages.ts';
import { useFragmentToken } from '../fragment-token.ts';
import { invitationMessages } from './invitation.messages.ts';

/** The emailed workforce invitation (`/invitation#token=…`): choose a password, then sign in. */
export function InvitationPage() {
  const t = useMessages(invitationMessages);
  const a = useMessages(authMessages);
  const token = useFragmentToken();
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: () => acceptInvitation({ token: token!, password }),
    onSuccess: () => setPassword(''),
  });
  const expired = mutation.error instanceof ApiError && mutation.error.is('link-expired');

  if (mutation.isSuccess) {
    return (
      <section className="page page-narrow">
        <PageHeading focusOnMount lead={<p>{t('invitation.done.text')}</p>}>
          {t('invitation.done.title')}
        </PageHeading>
        <LinkButton to="/sign-in">{a('auth.signIn')}</LinkButton>
      </section>
    );
  }
  return (
    <section className="page page-narrow">
      <PageHeading lead={<p>{t('invitation.lead')}</p>}>{t('invitation.title')}</PageHeading>
      {!token ? (
        <InlineAlert tone="error">{a('auth.linkMissing')}</InlineAlert>
      ) : (
        <Form error={mutation.error} onSubmit={() => mutation.mutate()}>
          <PasswordField
            purpose="new"
            label={a('auth.password')}
            name="password"
            isRequired
            value={password}
            onChange={setPassword}
          />
          {expired && <p className="muted">{t('invitation.expired')}</p>}
          <FormActions>
            <Button type="submit" isPending={mutation.isPending} wide>
              {t('invitation.submit')}
            </Button>
          </FormActions>
        </Form>
      )}
    </section>
  );
}
