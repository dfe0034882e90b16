import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityApp, type IdentityApp } from '../../../test/identity-fixtures.ts';
import { managerOf, newYorkTime } from '../../../test/clinic.ts';
import { addWorkingHours } from '../directory/directory.rules-service.ts';
import * as booking from '../booking/booking.service.ts';
import { minutes } from '../../platform/time/clock.ts';
import { putSettings, staffList } from './waitlist.service.ts';
import { accept, decline, openByToken } from './waitlist.offers.ts';
import { waitlistReport } from './waitlist.report.ts';
import {
  appointmentRow,
  as,
  bookFor,
  cancel,
  joinAs,
  offersOf,
  waitScene,
} from './waitlist.fixtures.ts';

let h: IdentityApp;
beforeAll(async () => {
  h = await startIdentityApp();
  // Tuesday 15 January 2030, 09:00 in New York: the clock is fixed, so no test depends on the hour.
  h.clock.set(new Date('2030-01-15T14:00:00Z'));
});
afterAll(() => h.close());

const deps = () => h.waitlist.deps;

describe('offers of a freed slot', () => {
  it('go to the highest clinical priority first, then the longest waiting; declined and expired offers pass it on', async () => {
    const s = await waitScene(h, 4);
    const [other, first, urgent, last] = s.patients as [string, string, string, string];
    const visit = await bookFor(h, s, other, 7);
    const eFirst = await joinAs(h, s, first);
    const eUrgent = await joinAs(h, s, urgent, { priority: 2 }, s.desk);
    const eLast = await joinAs(h, s, last);
    expect(await h.waitlist.runOffers()).toBe(0);

    await cancel(h, s, visit.id);
    expect(await h.waitlist.runOffers()).toBe(1);
    const [toUrgent] = await offersOf(h, eUrgent.id);
    expect(toUrgent).toMatchObject({ status: 'sent' });
    expect(toUrgent!.starts_at.toISOString()).toBe(visit.start);
    // The slot is held for the offer: a patient-less hold the exclusion constraint protects.
    expect(await appointmentRow(h, toUrgent!.hold_appointment_id)).toMatchObject({
      status: 'held',
      patient_id: null,
    });
    await expect(bookFor(h, s, other, 7)).rejects.toMatchObject({ slug: 'slot-taken' });
    expect(await offersOf(h, eFirst.id)).toEqual([]);

    await decline(deps(), as(s, urgent), toUrgent!.id);
    expect(await appointmentRow(h, toUrgent!.hold_appointment_id)).toMatchObject({
      status: 'cancelled',
    });
    expect(await h.waitlist.runOffers()).toBe(1);
    const [toFirst] = await offersOf(h, eFirst.id);
    expect(toFirst).toMatchObject({ status: 'sent' });
    expect(await offersOf(h, eLast.id)).toEqual([]);

    // Nobody answers within the hold (30 minutes by default): it expires and goes to the next.
    h.clock.advance(minutes(29));
    expect(await h.waitlist.runOffers()).toBe(0);
    h.clock.advance(minutes(1));
    expect(await h.waitlist.runOffers()).toBe(1);
    expect((await offersOf(h, eFirst.id))[0]).toMatchObject({ status: 'expired' });
    await expect(accept(deps(), as(s, first), toFirst!.id)).rejects.toMatchObject({
      slug: 'offer-expired',
    });
    const [toLast] = await offersOf(h, eLast.id);
    const booked = await accept(deps(), as(s, last), toLast!.id);
    expect(booked.start).toBe(visit.start);
    expect(await appointmentRow(h, booked.appointmentId)).toMatchObject({
      status: 'booked',
      patient_id: last,
    });
    // The urgent patient declined this time; they are not offered it again.
    expect((await offersOf(h, eUrgent.id)).map((o) => o.status)).toEqual(['declined']);
    // The ledger: three offers of one time (each a new hold), one accepted.
    const report = await waitlistReport(deps(), managerOf(s.clinic.orgId), {
      from: '2030-01-01',
      to: '2030-01-31',
    });
    expect(report.total).toMatchObject({
      sent: 3,
      accepted: 1,
      declined: 1,
      expired: 1,
      fillRate: 0.333,
      daysSooner: null,
    });
    expect(report.byType.map((x) => x.appointmentTypeId)).toEqual([s.clinic.typeId]);
  });

  it('a batch shares one hold: the first acceptance books it, the next hears it was taken', async () => {
    const s = await waitScene(h, 3);
    const [other, a, b] = s.patients as [string, string, string];
    await putSettings(deps(), managerOf(s.clinic.orgId), { batchSize: 2, offerMinutes: 60 });
    const visit = await bookFor(h, s, other, 8);
    const ea = await joinAs(h, s, a);
    const eb = await joinAs(h, s, b);
    await cancel(h, s, visit.id);
    expect(await h.waitlist.runOffers()).toBe(2);
    const [oa] = await offersOf(h, ea.id);
    const [ob] = await offersOf(h, eb.id);
    expect(oa!.hold_appointment_id).toBe(ob!.hold_appointment_id);
    await accept(deps(), as(s, b), ob!.id);
    await expect(accept(deps(), as(s, a), oa!.id)).rejects.toMatchObject({
      slug: 'offer-taken',
      extensions: { nextOfferId: null },
    });
    expect((await offersOf(h, ea.id))[0]).toMatchObject({ status: 'taken' });
    // Another patient's offer is not theirs to answer.
    await expect(accept(deps(), as(s, other), oa!.id)).rejects.toMatchObject({
      slug: 'not-found',
    });
  });

  it('a slot the front desk booked before the offer job ran is offered to nobody', async () => {
    const s = await waitScene(h, 3);
    const [other, desk, waiting] = s.patients as [string, string, string];
    const visit = await bookFor(h, s, other, 9);
    const e = await joinAs(h, s, waiting);
    await cancel(h, s, visit.id);
    await bookFor(h, s, desk, 9);
    expect(await h.waitlist.runOffers()).toBe(0);
    expect(await offersOf(h, e.id)).toEqual([]);
  });

  it('a patient’s hold that ran out frees its time too', async () => {
    const s = await waitScene(h, 2);
    const [holder, waiting] = s.patients as [string, string];
    const held = await booking.hold(as(s, holder), h.booking, {
      organizationId: s.clinic.orgId,
      appointmentTypeId: s.clinic.typeId,
      providerId: s.clinic.providerIds[0],
      locationId: s.clinic.locationId,
      patientId: holder,
      start: newYorkTime(10, '13:00', h.clock.now().getTime()),
      modality: 'in_person',
    });
    const e = await joinAs(h, s, waiting);
    expect(await h.waitlist.runOffers()).toBe(0);
    h.clock.advance(minutes(h.booking.holdMinutes + 1));
    await booking.sweepExpiredHolds(h.booking);
    expect(await h.waitlist.runOffers()).toBe(1);
    const [offer] = await offersOf(h, e.id);
    expect(offer!.starts_at.toISOString()).toBe(held.start);
  });

  it('only entries whose place, dates and time-of-day windows fit are offered the slot', async () => {
    const s = await waitScene(h, 3);
    const [other, afternoons, mornings] = s.patients as [string, string, string];
    const visit = await bookFor(h, s, other, 7, '10:30');
    const eAfternoon = await joinAs(h, s, afternoons, {
      windows: [{ from: '13:00', to: '17:00' }],
    });
    const eMorning = await joinAs(h, s, mornings, { windows: [{ from: '09:00', to: '11:00' }] });
    await cancel(h, s, visit.id);
    expect(await h.waitlist.runOffers()).toBe(1);
    expect(await offersOf(h, eAfternoon.id)).toEqual([]);
    expect(await offersOf(h, eMorning.id)).toHaveLength(1);
  });
});

