import { get, post, request, seg } from './client.ts';

/** The server's VAPID public key, or null when push is off there. */
export const fetchVapidKey = () =>
  get<{ publicKey: string | null }>('/api/push/vapid-public-key').then((r) => r.publicKey);

/** Hands the server this browser's subscription; answers its id. */
export const savePushSubscription = (sub: PushSubscriptionJSON) =>
  post<{ id: string }>('/api/me/push-subscriptions', {
    endpoint: sub.endpoint,
    keys: { p256dh: sub.keys?.p256dh, auth: sub.keys?.auth },
  }).then((r) => r.id);

export const deletePushSubscription = (id: string) =>
  request<void>('DELETE', `/api/me/push-subscriptions/${seg(id)}`);
