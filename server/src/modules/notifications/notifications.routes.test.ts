import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  signIn,
  startIdentityApp,
  type IdentityApp,
} from '../../../test/identity-fixtures.ts';
import * as booking from '../booking/booking.service.ts';
import { book, scene, type Scene } from './notifications.fixtures.ts';

let h: IdentityApp;
let s: Scene;
let appointmentId: string;
beforeAll(async () => {
  h = await startIdentityApp();
  h.clock.set(new Date('2030-01-15T14:00:00Z'));
  s = await scene(h);
  appointmentId = (await book(h, s, 7)).id;
  await h.notifications.deliverDue();
});
afterAll(() => h.close());

/** A clinic of its own whose patient has visits `days` out, confirmed; signed in. */
async function ownInbox(days: number[]) {
  const own = await scene(h);
  for (const d of days) await book(h, own, d);
  await h.notifications.deliverDue();
  const account = await addAccount(h, own.org, { kind: 'patient', patientId: own.patientId });
  return { own, patient: await signIn(h, account) };
}

describe('the patient’s inbox', () => {
  it('holds every message sent to the patient, and marks one read', async () => {
    const account = await addAccount(h, s.org, { kind: 'patient', patientId: s.patientId });
    const patient = await signIn(h, account);
    const res = await patient.get('/api/me/messages');
    expect(res.statusCode, res.body).toBe(200);
    const [message] = res.json().messages;
    expect(message).toMatchObject({ kind: 'confirmation', appointmentId, readAt: null });
    expect(message.body).toContain('Riverside Clinic');
    const read = await patient.post(`/api/me/messages/${message.id}/read`);
    expect(read.statusCode).toBe(204);
    expect((await patient.get('/api/me/messages')).json().messages[0].readAt).toBe(
      h.clock.now().toISOString(),
    );
  });

  it('answers the open page’s repeat with 304, unaudited, until a message comes or is read', async () => {
    // A clinic of its own: the resend below would change the other tests' appointment.
    const { own, patient } = await ownInbox([7]);
    const reads = async () =>
      Number(
        (
          await h.db.query<{ n: string }>(
            `select count(*) as n from audit_events where action = 'notification.inbox.read'`,
          )
        ).rows[0]!.n,
      );
    const ifChanged = (etag: string) =>
      patient.request('GET', '/api/me/messages', undefined, { 'if-none-match': etag });
    const first = await patient.get('/api/me/messages');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    const audited = await reads();
    const again = await ifChanged(etag);
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(await reads()).toBe(audited);

    // A new message changes the inbox: the staff's resend of the confirmation, once delivered.
    const desk = await signIn(h, await addAccount(h, own.org, { roles: ['front_desk'] }));
    const resent = await desk.post(
      `/api/notification-messages/${first.json().messages[0].id}/overrides`,
      { action: 'resend', reason: 'patient_request' },
    );
    expect(resent.statusCode, resent.body).toBe(200);
    await h.notifications.deliverDue();
    const newer = await ifChanged(etag);
    expect(newer.statusCode).toBe(200);
    expect(newer.json().messages).toHaveLength(first.json().messages.length + 1);
    expect(await reads()).toBe(audited + 1);

    // So does a message read (on another device): the repeat gets it, audited.
    const [newest] = newer.json().messages;
    expect(newest.readAt).toBeNull();
    await patient.post(`/api/me/messages/${newest.id}/read`);
    const read = await ifChanged(newer.headers.etag as string);
    expect(read.statusCode).toBe(200);
    expect(read.json().messages[0].readAt).not.toBeNull();
    expect(await reads()).toBe(audited + 2);
  });

  it('counts the unread messages for the landing page, without reading them', async () => {
    const { own, patient } = await ownInbox([7, 9]);
    const events = async () =>
      Number(
        (await h.db.query<{ n: string }>(`select count(*) as n from audit_events`)).rows[0]!.n,
      );
    const before = await events();
    const unread = async () => (await patient.get('/api/me/messages/unread')).json().unread;
    expect(await unread()).toBe(2);
    expect(await events()).toBe(before);
    const [newest] = (await patient.get('/api/me/messages')).json().messages;
    await patient.post(`/api/me/messages/${newest.id}/read`);
    expect(await unread()).toBe(1);
    // Another patient's count is their own.
    const other = await signIn(h, await addAccount(h, own.org, { kind: 'patient' }));
    expect((await other.get('/api/me/messages/unread')).json().unread).toBe(0);
  });

  it('another patient’s message is not found', async () => {
    const other = await addAccount(h, s.org, { kind: 'patient' });
    const client = await signIn(h, other);
    expect((await client.get('/api/me/messages')).json().messages).toEqual([]);
    const { rows } = await h.db.query<{ id: string }>(
      'select id from notification_messages where appointment_id = $1 limit 1',
      [appointmentId],
    );
    const res = await client.post(`/api/me/messages/${rows[0]!.id}/read`);
    expect(res.statusCode).toBe(404);
  });
});

describe('staff’s message log of an appointment', () => {
  it('lists planned, sent and cancelled messages with channel, template and status', async () => {
    const desk = await signIn(h, await addAccount(h, s.org, { roles: ['front_desk'] }));
    const res = await desk.get(`/api/appointments/${appointmentId}/messages`);
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res.json().messages.map((m: { kind: string; status: string }) => `${m.kind}:${m.status}`),
    ).toEqual(['confirmation:sent', 'reminder:scheduled', 'nudge:scheduled']);
    expect(res.json().messages[0]).toMatchObject({
      channel: 'email',
      template: 'confirmation/email/en',
      templateVersion: 0,
    });
  });

  it('another clinic’s front desk finds no such appointment', async () => {
    const other = await scene(h);
    const desk = await signIn(h, await addAccount(h, other.org, { roles: ['front_desk'] }));
    expect((await desk.get(`/api/appointments/${appointmentId}/messages`)).statusCode).toBe(404);
  });
});

