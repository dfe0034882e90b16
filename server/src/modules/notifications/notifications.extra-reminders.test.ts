import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPatient } from '../../../test/clinic.ts';
import { startIdentityApp, type IdentityApp } from '../../../test/identity-fixtures.ts';
import { hours } from '../../platform/time/clock.ts';
import * as booking from '../booking/booking.service.ts';
import { book, messagesOf, scene, type Scene } from './notifications.fixtures.ts';

// The extra reminder for a visit at high risk of a no-show (booking's no_show_risks): a patient
// who missed 8 of 8 visits and another who came to 20 of 20 (base rate 8/28). Tomorrow's visit
// of the first scores about 0.40 (high); the second's about 0.23 (medium).

let h: IdentityApp;
let s: Scene;
let steady: string;

async function history(patientId: string, status: string, count: number, offsetDays: number) {
  for (let i = 0; i < count; i++) {
    const start = new Date(Date.UTC(2029, 9, 1 + offsetDays + i, 15));
    await h.db.query(
      `insert into appointments (organization_id, appointment_type_id, provider_id, location_id,
         patient_id, modality, status, starts_at, ends_at, during, created_at)
       values ($1, $2, $3, $4, $5, 'in_person', $6, $7::timestamptz,
         $7::timestamptz + interval '30 minutes',
         tstzrange($7::timestamptz, $7::timestamptz + interval '30 minutes'),
         $7::timestamptz - interval '10 days')`,
      [
        s.clinic.orgId,
        s.clinic.typeId,
        s.clinic.providerIds[0],
        s.clinic.locationId,
        patientId,
        status,
        start,
      ],
    );
  }
}

beforeAll(async () => {
  h = await startIdentityApp();
  // Tuesday 15 January 2030, 09:00 in New York.
  h.clock.set(new Date('2030-01-15T14:00:00Z'));
  s = await scene(h);
  steady = await addPatient(h.db, s.clinic.orgId);
  await history(s.patientId, 'no_show', 8, 0);
  await history(steady, 'completed', 20, 10);
});
afterAll(() => h.close());

describe('the extra reminder for a visit likely to be missed', () => {
  it('is planned once, 24 hours before, for the high-risk visit only, and cancelled with it', async () => {
    const risky = await book(h, s, 1, '10:00');
    const other = await booking.hold(s.desk, h.booking, {
      organizationId: s.clinic.orgId,
      appointmentTypeId: s.clinic.typeId,
      providerId: s.clinic.providerIds[0],
      locationId: s.clinic.locationId,
      patientId: steady,
      start: new Date(Date.parse(risky.start) + hours(1)).toISOString(),
      modality: 'in_person',
      confirm: true,
    });
    // Tomorrow 10:00 is 25 hours away: the plan's own 72-hour reminder had no time left.
    const remindersOf = async (id: string) =>
      (await messagesOf(h, id)).filter((m) => m.kind === 'reminder');
    expect(await remindersOf(risky.id)).toEqual([]);

    expect(await h.notifications.planExtraReminders()).toBe(1);
    const [extra] = await remindersOf(risky.id);
    expect(extra).toMatchObject({ status: 'scheduled' });
    expect(extra!.due_at.getTime()).toBe(Date.parse(risky.start) - hours(24));
    const { rows } = await h.db.query<{ idempotency_key: string; appointment_type_id: string }>(
      'select idempotency_key, appointment_type_id from notification_messages where id = $1',
      [extra!.id],
    );
    expect(rows[0]).toEqual({
      idempotency_key: `${risky.id}:reminder:extra`,
      appointment_type_id: s.clinic.typeId,
    });
    expect(await remindersOf(other.id)).toEqual([]);

    // The next hour's run plans nothing again.
    h.clock.advance(hours(1));
    expect(await h.notifications.planExtraReminders()).toBe(0);
    expect(await remindersOf(risky.id)).toHaveLength(1);

    await booking.transition(s.desk, h.booking, s.clinic.orgId, risky.id, 'cancel', {
      body: { reasonCode: 'patient_request', overrideReason: 'patient_called' },
    });
    expect((await remindersOf(risky.id)).map((m) => m.status)).toEqual(['cancelled']);
  });
});
