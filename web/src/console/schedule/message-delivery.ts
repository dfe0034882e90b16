import { useMessages } from '../../i18n/use-messages.ts';
import { messageLogMessages } from './message-log.messages.ts';

/**
 * Delivery states worth a word to staff in the message log: a carrier's final answer (SMS status
 * callbacks), or `unconfirmed` — a claim lost with its worker, which may not have arrived.
 * `accepted`, `queued`, `sent` and the like say nothing the message's status does not.
 */
export const shownDeliveries = [
  'delivered',
  'undelivered',
  'failed',
  'read',
  'unconfirmed',
] as const;
export type ShownDelivery = (typeof shownDeliveries)[number];

export function shownDelivery(status: string | null): ShownDelivery | null {
  return (shownDeliveries as readonly string[]).includes(status ?? '')
    ? (status as ShownDelivery)
    : null;
}

/** A message's status in words, with the delivery state worth naming: "Failed: unconfirmed…". */
export function useMessageStatus() {
  const t = useMessages(messageLogMessages);
  return (m: { status: string; deliveryStatus: string | null }) => {
    const status = t(`log.status.${m.status as 'sent'}`);
    const delivery = shownDelivery(m.deliveryStatus);
    return delivery
      ? t('log.delivery', { status, delivery: t(`log.delivery.${delivery}`) })
      : status;
  };
}