describe('the clinic’s plan and templates', () => {
  it('a manager sets a 48 h reminder without nudge; the next booking follows it', async () => {
    const manager = await signIn(h, await addAccount(h, s.org, { roles: ['manager'] }));
    const res = await manager.request('PUT', '/api/notifications/plan', {
      confirmations: true,
      reminderLeadHours: 48,
      nudgeLeadMinutes: null,
      channelOrder: ['email'],
    });
    expect(res.statusCode, res.body).toBe(204);
    const a = await book(h, s, 8);
    const { rows } = await h.db.query<{ kind: string }>(
      'select kind from notification_messages where appointment_id = $1 order by due_at',
      [a.id],
    );
    expect(rows.map((r) => r.kind)).toEqual(['confirmation', 'reminder']);
    await booking.transition(s.desk, h.booking, s.clinic.orgId, a.id, 'cancel', {
      body: { reasonCode: 'duplicate' },
    });
  });

  it('a reminder lead outside 48–72 h, or another clinic’s type, is a 400 that changes nothing', async () => {
    const manager = await signIn(h, await addAccount(h, s.org, { roles: ['manager'] }));
    const plan = { confirmations: true, nudgeLeadMinutes: 120, channelOrder: ['email'] };
    const short = await manager.request('PUT', '/api/notifications/plan', {
      ...plan,
      reminderLeadHours: 24,
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].pointer).toBe('/body/reminderLeadHours');
    const foreign = await manager.request('PUT', '/api/notifications/plan', {
      ...plan,
      reminderLeadHours: 72,
      appointmentTypeId: (await scene(h)).clinic.typeId,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0].pointer).toBe('/body/appointmentTypeId');
  });

  it('a template with a variable outside the allow-list is refused, naming where', async () => {
    const manager = await signIn(h, await addAccount(h, s.org, { roles: ['manager'] }));
    const res = await manager.request('PUT', '/api/notifications/templates/reminder/email/en', {
      subject: 'Reminder',
      body: 'Hello {{patientName}}, see you at {{time}}.',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([
      expect.objectContaining({
        pointer: '/body/body',
        detail: expect.stringMatching(/^line 1, column 7: unknown variable "patientName"/),
      }),
    ]);
    const { rows } = await h.db.query(
      'select 1 from notification_templates where organization_id = $1',
      [s.clinic.orgId],
    );
    expect(rows).toEqual([]);
  });

  it('a clean template is saved with a version, and the next message uses it', async () => {
    const manager = await signIn(h, await addAccount(h, s.org, { roles: ['manager'] }));
    const res = await manager.request('PUT', '/api/notifications/templates/confirmation/email/en', {
      subject: '{{clinicName}}: booked',
      body: 'See you {{date}} at {{time}}. {{portalLink}}',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ version: 1 });
    await book(h, s, 9);
    await h.notifications.deliverDue();
    const mail = h.smtp.to(s.email).at(-1)!;
    expect(mail.subject).toBe('Riverside Clinic: booked');
    expect(mail.text).toContain('http://localhost:');
  });
});

describe('staff overrides', () => {
  it('skip, send now and resend, each with who and why in the log and the audit trail', async () => {
    // A clinic of its own: the plan tests above changed the first one's.
    const s = await scene(h);
    const a = await book(h, s, 10);
    await h.notifications.deliverDue();
    const desk = await signIn(h, await addAccount(h, s.org, { roles: ['front_desk'] }));
    const log = async () =>
      (await desk.get(`/api/appointments/${a.id}/messages`)).json().messages as {
        id: string;
        kind: string;
        status: string;
        overrides: { action: string; reason: string }[];
      }[];
    const [confirmation, reminder, nudge] = await log();
    const overrideOf = (id: string, action: string) =>
      desk.post(`/api/notification-messages/${id}/overrides`, {
        action,
        reason: 'patient_request',
      });

    expect((await overrideOf(nudge!.id, 'skip')).json()).toMatchObject({ outcome: 'skipped' });
    const before = h.smtp.to(s.email).length;
    expect((await overrideOf(reminder!.id, 'send_now')).json()).toMatchObject({ outcome: 'sent' });
    const resent = await overrideOf(confirmation!.id, 'resend');
    expect(resent.json()).toMatchObject({ outcome: 'sent' });
    expect(resent.json().messageId).not.toBe(confirmation!.id);
    expect(h.smtp.to(s.email).length).toBe(before + 2);

    const after = await log();
    expect(after.map((m) => `${m.kind}:${m.status}`)).toEqual([
      'confirmation:sent',
      'reminder:sent',
      'nudge:skipped',
      'confirmation:sent',
    ]);
    expect(after[2]!.overrides).toEqual([
      // When, by the app's clock (the same clock as the message's times).
      expect.objectContaining({
        action: 'skip',
        reason: 'patient_request',
        at: h.clock.now().toISOString(),
      }),
    ]);
    const { rows } = await h.db.query<{ action: string }>(
      `select action from audit_events where resource_type = 'notification' and action like 'notification.override.%'
        and resource_id = any($1::text[]) order by seq`,
      [[confirmation!.id, reminder!.id, nudge!.id]],
    );
    // The service's event stands for the request (the route writes no second one).
    expect(rows.map((r) => r.action)).toEqual([
      'notification.override.skip',
      'notification.override.send_now',
      'notification.override.resend',
    ]);

    // Skipping a message already sent is a 409 naming its state, and changes nothing.
    const again = await overrideOf(confirmation!.id, 'skip');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      type: 'urn:hourglass:problem:message-state',
      messageStatus: 'sent',
    });
  });
});
