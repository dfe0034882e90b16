import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  signIn,
  startIdentityApp,
  type IdentityApp,
} from '../../../test/identity-fixtures.ts';
import * as booking from '../booking/booking.service.ts';
import { book, messagesOf, scene, type Scene } from './notifications.fixtures.ts';
import { startSmsPeer, type SmsPeer } from './notifications.sms-peer.ts';

let h: IdentityApp;
let peer: SmsPeer;
let s: Scene;
const phone = '+15550104821'; // ada()'s number, as the vendor is given it

beforeAll(async () => {
  peer = await startSmsPeer();
  h = await startIdentityApp({ env: peer.env });
  h.clock.set(new Date('2030-01-15T14:00:00Z'));
  s = await scene(h, { channels: ['sms'] });
  await agreement(s);
});

/** The clinic's Business Associate Agreement with the SMS vendor, recorded by its admin. */
async function agreement(of: Scene, signedOn = '2029-06-01', expiresOn: string | null = null) {
  const admin = await signIn(h, await addAccount(h, of.org, { roles: ['admin'] }));
  const res = await admin.request('PUT', '/api/notifications/vendors/sms/agreement', {
    signedOn,
    expiresOn,
  });
  expect(res.statusCode, res.body).toBe(204);
  return admin;
}
afterAll(async () => {
  await h.close();
  await peer.close();
});

/** A webhook as the vendor sends it: form-encoded, signed (or with the signature given). */
function webhook(path: string, params: Record<string, string>, signature?: string) {
  const url = `${h.notifications.deps.publicUrl}${path}`;
  return h.app.inject({
    method: 'POST',
    url: path,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signature ?? peer.sign(url, params),
    },
    payload: new URLSearchParams(params).toString(),
  });
}

const reply = (text: string) =>
  webhook('/api/webhooks/sms/inbound', {
    MessageSid: 'SMinbound',
    AccountSid: peer.accountSid,
    From: phone,
    To: peer.from,
    Body: text,
  });

