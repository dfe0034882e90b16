import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { sendActionCode, verifyActionCode } from '../../api/messages.ts';
import { refreshSession } from '../../api/queries.ts';
import { Button } from '../../components/button.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { TextField } from '../../components/text-field.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { messagesMessages } from './messages.messages.ts';

/**
 * Instead of signing in: a code sent to the email on file (or texted, to a patient the message
 * reached by SMS), entered here, starts a session that reaches this link's appointment only.
 * Nothing more is shown until it is entered.
 */
export function ActionCode({ token, onVerified }: { token: string; onVerified: () => void }) {
  const t = useMessages(messagesMessages);
  const problemText = useProblemText();
  const client = useQueryClient();
  const [code, setCode] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const send = useMutation({ mutationFn: () => sendActionCode(token) });
  const verify = useMutation({
    mutationFn: () => verifyActionCode({ token, code: code.trim() }),
    onSuccess: async () => {
      await refreshSession(client);
      onVerified();
    },
  });
  useEffect(() => {
    if (send.isSuccess) heading.current?.focus();
  }, [send.isSuccess]);

  if (!send.isSuccess) {
    return (
      <>
        <InlineAlert tone="error">{send.error ? problemText(send.error) : null}</InlineAlert>
        <Button variant="secondary" onPress={() => send.mutate()} isPending={send.isPending}>
          {t('action.sendCode')}
        </Button>
      </>
    );
  }
  const texted = send.data?.next === 'check-phone';
  return (
    <>
      <h2 ref={heading} tabIndex={-1}>
        {texted ? t('action.checkPhone') : t('action.checkEmail')}
      </h2>
      <p>{texted ? t('action.codeTexted') : t('action.codeSent')}</p>
      <Form error={verify.error} onSubmit={() => verify.mutate()}>
        <TextField
          label={t('action.code')}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          inputClassName="input-code"
          isRequired
          validate={(v) => (/^\s*\d{6}\s*$/.test(v) ? null : t('action.codeInvalid'))}
          value={code}
          onChange={setCode}
        />
        <FormActions>
          <Button type="submit" isPending={verify.isPending}>
            {t('action.continue')}
          </Button>
          <Button variant="quiet" onPress={() => send.mutate()}>
            {t('action.resend')}
          </Button>
        </FormActions>
      </Form>
    </>
  );
}
