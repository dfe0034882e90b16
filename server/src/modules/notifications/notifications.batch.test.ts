import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityApp, type IdentityApp } from '../../../test/identity-fixtures.ts';
import type { Mailer } from '../../platform/mail/mail.ts';
import { resolveActionLink } from './notifications.actions.ts';
import { emailChannel, type Channel } from './notifications.channels.ts';
import { deliverMany } from './notifications.delivery.ts';
import type { NotificationsDeps } from './notifications.deps.ts';
import type { OutwardChannel } from './notifications.plan.ts';
import { book, messagesOf, scene } from './notifications.fixtures.ts';

/**
 * Delivery a batch at a time: what a batch reads once (preferences, zones, plans, templates,
 * agreements) still answers for each message's own patient and clinic; action links exist before
 * the message leaves; and a batch whose record fails is left `sending`, never sent again.
 */

let h: IdentityApp;
let deps: NotificationsDeps;
let saved: Pick<NotificationsDeps, 'channels' | 'addresses' | 'audit'>;
const sent: { channel: OutwardChannel; key: string; text: string; linkLive?: boolean }[] = [];

const recording = (name: OutwardChannel, handlesPhi = false): Channel => ({
  name,
  handlesPhi,
  async send(m) {
    const token = /#token=([A-Za-z0-9_-]{43})/.exec(m.text)?.[1];
    const linkLive = token ? !!(await resolveActionLink(h.db, token, h.clock.now())) : undefined;
    sent.push({
      channel: name,
      key: m.idempotencyKey,
      text: m.text,
      ...(token ? { linkLive } : {}),
    });
    return { vendorId: `${name}:${m.idempotencyKey}` };
  },
});

beforeAll(async () => {
  h = await startIdentityApp();
  // 09:00 in New York, 23:00 in Tokyo.
  h.clock.set(new Date('2030-01-15T14:00:00Z'));
  deps = h.notifications.deps;
  saved = { channels: deps.channels, addresses: deps.addresses, audit: deps.audit };
  deps.channels = { email: recording('email'), sms: recording('sms', true) };
  deps.addresses = (_q, _org, patients, channel) =>
    Promise.resolve(
      new Map(patients.map((p) => [p, channel === 'email' ? `${p}@example.org` : '+15555550100'])),
    );
});
afterAll(async () => {
  Object.assign(deps, saved);
  await h.close();
});

