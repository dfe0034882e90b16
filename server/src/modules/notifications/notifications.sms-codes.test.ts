import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  Client,
  signIn,
  startIdentityApp,
  type IdentityApp,
} from '../../../test/identity-fixtures.ts';
import { codePolicy } from '../identity/identity.codes.ts';
import { book, scene, type Scene } from './notifications.fixtures.ts';
import { startSmsPeer, type SmsPeer } from './notifications.sms-peer.ts';

/**
 * An action link's one-time code by SMS: a patient the message reached by SMS (or who has no
 * email on file) gets the code texted through the SMS channel, PHI-free, in their language, with
 * the mail path's allowance.
 */

let h: IdentityApp;
let peer: SmsPeer;
const phone = '+15550104821'; // ada()'s number, as the vendor is given it

beforeAll(async () => {
  peer = await startSmsPeer();
  h = await startIdentityApp({ env: peer.env });
  h.clock.set(new Date('2030-01-15T14:00:00Z'));
});
afterAll(async () => {
  await h.close();
  await peer.close();
});

async function agreement(of: Scene) {
  const admin = await signIn(h, await addAccount(h, of.org, { roles: ['admin'] }));
  const res = await admin.request('PUT', '/api/notifications/vendors/sms/agreement', {
    signedOn: '2029-06-01',
    expiresOn: null,
  });
  expect(res.statusCode, res.body).toBe(204);
}

/** A visit whose confirmation went by SMS, and the reschedule link R answers with. */
async function textedLink(s: Scene) {
  await book(h, s, 7);
  await h.notifications.deliverDue();
  expect(peer.received.at(-1)!.body).toMatch(/^Riverside Clinic: /);
  const url = `${h.notifications.deps.publicUrl}/api/webhooks/sms/inbound`;
  const params = { MessageSid: 'SMin', AccountSid: peer.accountSid, From: phone, Body: 'R' };
  const r = await h.app.inject({
    method: 'POST',
    url: '/api/webhooks/sms/inbound',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': peer.sign(url, params),
    },
    payload: new URLSearchParams(params).toString(),
  });
  return /\/messages\/reschedule#token=([A-Za-z0-9_-]{43})/.exec(r.body)![1]!;
}

const codeOf = (text: string) => /\b(\d{6})\b/.exec(text)![1]!;

describe("an action link's code by SMS", () => {
  it('is texted, not mailed, when the message went by SMS, and opens the appointment', async () => {
    const s = await scene(h, { channels: ['sms'] });
    await agreement(s);
    const token = await textedLink(s);
    const anyone = new Client(h);
    const before = peer.received.length;
    const asked = await anyone.post('/api/notification-actions/code', { token });
    expect(asked.statusCode, asked.body).toBe(202);
    expect(asked.json()).toEqual({ next: 'check-phone' });
    expect(peer.received).toHaveLength(before + 1);
    const text = peer.received.at(-1)!;
    expect(text.to).toBe(phone);
    // The code and nothing else: no clinic, no visit, no name.
    expect(text.body).toMatch(
      /^Your Hourglass code is \d{6}\. It works once, for \d+ minutes\. If you did not ask for it, ignore this message\.$/,
    );
    expect(h.smtp.to(s.email)).toHaveLength(0);
    const verified = await anyone.post('/api/notification-actions/verify', {
      token,
      code: codeOf(text.body),
    });
    expect(verified.statusCode, verified.body).toBe(200);
  });

  it('is in Spanish for a patient who reads Spanish, and kept to the allowance', async () => {
    const s = await scene(h, { channels: ['sms'], language: 'es' });
    await agreement(s);
    const token = await textedLink(s);
    const anyone = new Client(h);
    for (let i = 0; i < codePolicy.maxSends; i++) {
      const asked = await anyone.post('/api/notification-actions/code', { token });
      expect(asked.statusCode, asked.body).toBe(202);
    }
    expect(peer.received.at(-1)!.body).toMatch(/^Su código de Hourglass es \d{6}\. Sirve una vez/);
    const sent = peer.received.length;
    const over = await anyone.post('/api/notification-actions/code', { token });
    expect(over.statusCode).toBe(429);
    expect(peer.received).toHaveLength(sent);
  });

  it('goes by SMS to a patient with no email, and by email once they sent STOP', async () => {
    const noEmail = await scene(h, { channels: ['sms'] }, undefined, {
      identity: { email: undefined },
    });
    await agreement(noEmail);
    const token = await textedLink(noEmail);
    const asked = await new Client(h).post('/api/notification-actions/code', { token });
    expect(asked.json()).toEqual({ next: 'check-phone' });
    expect(peer.received.at(-1)!.body).toMatch(/^Your Hourglass code is \d{6}\./);

    // STOP: SMS is never used again for this patient; the email on file gets the code.
    const s = await scene(h, { channels: ['sms'] });
    await agreement(s);
    const link = await textedLink(s);
    await h.db.query(`update patient_preferences set channels = '{}' where patient_id = $1`, [
      s.patientId,
    ]);
    const before = peer.received.length;
    const mailed = await new Client(h).post('/api/notification-actions/code', { token: link });
    expect(mailed.json()).toEqual({ next: 'check-email' });
    expect(peer.received).toHaveLength(before);
    expect(h.smtp.to(s.email).at(-1)!.text).toMatch(/Your code .* is \d{6}\./);
  });

  it('falls back to the email on file when the SMS vendor fails', async () => {
    const s = await scene(h, { channels: ['sms'] });
    await agreement(s);
    const token = await textedLink(s);
    peer.failWith = 500;
    try {
      const asked = await new Client(h).post('/api/notification-actions/code', { token });
      expect(asked.statusCode, asked.body).toBe(202);
      expect(asked.json()).toEqual({ next: 'check-email' });
      expect(h.smtp.to(s.email).at(-1)!.text).toMatch(/Your code .* is \d{6}\./);
    } finally {
      peer.failWith = null;
    }
  });
});
