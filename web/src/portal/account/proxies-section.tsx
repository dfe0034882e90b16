import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { grantProxy, revokeConsent, type Consent } from '../../api/account.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { RadioGroup } from '../../components/radio-group.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { accountMessages } from './account.messages.ts';
import { consentsQuery } from './account.queries.ts';

type Scope = Consent['scope'];
const scopes: Scope[] = ['scheduling', 'scheduling_and_messages'];

/** Family members and caregivers: who may act for the patient, granting and ending access. */
export function ProxiesSection({ patientId }: { patientId: string }) {
  const t = useMessages(accountMessages);
  const intl = useIntl();
  const queryClient = useQueryClient();
  const consents = useQuery(consentsQuery(patientId));
  const [email, setEmail] = useState('');
  const [scope, setScope] = useState<Scope>('scheduling');
  const [notice, setNotice] = useState<string | null>(null);
  const [ending, setEnding] = useState<Consent | null>(null);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: consentsQuery(patientId).queryKey });
  const nameOf = (c: Consent) => c.proxyName || t('account.proxies.unnamed');
  const date = (iso: string) => intl.formatDate(iso, { dateStyle: 'medium' });

  const grant = useMutation({
    mutationFn: () => grantProxy(patientId, { proxyEmail: email.trim(), scope }),
    // The same words whether or not that email has an account here: the page does not tell.
    onSuccess: () => {
      setNotice(t('account.proxies.sent', { email: email.trim() }));
      setEmail('');
    },
    onSettled: refresh,
  });
  const revoke = useMutation({
    mutationFn: (c: Consent) => revokeConsent(patientId, c.id),
    // The consent as listed (with the name), not the answer's.
    onSuccess: (_, c) => setNotice(t('account.proxies.revokedNotice', { name: nameOf(c) })),
    onSettled: async () => {
      setEnding(null);
      await refresh();
    },
  });
  const list = consents.data ?? [];
  const active = list.filter((c) => !c.revokedAt);
  const ended = list.filter((c) => c.revokedAt);

  return (
    <section className="section card account-section" aria-labelledby="proxies-heading">
      <h2 id="proxies-heading">{t('account.proxies.title')}</h2>
      <p className="muted">{t('account.proxies.lead')}</p>
      <InlineAlert tone="success">{notice}</InlineAlert>
      {consents.isPending && <Loading label={t('account.loading')} />}
      {consents.isError && <InlineAlert tone="error">{t('account.error')}</InlineAlert>}
      {consents.isSuccess && active.length === 0 && <p>{t('account.proxies.none')}</p>}
      {list.length > 0 && (
        <ul className="rows" aria-label={t('account.proxies.title')}>
          {[...active, ...ended].map((c) => (
            <li key={c.id} className="row">
              <div>
                <p className="row-title">{nameOf(c)}</p>
                <p className="muted">{t(`account.proxies.scope.${c.scope}`)}</p>
                <p className="muted">
                  {c.revokedAt
                    ? t('account.proxies.revoked', { date: date(c.revokedAt) })
                    : c.validUntil
                      ? t('account.proxies.until', { date: date(c.validUntil) })
                      : t('account.proxies.since', { date: date(c.grantedAt) })}
                </p>
              </div>
              {!c.revokedAt && (
                <Button
                  variant="secondary"
                  aria-label={t('account.proxies.revokeLabel', { name: nameOf(c) })}
                  onPress={() => {
                    setNotice(null);
                    setEnding(c);
                  }}
                >
                  {t('account.proxies.revoke')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('account.proxies.grantTitle')}</h3>
      <Form
        error={grant.error}
        onSubmit={() => {
          setNotice(null);
          grant.mutate();
        }}
      >
        <TextField
          label={t('account.proxies.email')}
          name="proxyEmail"
          type="email"
          autoComplete="off"
          isRequired
          value={email}
          onChange={(v) => {
            grant.reset();
            setEmail(v);
          }}
        />
        <RadioGroup
          label={t('account.proxies.scope')}
          value={scope}
          onChange={(v) => setScope(v as Scope)}
          choices={scopes.map((s) => ({ value: s, label: t(`account.proxies.scope.${s}`) }))}
        />
        <FormActions>
          <Button type="submit" isPending={grant.isPending}>
            {t('account.proxies.grant')}
          </Button>
        </FormActions>
      </Form>
      {ending && (
        <Dialog
          title={t('account.proxies.revokeTitle')}
          isOpen
          onOpenChange={(open) => !open && setEnding(null)}
        >
          <p>{t('account.proxies.revokeText', { name: nameOf(ending) })}</p>
          <FormActions>
            <Button
              variant="danger"
              isPending={revoke.isPending}
              onPress={() => revoke.mutate(ending)}
            >
              {t('account.proxies.revokeConfirm')}
            </Button>
            <Button variant="secondary" onPress={() => setEnding(null)}>
              {t('account.proxies.back')}
            </Button>
          </FormActions>
        </Dialog>
      )}
    </section>
  );
}
