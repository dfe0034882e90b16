import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPatient, createClinic, newYorkTime } from '../../../test/clinic.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { createTestClock, minutes } from '../../platform/time/clock.ts';
import { SWEEP_QUEUE } from './booking.jobs.ts';
import * as booking from './booking.service.ts';

let h: TestApp;
// The app's clock, from the real time (the hold names a real date); the test moves it.
const clock = createTestClock(new Date());
beforeAll(async () => {
  h = await startTestApp({ env: { HOURGLASS_JOBS: 'true' }, clock });
});
afterAll(() => h.close());

describe('the hold sweeper job', () => {
  it('is scheduled every minute, and its worker turns a hold past its expiry into expired', async () => {
    const schedules = await h.jobs!.boss.getSchedules();
    expect(schedules).toContainEqual(
      expect.objectContaining({ name: SWEEP_QUEUE, cron: '* * * * *' }),
    );
    const clinic = await createClinic(h.db);
    const patientId = await addPatient(h.db, clinic.orgId);
    const held = await booking.hold({ type: 'system', job: 'test' }, h.booking, {
      organizationId: clinic.orgId,
      appointmentTypeId: clinic.typeId,
      providerId: clinic.providerIds[0],
      locationId: clinic.locationId,
      patientId,
      start: newYorkTime(3),
      modality: 'telehealth',
    });
    clock.advance(minutes(h.booking.holdMinutes));
    await h.jobs!.send(SWEEP_QUEUE, {});
    let status = 'held';
    for (let i = 0; i < 60 && status === 'held'; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const { rows } = await h.db.query<{ status: string }>(
        'select status from appointments where id = $1',
        [held.id],
      );
      status = rows[0]!.status;
    }
    expect(status).toBe('expired');
  });
});
