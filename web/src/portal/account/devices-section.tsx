import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { signOutDevice, type Device } from '../../api/account.ts';
import { Button } from '../../components/button.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { accountMessages } from './account.messages.ts';
import { devicesQuery } from './account.queries.ts';

/** Where the account is signed in; any other device can be signed out, or all of them. */
export function DevicesSection() {
  const t = useMessages(accountMessages);
  const intl = useIntl();
  const problemText = useProblemText();
  const queryClient = useQueryClient();
  const devices = useQuery(devicesQuery);
  const [notice, setNotice] = useState<string | null>(null);
  const others = (devices.data ?? []).filter((d) => !d.current);
  const end = useMutation({
    mutationFn: async (ids: string[]) => {
      for (const id of ids) await signOutDevice(id);
      return ids.length;
    },
    onSuccess: (count) => setNotice(t('account.devices.signedOut', { count })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: devicesQuery.queryKey }),
  });
  const when = (iso: string) => intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
  const name = (d: Device) => (d.current ? t('account.devices.this') : d.device);

  return (
    <section className="section card account-section" aria-labelledby="devices-heading">
      <h2 id="devices-heading">{t('account.devices.title')}</h2>
      <p className="muted">{t('account.devices.lead')}</p>
      <InlineAlert tone="success">{notice}</InlineAlert>
      <InlineAlert tone="error">{end.error ? problemText(end.error) : null}</InlineAlert>
      {devices.isPending && <Loading label={t('account.loading')} />}
      {devices.isError && <InlineAlert tone="error">{t('account.error')}</InlineAlert>}
      {devices.data && (
        <ul className="rows" aria-label={t('account.devices.title')}>
          {devices.data.map((d) => (
            <li key={d.id} className="row">
              <div>
                <p className="row-title">
                  {d.device}
                  {d.current && <span className="tag">{t('account.devices.this')}</span>}
                </p>
                <p className="muted">{t('account.devices.seen', { date: when(d.lastSeenAt) })}</p>
                <p className="muted">{t('account.devices.where', { location: d.location })}</p>
              </div>
              {!d.current && (
                <Button
                  variant="secondary"
                  aria-label={t('account.devices.signOutLabel', {
                    device: name(d),
                    date: when(d.lastSeenAt),
                  })}
                  isPending={end.isPending && end.variables?.includes(d.id)}
                  onPress={() => {
                    setNotice(null);
                    end.mutate([d.id]);
                  }}
                >
                  {t('account.devices.signOut')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {devices.data && others.length === 0 && <p>{t('account.devices.onlyThis')}</p>}
      {others.length > 1 && (
        <Button
          variant="secondary"
          onPress={() => {
            setNotice(null);
            end.mutate(others.map((d) => d.id));
          }}
        >
          {t('account.devices.signOutOthers')}
        </Button>
      )}
    </section>
  );
}