describe('moving a booked visit earlier', () => {
  it('accepting books the earlier time and cancels the old visit in the same transaction', async () => {
    const s = await waitScene(h, 2);
    const [other, mover] = s.patients as [string, string];
    const later = await bookFor(h, s, mover, 14);
    const visit = await bookFor(h, s, other, 7);
    const e = await joinAs(h, s, mover, { moveAppointmentId: later.id });
    await cancel(h, s, visit.id);
    await h.waitlist.runOffers();
    const [offer] = await offersOf(h, e.id);
    const answer = await accept(deps(), as(s, mover), offer!.id);
    expect(answer.cancelledAppointmentId).toBe(later.id);
    expect(await appointmentRow(h, later.id)).toMatchObject({
      status: 'cancelled',
      cancel_reason: 'rescheduled',
    });
    expect(await appointmentRow(h, answer.appointmentId)).toMatchObject({
      status: 'booked',
      patient_id: mover,
    });
    const report = await waitlistReport(deps(), managerOf(s.clinic.orgId), {
      from: '2030-01-01',
      to: '2030-01-31',
    });
    expect(report.total).toMatchObject({ sent: 1, accepted: 1, fillRate: 1, daysSooner: 7 });
  });

  it('an acceptance that fails leaves the old visit booked', async () => {
    const s = await waitScene(h, 2);
    const [other, mover] = s.patients as [string, string];
    const later = await bookFor(h, s, mover, 15);
    const visit = await bookFor(h, s, other, 8, '11:00');
    const e = await joinAs(h, s, mover, { moveAppointmentId: later.id });
    await cancel(h, s, visit.id);
    await h.waitlist.runOffers();
    const [offer] = await offersOf(h, e.id);
    h.clock.advance(minutes(31));
    await expect(accept(deps(), as(s, mover), offer!.id)).rejects.toMatchObject({
      slug: 'offer-expired',
    });
    expect(await appointmentRow(h, later.id)).toMatchObject({ status: 'booked' });
  });

  it('a slot later than the visit to move is not offered', async () => {
    const s = await waitScene(h, 2);
    const [other, mover] = s.patients as [string, string];
    const sooner = await bookFor(h, s, mover, 6);
    const visit = await bookFor(h, s, other, 9, '14:00');
    const e = await joinAs(h, s, mover, { moveAppointmentId: sooner.id });
    await cancel(h, s, visit.id);
    expect(await h.waitlist.runOffers()).toBe(0);
    expect(await offersOf(h, e.id)).toEqual([]);
  });
});

