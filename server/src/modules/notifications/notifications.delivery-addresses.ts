import { RecordUnreadable } from '../../platform/crypto/unreadable.ts';
import type { Queryable } from '../../platform/db/db.ts';
import type { MessagingPreferences } from '../patients/patients.messaging.ts';
import type { BatchContext } from './notifications.delivery-batch.ts';
import type { NotificationsDeps } from './notifications.deps.ts';
import type { OutwardChannel } from './notifications.plan.ts';
import type { MessageRow } from './notifications.store.ts';

/** A message's addresses by channel; a damaged one is a RecordUnreadable (the message fails). */
export type Addresses = Map<OutwardChannel, string | RecordUnreadable>;

/**
 * The outward channels of the plan's order that the patient consented to, the app has an
 * adapter for and (a PHI-handling vendor) the organization has an agreement in force with.
 */
export function candidates(
  deps: NotificationsDeps,
  c: { m: MessageRow; prefs: MessagingPreferences | undefined; ctx: BatchContext },
): OutwardChannel[] {
  const consented = new Set<string>(c.prefs?.channels ?? []);
  const { channelOrder } = c.ctx.plan({
    org: c.m.organization_id,
    typeId: c.m.appointment_type_id,
  });
  return channelOrder.filter((name) => {
    const adapter = deps.channels[name];
    // Push is consented by subscribing a browser (its address exists only then) and withdrawn by
    // unsubscribing it: no preference flag of its own.
    if (!adapter || (name !== 'push' && !consented.has(name))) return false;
    return !adapter.handlesPhi || !!c.ctx.agreements.get(name)?.has(c.m.organization_id);
  });
}

/**
 * The addresses of a claimed batch: for every candidate channel of every message (a channel that
 * fails at send time falls to the next, so each may be needed), read one statement per
 * organization and channel and decrypted a batch at a time.
 */
export async function loadAddresses(
  deps: NotificationsDeps,
  tx: Queryable,
  claimed: { m: MessageRow; prefs: MessagingPreferences | undefined; ctx: BatchContext }[],
): Promise<Addresses[]> {
  const wanted = new Map<string, { org: string; channel: OutwardChannel; ids: Set<string> }>();
  const channelsOf = claimed.map((c) => candidates(deps, c));
  claimed.forEach((c, i) => {
    for (const channel of channelsOf[i]!) {
      const key = `${c.m.organization_id}|${channel}`;
      const w = wanted.get(key) ?? { org: c.m.organization_id, channel, ids: new Set() };
      wanted.set(key, w.ids.add(c.m.patient_id) && w);
    }
  });
  const found = new Map<string, Map<string, string | RecordUnreadable>>();
  for (const [key, w] of wanted) {
    found.set(key, await deps.addresses(tx, w.org, [...w.ids], w.channel));
  }
  return claimed.map((c, i) => {
    const out: Addresses = new Map();
    for (const channel of channelsOf[i]!) {
      const a = found.get(`${c.m.organization_id}|${channel}`)!.get(c.m.patient_id);
      if (a !== undefined) out.set(channel, a);
    }
    return out;
  });
}

/** The message's address on a channel, or null without one; a damaged one fails the message. */
export function addressOn(addresses: Addresses, channel: OutwardChannel): string | null {
  const a = addresses.get(channel);
  if (a instanceof RecordUnreadable) throw a;
  return a ?? null;
}
