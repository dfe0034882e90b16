import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  signIn,
  startIdentityApp,
  type IdentityApp,
} from '../../../test/identity-fixtures.ts';
import { transition } from '../booking/booking.service.ts';
import { book, messagesOf, scene, type Scene } from './notifications.fixtures.ts';

/**
 * The desk's list of messages that reached no patient: failed on every channel, or unconfirmed
 * (a claim lost with its worker), about visits still ahead and still as the message said; a visit
 * cancelled since, or sent messages, are not on it. Audited with the ids it shows.
 */

let h: IdentityApp;
let s: Scene;

beforeAll(async () => {
  h = await startIdentityApp();
  h.clock.set(new Date('2030-01-15T14:00:00Z'));
  s = await scene(h, { channels: ['email'] });
});
afterAll(() => h.close());

async function confirmation(appointmentId: string) {
  return (await messagesOf(h, appointmentId)).find((m) => m.kind === 'confirmation')!;
}

describe('messages needing the desk’s attention', () => {
  it('lists what reached no one about visits ahead, and not what was sent or is moot', async () => {
    const sent = await book(h, s, 3, '09:00');
    await h.notifications.deliverDue(50);
    // The patient's stored email fails its integrity check while two are delivered (xor twice
    // restores it): those fail outright.
    const flip = () =>
      h.db.query(
        `update patient_identity set email = set_byte(email, 39, get_byte(email, 39) # 255)
          where patient_id = $1`,
        [s.patientId],
      );
    await flip();
    const refused = await book(h, s, 4, '10:00');
    const moot = await book(h, s, 5, '11:00');
    await h.notifications.deliverDue(50);
    await flip();
    const lost = await book(h, s, 6, '12:00');
    // A worker claims the last one and stops before recording it.
    await h.db.query(
      `update notification_messages set status = 'sending', claimed_at = $2
        where appointment_id = $1 and kind = 'confirmation'`,
      [lost.id, h.clock.now()],
    );
    expect((await confirmation(sent.id)).status).toBe('sent');
    expect((await confirmation(refused.id)).status).toBe('failed');
    // Cancelled since: its failed confirmation is moot (the cancellation notice is what counts).
    await transition(s.desk, h.booking, s.clinic.orgId, moot.id, 'cancel', {
      body: { reasonCode: 'clinic_closed' },
    });
    await h.notifications.deliverDue(50);
    h.clock.set(new Date(h.clock.now().getTime() + 31 * 60_000));
    await h.notifications.failLostClaims();

    const desk = await signIn(h, await addAccount(h, s.org, { roles: ['front_desk'] }));
    const res = await desk.request('GET', '/api/notification-messages/attention');
    expect(res.statusCode, res.body).toBe(200);
    const listed = res.json().messages as {
      id: string;
      appointmentId: string;
      kind: string;
      status: string;
      deliveryStatus: string | null;
      providerId: string;
      locationId: string;
    }[];
    expect(listed.map((m) => [m.appointmentId, m.kind, m.status, m.deliveryStatus])).toEqual([
      [refused.id, 'confirmation', 'failed', null],
      [lost.id, 'confirmation', 'failed', 'unconfirmed'],
    ]);
    expect(listed[0]).toMatchObject({
      providerId: s.clinic.providerIds[0],
      locationId: s.clinic.locationId,
    });
    expect(res.body).not.toContain(s.email);
    const { rows } = await h.db.query<{ resource_ids: string[] }>(
      `select resource_ids from audit_events where action = 'notification.attention.list'
        order by seq desc limit 1`,
    );
    expect(rows[0]!.resource_ids).toEqual(listed.map((m) => m.id));

    // Another clinic's desk sees none of it.
    const other = await scene(h, { channels: ['email'] });
    const elsewhere = await signIn(h, await addAccount(h, other.org, { roles: ['front_desk'] }));
    const theirs = await elsewhere.request('GET', '/api/notification-messages/attention');
    expect(theirs.json()).toEqual({ messages: [] });
  });
});