describe('joining', () => {
  it('a patient joins for their own record only, and cannot set the clinical priority', async () => {
    const s = await waitScene(h, 2);
    const [me, someone] = s.patients as [string, string];
    await expect(joinAs(h, s, someone, {}, as(s, me))).rejects.toMatchObject({ slug: 'not-found' });
    await expect(joinAs(h, s, me, { priority: 3 })).rejects.toMatchObject({ slug: 'forbidden' });
    await expect(
      joinAs(h, s, me, { windows: [{ from: '15:00', to: '09:00' }] }),
    ).rejects.toMatchObject({ slug: 'validation' });
  });
});

describe('the offer message', () => {
  it('goes out through notifications, PHI-free, with a link only the offered patient can open', async () => {
    const s = await waitScene(h, 3);
    const [other, waiting, stranger] = s.patients as [string, string, string];
    const visit = await bookFor(h, s, other, 7, '15:00');
    const e = await joinAs(h, s, waiting);
    await cancel(h, s, visit.id);
    await h.waitlist.runOffers();
    const [offer] = await offersOf(h, e.id);
    const { rows } = await h.db.query<{ id: string; patient_id: string }>(
      `select id, patient_id from notification_messages
        where appointment_id = $1 and kind = 'waitlist_offer'`,
      [offer!.hold_appointment_id],
    );
    expect(rows.map((r) => r.patient_id)).toEqual([waiting]);
    await h.notifications.deliver(rows[0]!.id);
    const sent = await h.db.query<{ body: string; status: string }>(
      'select body, status from notification_messages where id = $1',
      [rows[0]!.id],
    );
    const body = sent.rows[0]!.body;
    const token = /\/waitlist\/offer#token=([A-Za-z0-9_-]+)/.exec(body)?.[1];
    expect(token).toBeTruthy();
    // Only the clinic, place and time: no patient, no visit type.
    expect(body).not.toContain(waiting);
    await expect(openByToken(deps(), as(s, stranger), token!)).rejects.toMatchObject({
      slug: 'not-found',
    });
    const opened = await openByToken(deps(), as(s, waiting), token!);
    expect(opened).toMatchObject({ id: offer!.id, status: 'opened', start: visit.start });
    expect((await offersOf(h, e.id))[0]).toMatchObject({ status: 'opened' });
  });
});

