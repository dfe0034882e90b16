import { useState } from 'react';
import { stepUp } from '../api/identity.ts';
import { ApiError } from '../api/problem.ts';
import { useSession } from '../api/queries.ts';
import { Button } from '../components/button.tsx';
import { Dialog } from '../components/dialog.tsx';
import { Form, FormActions } from '../components/form.tsx';
import { PasswordField } from '../components/password-field.tsx';
import { RadioGroup } from '../components/radio-group.tsx';
import { TextField } from '../components/text-field.tsx';
import { useMessages } from '../i18n/use-messages.ts';
import { appMessages } from './app.messages.ts';

/** "Confirm it is you": the password, or a code from the authenticator app when there is one. */
export default function StepUpDialog({ onDone }: { onDone: (ok: boolean) => void }) {
  const t = useMessages(appMessages);
  const { data: session } = useSession();
  const [method, setMethod] = useState<'password' | 'code'>('password');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);

  const confirm = async () => {
    setSending(true);
    setError(null);
    try {
      await stepUp(method === 'password' ? { password: secret } : { code: secret.trim() });
      setSecret('');
      onDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  };

  const hasCode = session?.account.mfaEnabled ?? false;
  // A wrong password is a validation problem about `currentPassword`; say it in our words.
  const wrongPassword =
    error instanceof ApiError && error.fieldErrors['/body/currentPassword'] !== undefined;
  return (
    <Dialog
      title={t('stepUp.title')}
      isOpen
      onOpenChange={(isOpen) => {
        if (!isOpen) onDone(false);
      }}
    >
      <p>{t('stepUp.text')}</p>
      <Form
        error={error}
        fieldErrors={wrongPassword ? { password: t('stepUp.wrongPassword') } : undefined}
        onSubmit={() => void confirm()}
      >
        {hasCode && (
          <RadioGroup
            label={t('stepUp.method')}
            value={method}
            onChange={(v) => {
              setMethod(v as 'password' | 'code');
              setSecret('');
            }}
            choices={[
              { value: 'password', label: t('stepUp.password') },
              { value: 'code', label: t('stepUp.code') },
            ]}
          />
        )}
        {method === 'password' ? (
          <PasswordField
            purpose="current"
            label={t('stepUp.passwordLabel')}
            name="password"
            isRequired
            autoFocus
            value={secret}
            onChange={setSecret}
          />
        ) : (
          <TextField
            label={t('stepUp.codeLabel')}
            name="code"
            isRequired
            autoFocus
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={secret}
            onChange={setSecret}
          />
        )}
        <FormActions>
          <Button type="submit" isPending={sending}>
            {t('stepUp.confirm')}
          </Button>
          <Button variant="secondary" onPress={() => onDone(false)}>
            {t('stepUp.cancel')}
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
