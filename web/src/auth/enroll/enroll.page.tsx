import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { confirmEnrollment } from '../../api/identity.ts';
import { refreshSession } from '../../api/queries.ts';
import { Button } from '../../components/button.tsx';
import { Checkbox } from '../../components/checkbox.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { QrCode } from '../../components/qr-code.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { destinationFor } from '../destination.ts';
import { enrollMessages } from './enroll.messages.ts';
import { enrollmentQuery } from './enroll.queries.ts';

/** The secret in groups of four, easier to type into an app. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * TOTP enrollment for a session at stage `enroll` (a workforce account's first sign-in), or for
 * a signed-in patient who chooses it from their account: the secret as a QR code and as text, a
 * code to confirm it, then the recovery codes, shown once.
 */
export function EnrollPage() {
  const t = useMessages(enrollMessages);
  const problemText = useProblemText();
  // At sign-in (/sign-in/enroll) or from a patient's account (/account/authenticator).
  const { redirect } = useSearch({ strict: false });
  const queryClient = useQueryClient();
  const router = useRouter();
  const enrollment = useQuery(enrollmentQuery);
  const [code, setCode] = useState('');
  const [saved, setSaved] = useState(false);
  const confirm = useMutation({ mutationFn: () => confirmEnrollment(code.replace(/\s+/g, '')) });

  const finish = async () => {
    const session = await refreshSession(queryClient);
    if (session) await router.navigate({ href: destinationFor(session, redirect) });
  };

  if (confirm.data) {
    return (
      <section className="page page-narrow">
        <PageHeading focusOnMount lead={<p>{t('enroll.codes.lead')}</p>}>
          {t('enroll.codes.title')}
        </PageHeading>
        <ul className="recovery-codes" aria-label={t('enroll.codes.list')}>
          {confirm.data.recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <Checkbox isSelected={saved} onChange={setSaved}>
          {t('enroll.codes.saved')}
        </Checkbox>
        <FormActions>
          <Button isDisabled={!saved} onPress={() => void finish()}>
            {t('enroll.codes.continue')}
          </Button>
        </FormActions>
      </section>
    );
  }

  return (
    <section className="page page-narrow">
      <PageHeading lead={<p>{t('enroll.lead')}</p>}>{t('enroll.title')}</PageHeading>
      <ol className="steps">
        <li>
          <h2>{t('enroll.step1')}</h2>
          <p>{t('enroll.step1.text')}</p>
        </li>
        <li>
          <h2>{t('enroll.step2')}</h2>
          <p>{t('enroll.step2.text')}</p>
          {enrollment.isPending && <Loading label={t('enroll.loading')} />}
          {enrollment.isError && (
            <InlineAlert tone="error">{problemText(enrollment.error)}</InlineAlert>
          )}
          {enrollment.data && (
            <div className="enroll-secret">
              <QrCode value={enrollment.data.otpauthUri} label={t('enroll.qr')} />
              <dl>
                <dt>{t('enroll.key')}</dt>
                <dd>
                  <code className="secret">{grouped(enrollment.data.secret)}</code>
                </dd>
              </dl>
            </div>
          )}
        </li>
        <li>
          <h2>{t('enroll.step3')}</h2>
          <Form error={confirm.error} onSubmit={() => confirm.mutate()}>
            <TextField
              label={t('enroll.code')}
              name="code"
              isRequired
              inputMode="numeric"
              autoComplete="one-time-code"
              inputClassName="input-code"
              maxLength={7}
              validate={(v) =>
                /^\d{6}$/.test(v.replace(/\s+/g, '')) ? null : t('enroll.code.invalid')
              }
              value={code}
              onChange={setCode}
            />
            <FormActions>
              <Button type="submit" isPending={confirm.isPending} isDisabled={!enrollment.data}>
                {t('enroll.confirm')}
              </Button>
            </FormActions>
          </Form>
        </li>
      </ol>
    </section>
  );
}