describe('the console’s list', () => {
  it('names the patient for the front desk, not for a manager', async () => {
    const s = await waitScene(h, 1);
    const [waiting] = s.patients as [string];
    await joinAs(h, s, waiting, { priority: 1 }, s.desk);
    const names = async () => new Map([[waiting, 'Ada Quill']]);
    const withNames = { ...deps(), patientNames: names };
    const forDesk = await staffList(withNames, s.desk);
    expect(forDesk.map((e) => [e.patientId, e.patientName, e.priority])).toEqual([
      [waiting, 'Ada Quill', 1],
    ]);
    const forManager = await staffList(withNames, managerOf(s.clinic.orgId));
    expect(forManager.map((e) => e.patientName)).toEqual([null]);
  });
});

describe('times nobody freed', () => {
  it('new working hours that suit a waiting patient are offered to them, once', async () => {
    const s = await waitScene(h, 1);
    const [evening] = s.patients as [string];
    const entry = await joinAs(h, s, evening, { windows: [{ from: '18:00', to: '20:00' }] });
    h.clock.advance(minutes(61));
    // The clinic closes at 17:00: nothing suits yet.
    await h.waitlist.queueOpenTimes();
    await h.waitlist.runOffers();
    expect(await offersOf(h, entry.id)).toEqual([]);

    for (let weekday = 1; weekday <= 7; weekday++) {
      await addWorkingHours(s.clinic.manager, h.db, s.clinic.orgId, {
        providerId: s.clinic.providerIds[0],
        locationId: s.clinic.locationId,
        weekday,
        startTime: '18:00',
        endTime: '19:00',
      });
    }
    await h.waitlist.queueOpenTimes();
    await h.waitlist.runOffers();
    const [offer] = await offersOf(h, entry.id);
    expect(offer).toMatchObject({ status: 'sent' });
    // The earliest evening time, 18:00 in New York, on the first day with notice enough.
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(offer!.starts_at);
    expect(local).toBe('18:00');
    // While the offer is open, the sweep queues nothing more for the patient; declined, the
    // same time is not offered again, the next one is.
    await h.waitlist.queueOpenTimes();
    await h.waitlist.runOffers();
    expect(await offersOf(h, entry.id)).toHaveLength(1);
    await decline(deps(), as(s, evening), offer!.id);
    await h.waitlist.queueOpenTimes();
    await h.waitlist.runOffers();
    const offers = await offersOf(h, entry.id);
    expect(offers).toHaveLength(2);
    expect(offers[1]!.starts_at.getTime()).toBeGreaterThan(offer!.starts_at.getTime());
  });

  it('leaves an entry younger than an hour to freed slots alone', async () => {
    const s = await waitScene(h, 1);
    const [patient] = s.patients as [string];
    const entry = await joinAs(h, s, patient);
    await h.waitlist.queueOpenTimes();
    await h.waitlist.runOffers();
    expect(await offersOf(h, entry.id)).toEqual([]);
    h.clock.advance(minutes(61));
    await h.waitlist.queueOpenTimes();
    await h.waitlist.runOffers();
    expect(await offersOf(h, entry.id)).toHaveLength(1);
  });
});
