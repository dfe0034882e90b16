import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { changePassword } from '../../api/account.ts';
import { Button } from '../../components/button.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { PasswordField } from '../../components/password-field.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { accountMessages } from './account.messages.ts';
import { devicesQuery } from './account.queries.ts';

/** A new password; the server signs every other device out, so the device list is read again. */
export function PasswordSection() {
  const t = useMessages(accountMessages);
  const queryClient = useQueryClient();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const change = useMutation({
    mutationFn: () => changePassword({ currentPassword, newPassword }),
    onSuccess: () => {
      setCurrent('');
      setNew('');
      void queryClient.invalidateQueries({ queryKey: devicesQuery.queryKey });
    },
  });
  return (
    <section className="section card account-section" aria-labelledby="password-heading">
      <h2 id="password-heading">{t('account.password.title')}</h2>
      <InlineAlert tone="success">
        {change.isSuccess ? t('account.password.changed') : null}
      </InlineAlert>
      <Form error={change.error} onSubmit={() => change.mutate()}>
        <PasswordField
          purpose="current"
          label={t('account.password.current')}
          name="currentPassword"
          isRequired
          value={currentPassword}
          onChange={(v) => {
            change.reset();
            setCurrent(v);
          }}
        />
        <PasswordField
          purpose="new"
          label={t('account.password.new')}
          name="newPassword"
          isRequired
          value={newPassword}
          onChange={setNew}
        />
        <FormActions>
          <Button type="submit" isPending={change.isPending}>
            {t('account.password.submit')}
          </Button>
        </FormActions>
      </Form>
    </section>
  );
}
