import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  Client,
  codeIn,
  nextMail,
  signIn,
  startIdentityApp,
  type IdentityApp,
} from '../../../test/identity-fixtures.ts';
import { hours } from '../../platform/time/clock.ts';
import * as booking from '../booking/booking.service.ts';
import { book, messagesOf, scene, type Scene } from './notifications.fixtures.ts';

let h: IdentityApp;
beforeAll(async () => {
  h = await startIdentityApp();
  h.clock.set(new Date('2030-01-15T14:00:00Z'));
});
afterAll(() => h.close());

/** Books a visit a week ahead and sends its reminder; answers the reminder mail's links. */
async function reminderLinks(s: Scene) {
  const a = await book(h, s, 7);
  await h.notifications.deliverDue();
  const reminder = (await messagesOf(h, a.id)).find((m) => m.kind === 'reminder')!;
  const wait = reminder.due_at.getTime() - h.clock.now().getTime();
  h.clock.advance(wait);
  await h.notifications.deliverDue();
  h.clock.advance(-wait);
  const mail = h.smtp.to(s.email).at(-1)!;
  expect(mail.subject).toBe('Reminder: your appointment at Riverside Clinic');
  const link = (purpose: string) =>
    mail.text.match(new RegExp(`/messages/${purpose}#token=([A-Za-z0-9_-]{43})`))![1]!;
  return {
    appointment: a,
    confirm: link('confirm'),
    cancel: link('cancel'),
    reschedule: link('reschedule'),
  };
}

async function patientOf(s: Scene) {
  return signIn(h, await addAccount(h, s.org, { kind: 'patient', patientId: s.patientId }));
}

