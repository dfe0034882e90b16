import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { sendEmailCode, verifySecondFactor } from '../../api/identity.ts';
import { refreshSession, useSession } from '../../api/queries.ts';
import { useSignOut } from '../../app/sign-out.ts';
import { Button } from '../../components/button.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { TextField } from '../../components/text-field.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { destinationFor } from '../destination.ts';
import { secondFactorMessages } from './second-factor.messages.ts';

const route = getRouteApi('/sign-in/verify');

/**
 * The second factor: a code from the authenticator app, or (patients without one) a code
 * emailed to their verified address, or a recovery code.
 */
export function SecondFactorPage() {
  const t = useMessages(secondFactorMessages);
  const { redirect } = route.useSearch();
  const { data: session } = useSession();
  const queryClient = useQueryClient();
  const router = useRouter();
  const signOut = useSignOut();
  const methods = session?.mfaMethods ?? [];
  const byEmail = methods.includes('email');
  const byApp = methods.includes('totp');
  const lead = byEmail && byApp ? 'mfa.lead.both' : byEmail ? 'mfa.lead.email' : 'mfa.lead.totp';
  const codeLabel =
    byEmail && byApp ? 'mfa.code.both' : byEmail ? 'mfa.code.email' : 'mfa.code.totp';
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState('');

  const verify = useMutation({
    mutationFn: async () => {
      const value = code.replace(/\s+/g, '');
      await verifySecondFactor(recovery ? { recoveryCode: value } : { code: value });
      return refreshSession(queryClient);
    },
    onSuccess: async (next) => {
      if (next) await router.navigate({ href: destinationFor(next, redirect) });
    },
  });
  const resend = useMutation({ mutationFn: sendEmailCode });
  const problemText = useProblemText();

  return (
    <section className="page page-narrow">
      <PageHeading lead={<p>{t(lead)}</p>}>{t('mfa.title')}</PageHeading>
      <Form error={verify.error} onSubmit={() => verify.mutate()}>
        {recovery ? (
          <TextField
            key="recovery"
            label={t('mfa.recovery')}
            description={t('mfa.recovery.hint')}
            name="recoveryCode"
            isRequired
            autoComplete="off"
            spellCheck="false"
            value={code}
            onChange={setCode}
          />
        ) : (
          <TextField
            key="code"
            label={t(codeLabel)}
            description={t('mfa.code.hint')}
            name="code"
            isRequired
            inputMode="numeric"
            autoComplete="one-time-code"
            inputClassName="input-code"
            maxLength={7}
            validate={(v) => (/^\d{6}$/.test(v.replace(/\s+/g, '')) ? null : t('mfa.code.invalid'))}
            value={code}
            onChange={setCode}
          />
        )}
        <FormActions>
          <Button type="submit" isPending={verify.isPending} wide>
            {t('mfa.submit')}
          </Button>
          {methods.includes('recovery') && (
            <Button
              variant="quiet"
              onPress={() => {
                setRecovery((r) => !r);
                setCode('');
                verify.reset();
              }}
            >
              {t(recovery ? 'mfa.useCode' : 'mfa.useRecovery')}
            </Button>
          )}
        </FormActions>
      </Form>
      {byEmail && (
        <div className="aside">
          <Button variant="secondary" isPending={resend.isPending} onPress={() => resend.mutate()}>
            {t('mfa.resend')}
          </Button>
          <InlineAlert tone={resend.isError ? 'error' : 'success'}>
            {resend.isSuccess && t('mfa.resent')}
            {resend.isError && problemText(resend.error)}
          </InlineAlert>
        </div>
      )}
      <p className="aside">
        <Button variant="quiet" onPress={() => void signOut()}>
          {t('mfa.cancel')}
        </Button>
      </p>
    </section>
  );
}
