import webPush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  signIn,
  startIdentityApp,
  type IdentityApp,
} from '../../../test/identity-fixtures.ts';
import { ada } from '../patients/patients.fixtures.ts';
import type { Registration } from '../patients/patients.schema.ts';
import type { Patients } from '../patients/patients.service.ts';
import { book, messagesOf, scene, type Scene } from './notifications.fixtures.ts';
import { startPushPeer, type PushPeer } from './notifications.push-peer.ts';
import { startSmsPeer, type SmsPeer } from './notifications.sms-peer.ts';

/**
 * A claimed batch's addresses are read together (one statement per channel, decrypted a batch at
 * a time) and each message still goes to its own patient's address on the first channel that
 * has one: email, SMS, push or (no address at all) the portal, at the real SMTP, SMS and push
 * peers. A channel failing at send time falls to the next with its own address, and one
 * patient's damaged address fails only that patient's message.
 */

let h: IdentityApp;
let sms: SmsPeer;
let push: PushPeer;
let s: Scene;
const vapid = webPush.generateVAPIDKeys();

beforeAll(async () => {
  sms = await startSmsPeer();
  push = await startPushPeer();
  push.expectKey = vapid.publicKey;
  h = await startIdentityApp({
    env: {
      ...sms.env,
      HOURGLASS_VAPID_PUBLIC_KEY: vapid.publicKey,
      HOURGLASS_VAPID_PRIVATE_KEY: vapid.privateKey,
      HOURGLASS_VAPID_SUBJECT: 'mailto:ops@clinic.example',
    },
  });
  h.clock.set(new Date('2030-01-15T14:00:00Z'));
  s = await scene(h, { channels: ['email', 'sms'] }, 'first@example.org');
  await h.db.query(
    `insert into vendor_agreements (organization_id, vendor, signed_on, recorded_by)
     values ($1, 'sms', '2029-01-01', 'test')`,
    [s.clinic.orgId],
  );
});
afterAll(async () => {
  await h.close();
  await sms.close();
  await push.close();
});

let n = 0;
/** Another patient of the scene's clinic, with these contact details and consented channels. */
async function patient(contact: Pick<Registration, 'email' | 'phone'>, channels: string[]) {
  n++;
  const patients = h.identity.patients as unknown as Patients;
  const { id } = await patients.register(
    s.desk,
    ada({
      legalName: { given: `Pat${n}`, family: `Batch${n}` },
      mrn: `MRN-B${n}`,
      insuranceMemberId: `MEM-B${n}`,
      email: undefined,
      phone: undefined,
      ...contact,
    }),
  );
  await h.db.query(
    `insert into patient_preferences (patient_id, organization_id, channels, language, time_zone)
     values ($1, $2, $3, 'en', 'America/New_York')`,
    [id, s.clinic.orgId, channels],
  );
  return { ...s, patientId: id };
}

async function confirmationOf(appointmentId: string) {
  const [m] = (await messagesOf(h, appointmentId)).filter((x) => x.kind === 'confirmation');
  return { channel: m!.channel, status: m!.status };
}

