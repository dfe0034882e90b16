import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityApp, type IdentityApp } from '../../../test/identity-fixtures.ts';
import { hours, minutes } from '../../platform/time/clock.ts';
import * as booking from '../booking/booking.service.ts';
import { book, messagesOf, scene } from './notifications.fixtures.ts';

let h: IdentityApp;
beforeAll(async () => {
  h = await startIdentityApp();
  // Tuesday 15 January 2030, 09:00 in New York.
  h.clock.set(new Date('2030-01-15T14:00:00Z'));
});
afterAll(() => h.close());

const kinds = (rows: { kind: string; status: string }[]) =>
  rows.map((r) => `${r.kind}:${r.status}`);

describe('the plan, written with the booking', () => {
  it('a staff booking plans its confirmation, a reminder 72 h before and a nudge 2 h before', async () => {
    const s = await scene(h);
    const a = await book(h, s, 7);
    const rows = await messagesOf(h, a.id);
    expect(kinds(rows)).toEqual([
      'confirmation:scheduled',
      'reminder:scheduled',
      'nudge:scheduled',
    ]);
    const start = Date.parse(a.start);
    expect(rows[1]!.due_at.getTime()).toBe(start - hours(72));
    expect(rows[2]!.due_at.getTime()).toBe(start - hours(2));
  });

  it('a booking that fails writes no message (same transaction)', async () => {
    const s = await scene(h);
    await book(h, s, 8);
    const before = await h.db.query('select count(*)::int as n from notification_messages');
    await expect(book(h, s, 8)).rejects.toThrow();
    const after = await h.db.query('select count(*)::int as n from notification_messages');
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it('a held slot plans nothing until it is confirmed', async () => {
    const s = await scene(h);
    const held = await book(h, s, 9, '10:00', {
      type: 'patient',
      id: 'account-x',
      organizationId: s.clinic.orgId,
      patientId: s.patientId,
    });
    expect(await messagesOf(h, held.id)).toEqual([]);
    await booking.transition(s.desk, h.booking, s.clinic.orgId, held.id, 'confirm');
    expect(kinds(await messagesOf(h, held.id))).toEqual([
      'confirmation:scheduled',
      'reminder:scheduled',
      'nudge:scheduled',
    ]);
  });

  it('a reschedule cancels the old messages and plans the new appointment’s', async () => {
    const s = await scene(h);
    const a = await book(h, s, 7, '11:00');
    const moved = await booking.reschedule(s.desk, h.booking, s.clinic.orgId, a.id, {
      start: new Date(Date.parse(a.start) + hours(24)).toISOString(),
    });
    expect(kinds(await messagesOf(h, a.id))).toEqual([
      'confirmation:cancelled',
      'reminder:cancelled',
      'nudge:cancelled',
    ]);
    const rows = await messagesOf(h, moved.id);
    expect(kinds(rows)).toEqual(['reschedule:scheduled', 'reminder:scheduled', 'nudge:scheduled']);
    expect(rows[1]!.due_at.getTime()).toBe(Date.parse(moved.start) - hours(72));
  });

  it('a cancellation removes the reminders and, once they fall due, nothing about it is sent but the notice', async () => {
    const s = await scene(h);
    const a = await book(h, s, 6, '12:00');
    await h.notifications.deliverDue(); // the confirmation
    await booking.transition(s.desk, h.booking, s.clinic.orgId, a.id, 'cancel', {
      body: { reasonCode: 'clinic_closed' },
    });
    expect(kinds(await messagesOf(h, a.id))).toEqual([
      'cancellation:scheduled',
      'confirmation:sent',
      'reminder:cancelled',
      'nudge:cancelled',
    ]);
    h.clock.advance(hours(24 * 6));
    try {
      await h.notifications.deliverDue();
      const mails = h.smtp.to(s.email).map((m) => m.subject);
      expect(mails).toEqual([
        'Your appointment at Riverside Clinic is booked',
        'Your appointment at Riverside Clinic is cancelled',
      ]);
      expect(h.smtp.to(s.email)[1]!.text).toContain('the clinic is closed');
    } finally {
      h.clock.advance(-hours(24 * 6));
    }
  });

  it('a clinic’s plan per type: a 48 h reminder and no nudge', async () => {
    const s = await scene(h);
    await h.db.query(
      `insert into notification_plans (organization_id, appointment_type_id, reminder_lead_hours,
         nudge_lead_minutes, updated_by) values ($1, $2, 48, null, 'test')`,
      [s.clinic.orgId, s.clinic.typeId],
    );
    const a = await book(h, s, 5);
    const rows = await messagesOf(h, a.id);
    expect(kinds(rows)).toEqual(['confirmation:scheduled', 'reminder:scheduled']);
    expect(rows[1]!.due_at.getTime()).toBe(Date.parse(a.start) - hours(48));
  });
});

describe('delivery', () => {
  it('sends by email when the patient consented, in their language, and records the vendor id', async () => {
    const s = await scene(h, { language: 'es' });
    const a = await book(h, s, 7);
    expect(await h.notifications.deliverDue()).toContain('sent');
    const mail = h.smtp.to(s.email)[0]!;
    expect(mail.subject).toBe('Su cita en Riverside Clinic está reservada');
    expect(mail.secure).toBe(true);
    const [row] = await messagesOf(h, a.id);
    expect(row).toMatchObject({ kind: 'confirmation', status: 'sent', channel: 'email' });
    const { rows } = await h.db.query<{ vendor_id: string; template_key: string }>(
      'select vendor_id, template_key from notification_messages where id = $1',
      [row!.id],
    );
    expect(rows[0]!.vendor_id).toMatch(/^<[0-9a-f]{32}@localhost>$/);
    expect(rows[0]!.template_key).toBe('confirmation/email/es');
  });

  it('an opted-out channel is never used: without consent the message stays in the portal inbox', async () => {
    const s = await scene(h, { channels: [] });
    const a = await book(h, s, 7);
    await h.notifications.deliverDue();
    expect(h.smtp.to(s.email)).toEqual([]);
    expect((await messagesOf(h, a.id))[0]).toMatchObject({ status: 'sent', channel: 'portal' });
  });

  it('a message is sent once, however many workers try it at the same moment', async () => {
    const s = await scene(h);
    const a = await book(h, s, 7);
    const [confirmation] = await messagesOf(h, a.id);
    const outcomes = await Promise.all(
      [1, 2, 3, 4].map(() => h.notifications.deliver(confirmation!.id)),
    );
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(await h.notifications.deliver(confirmation!.id)).toBe('gone');
    expect(h.smtp.to(s.email)).toHaveLength(1);
  });

  it('a reminder is not sent before its time, and at its time once', async () => {
    const s = await scene(h);
    const a = await book(h, s, 7);
    await h.notifications.deliverDue();
    const reminder = (await messagesOf(h, a.id)).find((m) => m.kind === 'reminder')!;
    expect(await h.notifications.deliver(reminder.id)).toBe('early');
    const wait = reminder.due_at.getTime() - h.clock.now().getTime();
    h.clock.advance(wait);
    try {
      await h.notifications.deliverDue();
      expect(h.smtp.to(s.email).map((m) => m.subject)).toEqual([
        'Your appointment at Riverside Clinic is booked',
        'Reminder: your appointment at Riverside Clinic',
      ]);
    } finally {
      h.clock.advance(-wait);
    }
  });

  it('a patient who moved to another zone gets the reminder after their new night ends', async () => {
    const s = await scene(h);
    const a = await book(h, s, 7, '10:00');
    await h.notifications.deliverDue();
    const reminder = (await messagesOf(h, a.id)).find((m) => m.kind === 'reminder')!;
    // 10:00 in New York is 00:00 in Tokyo: after moving there, the reminder waits for 08:00.
    await h.db.query(
      `update patient_preferences set time_zone = 'Asia/Tokyo' where patient_id = $1`,
      [s.patientId],
    );
    const wait = reminder.due_at.getTime() - h.clock.now().getTime();
    h.clock.advance(wait);
    try {
      expect(await h.notifications.deliver(reminder.id)).toBe('deferred');
      const moved = (await messagesOf(h, a.id)).find((m) => m.kind === 'reminder')!;
      expect(moved.due_at.getTime()).toBe(reminder.due_at.getTime() + hours(8));
      h.clock.advance(hours(8));
      expect(await h.notifications.deliver(reminder.id)).toBe('sent');
      h.clock.advance(-hours(8));
    } finally {
      h.clock.advance(-wait);
    }
  });

  it('the rendered text is kept for the retention window, then only the metadata', async () => {
    const s = await scene(h);
    const a = await book(h, s, 7);
    await h.notifications.deliverDue();
    expect((await messagesOf(h, a.id))[0]!.body).toContain('Riverside Clinic');
    h.clock.advance(hours(24 * 31));
    try {
      expect(await h.notifications.purgeExpiredBodies()).toBeGreaterThan(0);
      expect((await messagesOf(h, a.id))[0]).toMatchObject({
        status: 'sent',
        channel: 'email',
        body: null,
      });
    } finally {
      h.clock.advance(-hours(24 * 31));
    }
  });

  it('a failing channel falls back to the next, and finally to the portal inbox', async () => {
    const s = await scene(h, { channels: ['email'] });
    const a = await book(h, s, 7);
    const email = h.notifications.deps.channels.email!;
    h.notifications.deps.channels.email = {
      name: 'email',
      send: () => Promise.reject(new Error('relay down')),
    };
    try {
      await h.notifications.deliverDue();
    } finally {
      h.notifications.deps.channels.email = email;
    }
    expect((await messagesOf(h, a.id))[0]).toMatchObject({ status: 'sent', channel: 'portal' });
  });
});

describe('other changes of the appointment', () => {
  it('a check-in cancels the nudge still waiting, so it is never sent', async () => {
    const s = await scene(h);
    const a = await book(h, s, 3, '10:00');
    await h.notifications.deliverDue();
    const wait = Date.parse(a.start) - h.clock.now().getTime() - minutes(30);
    h.clock.advance(wait);
    try {
      // The reminder and the nudge are both due now, unsent; the patient checks in first.
      await booking.transition(s.desk, h.booking, s.clinic.orgId, a.id, 'checkIn');
      expect(kinds(await messagesOf(h, a.id))).toEqual([
        'confirmation:sent',
        'reminder:cancelled',
        'nudge:cancelled',
      ]);
      const before = h.smtp.to(s.email).length;
      await h.notifications.deliverDue();
      expect(h.smtp.to(s.email).length).toBe(before);
    } finally {
      h.clock.advance(-wait);
    }
  });
});
