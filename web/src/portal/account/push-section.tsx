import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { deletePushSubscription, fetchVapidKey, savePushSubscription } from '../../api/push.ts';
import { Button } from '../../components/button.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { accountMessages } from './account.messages.ts';

/** The server's id of this browser's subscription (an opaque id, no PHI). */
const idKey = 'hourglass.push.subscription';

const supported = () =>
  typeof window !== 'undefined' &&
  'serviceWorker' in navigator &&
  'PushManager' in window &&
  'Notification' in window;

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

async function registration() {
  await navigator.serviceWorker.register('/sw.js');
  return navigator.serviceWorker.ready;
}

type State = 'checking' | 'unsupported' | 'off' | 'on' | 'denied';

/** "Notifications on this device": Web Push to this browser, on or off, and why not. */
export function PushSection() {
  const t = useMessages(accountMessages);
  const [state, setState] = useState<State>('checking');
  const vapid = useQuery({
    queryKey: ['push', 'vapid'],
    queryFn: fetchVapidKey,
    enabled: supported(),
  });

  useEffect(() => {
    if (!supported()) return void setState('unsupported');
    if (Notification.permission === 'denied') return void setState('denied');
    void registration()
      .then((r) => r.pushManager.getSubscription())
      .then((s) => setState(s && localStorage.getItem(idKey) ? 'on' : 'off'))
      .catch(() => setState('unsupported'));
  }, []);

  const turnOn = useMutation({
    mutationFn: async () => {
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') return 'denied' as const;
      const r = await registration();
      const sub = await r.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(vapid.data!),
      });
      localStorage.setItem(idKey, await savePushSubscription(sub.toJSON()));
      return 'on' as const;
    },
    onSuccess: setState,
  });
  const turnOff = useMutation({
    mutationFn: async () => {
      const r = await registration();
      await (await r.pushManager.getSubscription())?.unsubscribe();
      const id = localStorage.getItem(idKey);
      localStorage.removeItem(idKey);
      if (id) await deletePushSubscription(id).catch(() => undefined);
      return 'off' as const;
    },
    onSuccess: setState,
  });

  const off = vapid.isSuccess && vapid.data === null;
  return (
    <section className="section card account-section" aria-labelledby="push-heading">
      <h2 id="push-heading">{t('account.push.title')}</h2>
      <p className="muted">{t('account.push.lead')}</p>
      <p role="status">
        {state === 'on' && t('account.push.on')}
        {state === 'off' && !off && t('account.push.off')}
      </p>
      {state === 'unsupported' && (
        <InlineAlert tone="info">{t('account.push.unsupported')}</InlineAlert>
      )}
      {off && state !== 'unsupported' && (
        <InlineAlert tone="info">{t('account.push.disabled')}</InlineAlert>
      )}
      {state === 'denied' && <InlineAlert tone="error">{t('account.push.denied')}</InlineAlert>}
      <InlineAlert tone="error">
        {turnOn.isError || turnOff.isError ? t('account.push.failed') : null}
      </InlineAlert>
      {state === 'off' && vapid.data && (
        <Button isPending={turnOn.isPending} onPress={() => turnOn.mutate()}>
          {t('account.push.turnOn')}
        </Button>
      )}
      {state === 'on' && (
        <Button variant="secondary" isPending={turnOff.isPending} onPress={() => turnOff.mutate()}>
          {t('account.push.turnOff')}
        </Button>
      )}
    </section>
  );
}