describe('SMS in the Twilio wire format', () => {
  it('sends a patient who chose SMS their confirmation, and records the vendor’s sid', async () => {
    const a = await book(h, s, 7);
    await h.notifications.deliverDue();
    const sent = peer.received.at(-1)!;
    expect(sent).toMatchObject({ to: phone, from: peer.from });
    expect(sent.body).toMatch(/^Riverside Clinic: booked for /);
    expect(sent.statusCallback).toBe(`${h.notifications.deps.publicUrl}/api/webhooks/sms/status`);
    const { rows } = await h.db.query<{ channel: string; vendor_id: string }>(
      `select channel, vendor_id from notification_messages where appointment_id = $1 and kind = 'confirmation'`,
      [a.id],
    );
    expect(rows[0]).toEqual({ channel: 'sms', vendor_id: sent.sid });
  });

  it('takes signed status callbacks, and refuses unsigned ones without changing anything', async () => {
    const sid = peer.received.at(-1)!.sid;
    const params = { MessageSid: sid, MessageStatus: 'delivered', AccountSid: peer.accountSid };
    const forged = await webhook(
      '/api/webhooks/sms/status',
      { ...params, MessageStatus: 'failed' },
      'bm9wZQ==',
    );
    expect(forged.statusCode).toBe(403);
    expect((await webhook('/api/webhooks/sms/status', params)).statusCode).toBe(204);
    const { rows } = await h.db.query(
      'select delivery_status from notification_messages where vendor_id = $1',
      [sid],
    );
    expect(rows).toEqual([{ delivery_status: 'delivered' }]);
    // Callbacks arrive out of order: a late `sent` does not undo `delivered`.
    const late = await webhook('/api/webhooks/sms/status', { ...params, MessageStatus: 'sent' });
    expect(late.statusCode).toBe(204);
    const after = await h.db.query(
      'select delivery_status from notification_messages where vendor_id = $1',
      [sid],
    );
    expect(after.rows).toEqual([{ delivery_status: 'delivered' }]);
  });

  it('C confirms, R answers with a reschedule link, HELP says the keywords', async () => {
    const c = await reply('c');
    expect(c.statusCode, c.body).toBe(200);
    expect(c.headers['content-type']).toContain('text/xml');
    expect(c.body).toContain(
      '<Message>Riverside Clinic: thank you, your appointment is confirmed.</Message>',
    );
    const r = await reply('RESCHEDULE');
    expect(r.body).toMatch(/\/messages\/reschedule#token=[A-Za-z0-9_-]{43}<\/Message>/);
    expect((await reply('HELP')).body).toContain(
      'Reply C to confirm, R to reschedule, STOP to stop',
    );
    const { rows } = await h.db.query<{ response: string }>(
      `select response from notification_messages where patient_id = $1 and response is not null`,
      [s.patientId],
    );
    expect(rows.map((r) => r.response)).toEqual(['reschedule']);
  });

  it('STOP opts out at once: the next message is not texted; START opts back in', async () => {
    const stop = await reply('STOP');
    expect(stop.body).toContain('you will get no more texts');
    const consent = async () =>
      (
        await h.db.query<{ channels: string[] }>(
          'select channels from patient_preferences where patient_id = $1',
          [s.patientId],
        )
      ).rows[0]!.channels;
    expect(await consent()).toEqual([]);
    const before = peer.received.length;
    const a = await book(h, s, 8);
    await h.notifications.deliverDue();
    expect(peer.received.length).toBe(before);
    expect((await messagesOf(h, a.id))[0]).toMatchObject({ status: 'sent', channel: 'portal' });
    expect((await reply('START')).body).toContain('texts are on again');
    expect(await consent()).toEqual(['sms']);
  });

  it('a forged reply is refused, and a number we never texted gets the generic help', async () => {
    const forged = await webhook(
      '/api/webhooks/sms/inbound',
      { From: phone, Body: 'STOP' },
      peer.sign('https://elsewhere.example/api/webhooks/sms/inbound', {
        From: phone,
        Body: 'STOP',
      }),
    );
    expect(forged.statusCode).toBe(403);
    const stranger = await webhook('/api/webhooks/sms/inbound', {
      From: '+15550000000',
      Body: 'C',
    });
    expect(stranger.body).toContain('Hourglass appointment texts');
  });

  it('without a Business Associate Agreement in force, SMS is not used for the clinic', async () => {
    const t = await scene(h, { channels: ['sms'] });
    const before = peer.received.length;
    const a = await book(h, t, 7);
    await h.notifications.deliverDue();
    expect(peer.received.length).toBe(before);
    expect((await messagesOf(h, a.id))[0]).toMatchObject({ status: 'sent', channel: 'portal' });
    // An agreement that expired yesterday is not in force either; the register says so.
    const admin = await agreement(t, '2028-01-01', '2030-01-14');
    const b = await book(h, t, 8);
    await h.notifications.deliverDue();
    expect((await messagesOf(h, b.id))[0]).toMatchObject({ channel: 'portal' });
    expect((await admin.get('/api/notifications/vendors')).json().agreements).toEqual([
      { vendor: 'sms', signedOn: '2028-01-01', expiresOn: '2030-01-14', inForce: false },
    ]);
    const backwards = await admin.request('PUT', '/api/notifications/vendors/sms/agreement', {
      signedOn: '2030-01-01',
      expiresOn: '2029-01-01',
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].pointer).toBe('/body/expiresOn');
    await agreement(t);
    const c = await book(h, t, 9);
    await h.notifications.deliverDue();
    expect((await messagesOf(h, c.id))[0]).toMatchObject({ channel: 'sms' });
  });

  it('a vendor outage falls back to the next channel the patient consented to', async () => {
    const t = await scene(h, { channels: ['sms', 'email'] });
    await agreement(t);
    await h.db.query(
      `insert into notification_plans (organization_id, channel_order, updated_by) values ($1, $2, 'test')`,
      [t.clinic.orgId, ['sms', 'email']],
    );
    peer.failWith = 500;
    try {
      const a = await book(h, t, 7);
      await h.notifications.deliverDue();
      expect((await messagesOf(h, a.id))[0]).toMatchObject({ status: 'sent', channel: 'email' });
      expect(h.smtp.to(t.email)).toHaveLength(1);
    } finally {
      peer.failWith = null;
    }
  });

  it('C or R about a cancelled visit neither confirms it nor sends a link', async () => {
    const t = await scene(h, { channels: ['sms'] });
    await agreement(t);
    const a = await book(h, t, 7);
    await booking.transition(t.desk, h.booking, t.clinic.orgId, a.id, 'cancel', {
      body: { reasonCode: 'provider_unavailable' },
    });
    await h.notifications.deliverDue();
    expect(peer.received.at(-1)!.body).toMatch(/^Riverside Clinic: your .* is cancelled/);
    const c = await reply('C');
    expect(c.body).toContain('can no longer be confirmed or changed by text');
    const r = await reply('R');
    expect(r.body).not.toContain('/messages/');
    const { rows } = await h.db.query(
      'select response from notification_messages where patient_id = $1 and response is not null',
      [t.patientId],
    );
    expect(rows).toEqual([]);
  });
});
