import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webPush from 'web-push';
import {
  addAccount,
  signIn,
  startIdentityApp,
  type IdentityApp,
} from '../../../test/identity-fixtures.ts';
import { hours } from '../../platform/time/clock.ts';
import * as booking from '../booking/booking.service.ts';
import { book, scene } from './notifications.fixtures.ts';
import { startPushPeer, type PushPeer } from './notifications.push-peer.ts';
import { startSmsPeer, type SmsPeer } from './notifications.sms-peer.ts';

/**
 * A patient whose identifiers and visit type are canaries: after a booking, a reschedule, a
 * cancellation and every message they cause has been sent, none of them is in a message on any
 * channel, a job's payload, a message row or the log.
 */
const canary = {
  given: 'Zebulonqx',
  family: 'Quarrington',
  dateOfBirth: '1961-07-23',
  phone: '+1 555 019 7731',
  email: 'zebulonqx.canary@example.org',
  typeName: 'Oncology Zq Consult',
};

let h: IdentityApp;
let peer: SmsPeer;
let push: PushPeer;
const vapid = webPush.generateVAPIDKeys();
beforeAll(async () => {
  peer = await startSmsPeer();
  push = await startPushPeer();
  h = await startIdentityApp({
    env: {
      HOURGLASS_JOBS: 'true',
      ...peer.env,
      HOURGLASS_VAPID_PUBLIC_KEY: vapid.publicKey,
      HOURGLASS_VAPID_PRIVATE_KEY: vapid.privateKey,
      HOURGLASS_VAPID_SUBJECT: 'mailto:ops@clinic.example',
    },
  });
  h.clock.set(new Date('2030-01-15T14:00:00Z'));
});
afterAll(async () => {
  await h.close();
  await peer.close();
  await push.close();
});

function leaks(text: string): string[] {
  const needles = [
    canary.given,
    canary.family,
    canary.dateOfBirth,
    '1961',
    '019 7731',
    '0197731',
    canary.email,
    'zebulonqx',
    canary.typeName,
    'Oncology',
  ];
  return needles.filter((n) => text.toLowerCase().includes(n.toLowerCase()));
}

describe('the notifications canary', () => {
  it('no identifier and no visit type in any message, job payload, message row or log line', async () => {
    const s = await scene(h, { channels: ['email', 'sms'] }, canary.email, {
      typeName: canary.typeName,
      identity: {
        legalName: { given: canary.given, family: canary.family },
        preferredName: canary.given,
        dateOfBirth: canary.dateOfBirth,
        phone: canary.phone,
      },
    });
    const a = await book(h, s, 7);
    await h.notifications.deliverDue();
    const moved = await booking.reschedule(s.desk, h.booking, s.clinic.orgId, a.id, {
      start: new Date(Date.parse(a.start) + hours(24)).toISOString(),
    });
    // Past the reminder of the moved visit (72 h before it).
    h.clock.advance(hours(24 * 5 + 2));
    await h.notifications.deliverDue();
    await booking.transition(s.desk, h.booking, s.clinic.orgId, moved.id, 'cancel', {
      body: { reasonCode: 'patient_request' },
    });
    await h.notifications.deliverDue();
    // Workers send too (each message once): wait for all four.
    for (let i = 0; i < 100 && h.smtp.to(canary.email).length < 4; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const mails = h.smtp.to(canary.email);
    expect(mails.map((m) => m.subject)).toEqual([
      'Your appointment at Riverside Clinic is booked',
      'Your appointment at Riverside Clinic has moved',
      'Reminder: your appointment at Riverside Clinic',
      'Your appointment at Riverside Clinic is cancelled',
    ]);
    for (const m of mails) expect(leaks(`${m.subject}\n${m.text}`)).toEqual([]);

    // The same visit by SMS (another patient record with the same canaries, texts only).
    const texted = await scene(h, { channels: ['sms'] }, 'sms.' + canary.email, {
      typeName: canary.typeName + ' 2',
      identity: {
        legalName: { given: canary.given, family: canary.family },
        dateOfBirth: canary.dateOfBirth,
        phone: canary.phone,
      },
    });
    await h.db.query(
      `insert into vendor_agreements (organization_id, vendor, signed_on, recorded_by)
       values ($1, 'sms', '2029-01-01', 'test')`,
      [texted.clinic.orgId],
    );
    await book(h, texted, 9);
    await h.notifications.deliverDue();
    expect(peer.received.length).toBeGreaterThan(0);
    for (const m of peer.received) expect(leaks(m.body)).toEqual([]);

    // And by Web Push (a third record, a browser subscribed): the decrypted payloads.
    const pushed = await scene(h, { channels: [] }, 'push.' + canary.email, {
      typeName: canary.typeName + ' 3',
      identity: {
        legalName: { given: canary.given, family: canary.family },
        dateOfBirth: canary.dateOfBirth,
        phone: canary.phone,
      },
    });
    const browser = await signIn(
      h,
      await addAccount(h, pushed.org, { kind: 'patient', patientId: pushed.patientId }),
    );
    const sub = push.subscribe();
    expect((await browser.request('POST', '/api/me/push-subscriptions', sub)).statusCode).toBe(201);
    await book(h, pushed, 9);
    await h.notifications.deliverDue();
    for (let i = 0; i < 100 && push.received.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(push.received.length).toBeGreaterThan(0);
    for (const m of push.received) expect(leaks(m.payload)).toEqual([]);
    // The endpoint is a capability URL: never in the log either.
    expect(h.logs.join('\n')).not.toContain(sub.endpoint.split('/').at(-1));

    const messages = await h.db.query('select * from notification_messages where patient_id = $1', [
      s.patientId,
    ]);
    expect(messages.rows.length).toBeGreaterThan(4);
    expect(leaks(JSON.stringify(messages.rows))).toEqual([]);
    const jobs = await h.db.query(`select data from pgboss.job where name like 'notification%'`);
    expect(jobs.rows.length).toBeGreaterThan(4);
    expect(leaks(JSON.stringify(jobs.rows))).toEqual([]);
    expect(leaks(h.logs.join('\n'))).toEqual([]);
    // The canary is real: the vault holds it, readable.
    expect(await h.identity.patients.contactEmail(h.db, s.clinic.orgId, s.patientId)).toBe(
      canary.email,
    );
  });
});