describe('addresses a batch at a time', () => {
  it('one batch sends each message to its own patient’s address on the first channel with one', async () => {
    const emailOnly = await patient({ email: 'only.mail@example.org' }, ['email', 'sms']);
    const phoneOnly = await patient({ phone: '+1 555 010 2001' }, ['email', 'sms']);
    const both = await patient({ email: 'both@example.org', phone: '+1 555 010 2002' }, [
      'email',
      'sms',
    ]);
    const smsFirst = await patient({ email: 'sms.first@example.org', phone: '+1 555 010 2003' }, [
      'sms',
    ]);
    // Every patient has an email or a phone (the table's check): none on the one channel consented.
    const none = await patient({ email: 'no.sms@example.org' }, ['sms']);
    const pushed = await patient({ email: 'pushed@example.org' }, []);
    const me = await signIn(
      h,
      await addAccount(h, s.org, { kind: 'patient', patientId: pushed.patientId }),
    );
    const older = push.subscribe();
    const newer = push.subscribe();
    for (const sub of [older, newer]) {
      // A second later each (the newest browsers are the ones pushed to, when there are many).
      h.clock.set(new Date(h.clock.now().getTime() + 1000));
      const res = await me.request('POST', '/api/me/push-subscriptions', sub);
      expect(res.statusCode, res.body).toBe(201);
    }
    const scenes = [emailOnly, phoneOnly, both, smsFirst, none, pushed];
    const booked = [];
    for (const [i, p] of scenes.entries()) booked.push(await book(h, p, 7, `${10 + i}:00`));
    const smsBefore = sms.received.length;

    const outcomes = await h.notifications.deliverDue(50);
    expect(outcomes).toEqual(scenes.map(() => 'sent'));

    const channels = await Promise.all(booked.map((a) => confirmationOf(a.id)));
    expect(channels.map((c) => c.channel)).toEqual([
      'email',
      'sms',
      'email',
      'sms',
      'portal',
      'push',
    ]);
    expect(channels.every((c) => c.status === 'sent')).toBe(true);
    for (const to of ['only.mail@example.org', 'both@example.org']) {
      expect(h.smtp.to(to).map((m) => m.subject)).toHaveLength(1);
    }
    expect(h.smtp.to('sms.first@example.org')).toEqual([]);
    expect(h.smtp.to('pushed@example.org')).toEqual([]);
    expect(h.smtp.to('no.sms@example.org')).toEqual([]);
    expect(
      sms.received
        .slice(smsBefore)
        .map((m) => m.to)
        .sort(),
    ).toEqual(['+15550102001', '+15550102003']);
    // Push goes to every browser the patient turned it on in, once each.
    expect(push.received.filter((r) => r.endpoint === newer.endpoint)).toHaveLength(1);
    expect(push.received.filter((r) => r.endpoint === older.endpoint)).toHaveLength(1);
  });

  it('a channel failing at send time falls to the next, at that channel’s own address', async () => {
    const p = await patient({ email: 'refused@example.org', phone: '+1 555 010 2004' }, [
      'email',
      'sms',
    ]);
    const other = await patient({ email: 'fine@example.org' }, ['email']);
    const email = h.notifications.deps.channels.email!;
    h.notifications.deps.channels.email = {
      ...email,
      send: (m) =>
        m.to === 'refused@example.org' ? Promise.reject(new Error('550')) : email.send(m),
    };
    try {
      const [a, b] = [await book(h, p, 8, '09:00'), await book(h, other, 8, '10:00')];
      const smsBefore = sms.received.length;
      await h.notifications.deliverDue(50);
      expect(await confirmationOf(a.id)).toEqual({ channel: 'sms', status: 'sent' });
      expect(await confirmationOf(b.id)).toEqual({ channel: 'email', status: 'sent' });
      expect(sms.received.slice(smsBefore).map((m) => m.to)).toEqual(['+15550102004']);
      expect(h.smtp.to('fine@example.org')).toHaveLength(1);
    } finally {
      h.notifications.deps.channels.email = email;
    }
  });

  it('one patient’s damaged address fails only their message; the batch’s others are sent', async () => {
    const damaged = await patient({ email: 'damaged@example.org' }, ['email']);
    const fine = await patient({ email: 'intact@example.org' }, ['email']);
    // A flipped byte in the stored ciphertext: it no longer passes its integrity check.
    await h.db.query(
      `update patient_identity set email = set_byte(email, 39, get_byte(email, 39) # 255)
        where patient_id = $1`,
      [damaged.patientId],
    );
    const [a, b] = [await book(h, damaged, 9, '09:00'), await book(h, fine, 9, '10:00')];
    await h.notifications.deliverDue(50);
    expect(await confirmationOf(a.id)).toEqual({ channel: null, status: 'failed' });
    expect(await confirmationOf(b.id)).toEqual({ channel: 'email', status: 'sent' });
    expect(h.smtp.to('intact@example.org')).toHaveLength(1);
  });
});
