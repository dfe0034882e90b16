import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityApp, type IdentityApp } from '../../../test/identity-fixtures.ts';
import { hours } from '../../platform/time/clock.ts';
import * as booking from '../booking/booking.service.ts';
import { SEND_QUEUE } from './notifications.deps.ts';
import { book, messagesOf, scene } from './notifications.fixtures.ts';

let h: IdentityApp;
beforeAll(async () => {
  h = await startIdentityApp({ env: { HOURGLASS_JOBS: 'true' } });
});
afterAll(() => h.close());

interface JobRow {
  id: string;
  state: string;
  start_after: Date;
  data: unknown;
}

async function job(id: string | null): Promise<JobRow> {
  const { rows } = await h.db.query<JobRow>(
    'select id, state, start_after, data from pgboss.job where name = $1 and id = $2',
    [SEND_QUEUE, id],
  );
  return rows[0]!;
}

describe('pg-boss jobs of the messages', () => {
  it('are written with the booking, due at each message’s time, carrying the message id alone', async () => {
    const s = await scene(h);
    const before = Date.now();
    const a = await book(h, s, 7);
    const rows = await messagesOf(h, a.id);
    const reminder = rows.find((m) => m.kind === 'reminder')!;
    const j = await job(reminder.job_id);
    expect(j.data).toEqual({ messageId: reminder.id });
    const lead = reminder.due_at.getTime() - h.clock.now().getTime();
    expect(j.start_after.getTime()).toBeGreaterThanOrEqual(before + lead - 1000);
    expect(j.start_after.getTime()).toBeLessThanOrEqual(Date.now() + lead + 1000);
    // The confirmation is due now: its worker sends it.
    const mail = await h.smtp.waitFor(s.email, () => true);
    expect(mail.subject).toBe(`Your appointment at Riverside Clinic is booked`);
  });

  it('are cancelled in the transaction that cancels the appointment', async () => {
    const s = await scene(h);
    const a = await book(h, s, 7, '11:00');
    await booking.transition(s.desk, h.booking, s.clinic.orgId, a.id, 'cancel', {
      body: { reasonCode: 'patient_request' },
    });
    const rows = await messagesOf(h, a.id);
    for (const kind of ['reminder', 'nudge']) {
      const m = rows.find((r) => r.kind === kind)!;
      expect(m.status).toBe('cancelled');
      expect((await job(m.job_id)).state).toBe('cancelled');
    }
  });

  it('and moved with a reschedule: the old ones cancelled, the new ones due at the new time', async () => {
    const s = await scene(h);
    const a = await book(h, s, 7, '12:00');
    const moved = await booking.reschedule(s.desk, h.booking, s.clinic.orgId, a.id, {
      start: new Date(Date.parse(a.start) + hours(48)).toISOString(),
    });
    const old = (await messagesOf(h, a.id)).find((m) => m.kind === 'reminder')!;
    expect((await job(old.job_id)).state).toBe('cancelled');
    const next = (await messagesOf(h, moved.id)).find((m) => m.kind === 'reminder')!;
    const j = await job(next.job_id);
    expect(j.state).toBe('created');
    expect(j.start_after.getTime() - (await job(old.job_id)).start_after.getTime()).toBeGreaterThan(
      hours(47),
    );
  });
});
