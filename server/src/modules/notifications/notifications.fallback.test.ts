import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  signIn,
  startIdentityApp,
  type IdentityApp,
} from '../../../test/identity-fixtures.ts';
import type { Channel, Channels } from './notifications.channels.ts';
import type { NotificationsDeps } from './notifications.deps.ts';
import type { OutwardChannel } from './notifications.plan.ts';
import { book, messagesOf, scene, type Scene } from './notifications.fixtures.ts';

/**
 * The order outward channels are tried in: the organization's, overridden per appointment type,
 * read at delivery from the type the message was planned for; a failing channel falls through.
 */

let h: IdentityApp;
let s: Scene;
let deps: NotificationsDeps;
let saved: Pick<NotificationsDeps, 'channels' | 'addresses'>;
const sent: { channel: OutwardChannel; key: string }[] = [];
const failing = new Set<OutwardChannel>();

const recording = (name: OutwardChannel): Channel => ({
  name,
  send(m) {
    if (failing.has(name)) return Promise.reject(new Error(`${name} is down`));
    sent.push({ channel: name, key: m.idempotencyKey });
    return Promise.resolve({ vendorId: `${name}:${m.idempotencyKey}` });
  },
});

beforeAll(async () => {
  h = await startIdentityApp();
  h.clock.set(new Date('2030-01-15T14:00:00Z'));
  s = await scene(h, { channels: ['email', 'sms'] });
  deps = h.notifications.deps;
  saved = { channels: deps.channels, addresses: deps.addresses };
  const channels: Channels = { email: recording('email'), sms: recording('sms') };
  deps.channels = channels;
  deps.addresses = (_q, _org, patients, channel) =>
    Promise.resolve(
      new Map(patients.map((p) => [p, channel === 'email' ? s.email : '+15555550100'])),
    );
});
afterAll(async () => {
  Object.assign(deps, saved);
  await h.close();
});

async function confirmationChannel(days: number) {
  const a = await book(h, s, days);
  await h.notifications.deliverDue();
  const [confirmation] = (await messagesOf(h, a.id)).filter((m) => m.kind === 'confirmation');
  return { channel: confirmation!.channel, status: confirmation!.status };
}

describe('channel fallback order', () => {
  it('follows the organization’s order, then the type’s own, and falls through a failing channel', async () => {
    const manager = await signIn(h, await addAccount(h, s.org, { roles: ['manager'] }));
    const plan = { confirmations: true, reminderLeadHours: 72, nudgeLeadMinutes: null };
    const org = await manager.request('PUT', '/api/notifications/plan', {
      ...plan,
      channelOrder: ['email', 'sms'],
    });
    expect(org.statusCode, org.body).toBe(204);
    expect(await confirmationChannel(7)).toEqual({ channel: 'email', status: 'sent' });

    const typed = await manager.request('PUT', '/api/notifications/plan', {
      ...plan,
      appointmentTypeId: s.clinic.typeId,
      channelOrder: ['sms', 'email'],
    });
    expect(typed.statusCode, typed.body).toBe(204);
    expect(await confirmationChannel(8)).toEqual({ channel: 'sms', status: 'sent' });

    failing.add('sms');
    try {
      expect(await confirmationChannel(9)).toEqual({ channel: 'email', status: 'sent' });
    } finally {
      failing.delete('sms');
    }
  });

  it('a message planned before the type had an order of its own uses the organization’s', async () => {
    const a = await book(h, s, 10);
    await h.db.query(
      `update notification_messages set appointment_type_id = null
        where appointment_id = $1 and kind = 'confirmation'`,
      [a.id],
    );
    await h.notifications.deliverDue();
    const [confirmation] = (await messagesOf(h, a.id)).filter((m) => m.kind === 'confirmation');
    expect(confirmation!.channel).toBe('email');
  });

  it('shows managers the plan in force for the organization and for a type, and where it comes from', async () => {
    const manager = await signIn(h, await addAccount(h, s.org, { roles: ['manager'] }));
    const orgPlan = await manager.get('/api/notifications/plan');
    expect(orgPlan.statusCode, orgPlan.body).toBe(200);
    expect(orgPlan.json()).toMatchObject({
      appointmentTypeId: null,
      source: 'organization',
      channelOrder: ['email', 'sms'],
    });
    const typePlan = await manager.get(
      `/api/notifications/plan?appointmentTypeId=${s.clinic.typeId}`,
    );
    expect(typePlan.json()).toMatchObject({ source: 'type', channelOrder: ['sms', 'email'] });

    const other = await scene(h);
    const fresh = await signIn(h, await addAccount(h, other.org, { roles: ['manager'] }));
    expect((await fresh.get('/api/notifications/plan')).json()).toMatchObject({
      source: 'default',
      channelOrder: ['email', 'sms', 'push'],
    });
    const foreign = await fresh.get(`/api/notifications/plan?appointmentTypeId=${s.clinic.typeId}`);
    expect(foreign.statusCode).toBe(404);
  });
});