describe('action links in a reminder', () => {
  it('open on the message alone, and confirm as the signed-in patient, once', async () => {
    const s = await scene(h);
    const { confirm } = await reminderLinks(s);
    const anyone = new Client(h);
    const preview = await anyone.post('/api/notification-actions/preview', { token: confirm });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(Object.keys(preview.json()).sort()).toEqual(['body', 'expiresAt', 'purpose', 'subject']);
    expect(preview.json().purpose).toBe('confirm');
    // Without a session, nothing is done.
    expect(
      (await anyone.post('/api/notification-actions/use', { token: confirm })).statusCode,
    ).toBe(401);
    const patient = await patientOf(s);
    const used = await patient.post('/api/notification-actions/use', { token: confirm });
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json().purpose).toBe('confirm');
    const again = await patient.post('/api/notification-actions/use', { token: confirm });
    expect(again.statusCode).toBe(400);
    expect(again.json().type).toBe('urn:hourglass:problem:link-expired');
    const { rows } = await h.db.query<{ response: string }>(
      `select response from notification_messages where response is not null and patient_id = $1`,
      [s.patientId],
    );
    expect(rows).toEqual([{ response: 'confirmed' }]);
  });

  it('cancel the appointment through booking, which cancels its pending messages', async () => {
    const s = await scene(h);
    const { appointment, cancel } = await reminderLinks(s);
    const patient = await patientOf(s);
    const used = await patient.post('/api/notification-actions/use', { token: cancel });
    expect(used.statusCode, used.body).toBe(200);
    const status = await h.db.query<{ status: string; cancel_reason: string }>(
      'select status, cancel_reason from appointments where id = $1',
      [appointment.id],
    );
    expect(status.rows[0]).toEqual({ status: 'cancelled', cancel_reason: 'patient_request' });
    const nudge = (await messagesOf(h, appointment.id)).find((m) => m.kind === 'nudge')!;
    expect(nudge.status).toBe('cancelled');
  });

  it('refuse another patient, a tampered token, and an expired one', async () => {
    const s = await scene(h);
    const { reschedule, confirm } = await reminderLinks(s);
    const other = await scene(h);
    const stranger = await patientOf(other);
    expect(
      (await stranger.post('/api/notification-actions/use', { token: reschedule })).statusCode,
    ).toBe(404);
    const tampered = (reschedule[0] === 'A' ? 'B' : 'A') + reschedule.slice(1);
    const anyone = new Client(h);
    expect(
      (await anyone.post('/api/notification-actions/preview', { token: tampered })).json().type,
    ).toBe('urn:hourglass:problem:link-expired');
    expect(
      (await anyone.post('/api/notification-actions/preview', { token: 'short' })).statusCode,
    ).toBe(400);
    // Past the appointment's start, the link is dead.
    h.clock.advance(hours(24 * 8));
    try {
      const patient = await patientOf(s);
      const late = await patient.post('/api/notification-actions/use', { token: confirm });
      expect(late.json().type).toBe('urn:hourglass:problem:link-expired');
    } finally {
      h.clock.advance(-hours(24 * 8));
    }
  });

  it('act without signing in after entering the code mailed to the patient; a wrong code is refused', async () => {
    const s = await scene(h);
    const { appointment, cancel } = await reminderLinks(s);
    const anyone = new Client(h);
    // Before the code, the link acts for no one.
    expect((await anyone.post('/api/notification-actions/use', { token: cancel })).statusCode).toBe(
      401,
    );
    const before = h.smtp.to(s.email);
    const asked = await anyone.post('/api/notification-actions/code', { token: cancel });
    expect(asked.statusCode, asked.body).toBe(202);
    const mail = await nextMail(h.smtp, s.email, before);
    expect(mail.text).not.toContain(appointment.id);
    const code = codeIn(mail);
    const wrong = await anyone.post('/api/notification-actions/verify', {
      token: cancel,
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const verified = await anyone.post('/api/notification-actions/verify', { token: cancel, code });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toEqual({ appointmentId: appointment.id });
    const used = await anyone.post('/api/notification-actions/use', { token: cancel });
    expect(used.statusCode, used.body).toBe(200);
    const status = await h.db.query<{ status: string }>(
      'select status from appointments where id = $1',
      [appointment.id],
    );
    expect(status.rows[0]!.status).toBe('cancelled');
    // The code is single use, and the used link gets no new one.
    const again = await new Client(h).post('/api/notification-actions/verify', {
      token: cancel,
      code,
    });
    expect(again.json().type).toBe('urn:hourglass:problem:link-expired');
  });

  it('of a message planned before 0130 (no type) get the code path once 0176 backfills the type', async () => {
    const s = await scene(h);
    const { appointment, confirm } = await reminderLinks(s);
    await h.db.query(
      'update notification_messages set appointment_type_id = null where appointment_id = $1',
      [appointment.id],
    );
    const anyone = new Client(h);
    const before = await anyone.post('/api/notification-actions/code', { token: confirm });
    expect(before.json().type).toBe('urn:hourglass:problem:link-expired');
    const backfill = readFileSync(
      new URL(
        '../../platform/db/migrations/0176_notification_message_type_backfill.sql',
        import.meta.url,
      ),
      'utf8',
    );
    await h.db.query(backfill);
    const { rows } = await h.db.query<{ appointment_type_id: string }>(
      'select distinct appointment_type_id from notification_messages where appointment_id = $1',
      [appointment.id],
    );
    expect(rows).toEqual([{ appointment_type_id: s.clinic.typeId }]);
    const mailed = h.smtp.to(s.email);
    const asked = await anyone.post('/api/notification-actions/code', { token: confirm });
    expect(asked.statusCode, asked.body).toBe(202);
    const mail = await nextMail(h.smtp, s.email, mailed);
    const verified = await anyone.post('/api/notification-actions/verify', {
      token: confirm,
      code: codeIn(mail),
    });
    expect(verified.statusCode, verified.body).toBe(200);
  });

  it('end when the appointment is cancelled or moved by staff, in that change', async () => {
    const s = await scene(h);
    const { appointment, confirm, reschedule } = await reminderLinks(s);
    const anyone = new Client(h);
    const preview = (token: string) => anyone.post('/api/notification-actions/preview', { token });
    expect((await preview(confirm)).statusCode).toBe(200);
    await booking.transition(s.desk, h.booking, s.clinic.orgId, appointment.id, 'cancel', {
      body: { reasonCode: 'provider_unavailable' },
    });
    for (const token of [confirm, reschedule]) {
      expect((await preview(token)).json().type).toBe('urn:hourglass:problem:link-expired');
    }
    const patient = await patientOf(s);
    const used = await patient.post('/api/notification-actions/use', { token: confirm });
    expect(used.json().type).toBe('urn:hourglass:problem:link-expired');
    const { rows } = await h.db.query(
      'select response from notification_messages where appointment_id = $1 and response is not null',
      [appointment.id],
    );
    expect(rows).toEqual([]);

    const t = await scene(h);
    const moved = await reminderLinks(t);
    await booking.reschedule(t.desk, h.booking, t.clinic.orgId, moved.appointment.id, {
      start: new Date(Date.parse(moved.appointment.start) + hours(24)).toISOString(),
    });
    expect((await preview(moved.confirm)).json().type).toBe('urn:hourglass:problem:link-expired');
  });
});
