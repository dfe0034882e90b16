import { useMutation, useQueryClient } from '@tanstack/react-query';
import { post } from '../../api/client.ts';
import { ApiError } from '../../api/problem.ts';
import { useSession } from '../../api/queries.ts';
import { useFragmentToken } from '../../auth/fragment-token.ts';
import { authMessages } from '../../auth/auth.messages.ts';
import { Button } from '../../components/button.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { LinkButton } from '../../components/link.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { caregiverMessages } from './caregiver.messages.ts';

const acceptInvitation = (token: string) =>
  post<{ consentId: string }>('/api/me/caregiver-invitations/accept', { token });

/**
 * A patient's invitation to a caregiver (`/caregiver#token=…`): signed in with their own patient
 * account, the caregiver accepts and may then book and cancel for that patient. The token stays
 * in this tab's memory through sign-in (fragment-token.ts), never in the address bar or storage.
 */
export function CaregiverPage() {
  const t = useMessages(caregiverMessages);
  const a = useMessages(authMessages);
  const token = useFragmentToken();
  const { data: session, isPending } = useSession();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => acceptInvitation(token!),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const expired = mutation.error instanceof ApiError && mutation.error.is('link-expired');

  if (mutation.isSuccess) {
    return (
      <section className="page page-narrow">
        <PageHeading focusOnMount lead={<p>{t('caregiver.done.text')}</p>}>
          {t('caregiver.done.title')}
        </PageHeading>
        <div className="actions">
          <LinkButton to="/book">{t('caregiver.done.book')}</LinkButton>
          <LinkButton to="/appointments" variant="secondary">
            {t('caregiver.done.appointments')}
          </LinkButton>
        </div>
      </section>
    );
  }
  const signedInPatient = session?.stage === 'full' && session.account.kind === 'patient';
  return (
    <section className="page page-narrow">
      <PageHeading lead={<p>{t('caregiver.lead')}</p>}>{t('caregiver.title')}</PageHeading>
      {!token ? (
        <InlineAlert tone="error">{a('auth.linkMissing')}</InlineAlert>
      ) : isPending ? null : !session ? (
        <>
          <p>{t('caregiver.signedOut')}</p>
          <div className="actions">
            <LinkButton to="/sign-in" search={{ redirect: '/caregiver' }}>
              {a('auth.signIn')}
            </LinkButton>
            <LinkButton to="/register" variant="secondary">
              {t('caregiver.createAccount')}
            </LinkButton>
          </div>
        </>
      ) : !signedInPatient ? (
        <InlineAlert tone="error">{t('caregiver.notPatient')}</InlineAlert>
      ) : (
        <Form error={mutation.error} onSubmit={() => mutation.mutate()}>
          {expired && <p className="muted">{t('caregiver.expired')}</p>}
          <FormActions>
            <Button type="submit" isPending={mutation.isPending} wide>
              {t('caregiver.accept')}
            </Button>
          </FormActions>
        </Form>
      )}
    </section>
  );
}