describe('delivery a batch at a time', () => {
  it('one batch follows each patient’s own channel, language, zone and clinic agreement', async () => {
    sent.length = 0;
    const spanish = await scene(h, { channels: ['sms'], language: 'es' });
    await h.db.query(
      `insert into vendor_agreements (organization_id, vendor, signed_on, recorded_by)
       values ($1, 'sms', '2029-01-01', 'test')`,
      [spanish.clinic.orgId],
    );
    const tokyo = await scene(h, { channels: ['email'] });
    const noAgreement = await scene(h, { channels: ['sms'] });
    const [a, b, c] = [
      await book(h, spanish, 7),
      await book(h, tokyo, 7),
      await book(h, noAgreement, 7),
    ];

    // The patient moved to Tokyo after booking: 23:00 there now.
    await h.db.query(
      `update patient_preferences set time_zone = 'Asia/Tokyo' where patient_id = $1`,
      [tokyo.patientId],
    );
    const outcomes = await h.notifications.deliverDue(50);
    expect(outcomes.sort()).toEqual(['deferred', 'sent', 'sent']);

    const [sms] = (await messagesOf(h, a.id)).filter((m) => m.kind === 'confirmation');
    expect(sms).toMatchObject({ status: 'sent', channel: 'sms' });
    expect(sms!.body).toContain('cita');
    // It waits for 08:00 in the patient's zone now.
    const [quiet] = (await messagesOf(h, b.id)).filter((m) => m.kind === 'confirmation');
    expect(quiet).toMatchObject({ status: 'scheduled', channel: null });
    expect(quiet!.due_at.toISOString()).toBe('2030-01-15T23:00:00.000Z');
    // Without the clinic's agreement with the SMS vendor, only the portal inbox holds it.
    const [portal] = (await messagesOf(h, c.id)).filter((m) => m.kind === 'confirmation');
    expect(portal).toMatchObject({ status: 'sent', channel: 'portal' });
    expect(sent.map((x) => x.channel)).toEqual(['sms']);
  });

  it('a message whose visit was cancelled or moved behind its back is not sent', async () => {
    sent.length = 0;
    const s = await scene(h, { channels: ['email'] });
    const [cancelled, moved] = [await book(h, s, 7), await book(h, s, 8)];
    // Paths that forgot to cancel the pending messages: the claim reads the visit itself.
    await h.db.query(`update appointments set status = 'cancelled' where id = $1`, [cancelled.id]);
    await h.db.query(
      `update appointments set starts_at = starts_at + interval '1 minute' where id = $1`,
      [moved.id],
    );
    const outcomes = await h.notifications.deliverDue(50);
    expect(outcomes).toEqual(['gone', 'gone']);
    for (const a of [cancelled, moved]) {
      const [confirmation] = (await messagesOf(h, a.id)).filter((m) => m.kind === 'confirmation');
      expect(confirmation!.status).toBe('cancelled');
    }
    expect(sent).toEqual([]);
  });

  it('a worker’s batch of jobs is claimed together; a job whose message is gone has nothing to do', async () => {
    sent.length = 0;
    const s = await scene(h, { channels: ['email'] });
    const [kept, cancelled] = [await book(h, s, 7), await book(h, s, 8)];
    const ids = async (a: { id: string }) =>
      (await messagesOf(h, a.id)).find((m) => m.kind === 'confirmation')!.id;
    const [keptId, cancelledId] = [await ids(kept), await ids(cancelled)];
    await h.db.query(`update notification_messages set status = 'cancelled' where id = $1`, [
      cancelledId,
    ]);
    expect(await deliverMany(deps, [cancelledId, keptId], 5)).toEqual(['sent']);
    expect(await deliverMany(deps, [cancelledId, keptId], 5)).toEqual([]);
    expect(sent.map((x) => x.key)).toEqual([`${kept.id}:confirmation`]);
  });

  it('a reminder’s action links are live before the message leaves', async () => {
    sent.length = 0;
    const s = await scene(h, { channels: ['email'] });
    const a = await book(h, s, 7);
    await h.notifications.deliverDue(50);
    const reminder = (await messagesOf(h, a.id)).find((m) => m.kind === 'reminder')!;
    const at = h.clock.now();
    h.clock.set(new Date(reminder.due_at.getTime() + 60_000));
    try {
      await h.notifications.deliverDue(50);
    } finally {
      h.clock.set(at);
    }
    const mail = sent.find((x) => x.key === `${a.id}:reminder`);
    expect(mail?.linkLive).toBe(true);
  });

  it('a batch whose record fails is never sent again by itself, and is surfaced as unconfirmed', async () => {
    sent.length = 0;
    const s = await scene(h, { channels: ['email'] });
    const a = await book(h, s, 7);
    deps.audit = {
      ...saved.audit,
      record: () => Promise.reject(new Error('database went away')),
    };
    try {
      await expect(h.notifications.deliverDue(50)).rejects.toThrow('database went away');
    } finally {
      deps.audit = saved.audit;
    }
    const [confirmation] = (await messagesOf(h, a.id)).filter((m) => m.kind === 'confirmation');
    expect(confirmation!.status).toBe('sending');
    await h.notifications.deliverDue(50);
    expect(await h.notifications.deliver(confirmation!.id)).toBe('gone');
    expect(sent.filter((x) => x.key === `${a.id}:confirmation`)).toHaveLength(1);

    // The sweep surfaces it once the claim is clearly lost: failed, delivery unconfirmed, audited.
    const start = h.clock.now();
    h.clock.set(new Date(start.getTime() + 29 * 60_000));
    expect(await h.notifications.failLostClaims()).toBe(0);
    h.clock.set(new Date(start.getTime() + 31 * 60_000));
    try {
      expect(await h.notifications.failLostClaims()).toBeGreaterThanOrEqual(1);
    } finally {
      h.clock.set(start);
    }
    const lost = (await messagesOf(h, a.id)).find((m) => m.id === confirmation!.id)!;
    expect([lost.status, lost.delivery_status]).toEqual(['failed', 'unconfirmed']);
    const { rows } = await h.db.query<{ outcome: string }>(
      `select outcome from audit_events where action = 'notification.unconfirmed'
        and resource_id = $1`,
      [lost.id],
    );
    expect(rows).toEqual([{ outcome: 'failed' }]);
    await h.notifications.deliverDue(50);
    expect(sent.filter((x) => x.key === `${a.id}:confirmation`)).toHaveLength(1);
  });

  it('an email’s Message-ID is derived from the idempotency key: a resend of it is the same message', async () => {
    const ids: string[] = [];
    const mailer: Mailer = {
      send: (m) => {
        ids.push(m.messageId!);
        return Promise.resolve();
      },
    };
    const email = emailChannel(mailer, 'clinic.example');
    const message = { to: 'p@example.org', subject: 's', text: 't' };
    await email.send({ ...message, idempotencyKey: 'k1' });
    await email.send({ ...message, idempotencyKey: 'k1' });
    await email.send({ ...message, idempotencyKey: 'k2' });
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });
});
