import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClinic,
  holdRequest,
  newYorkTime,
  staffOf,
  type Clinic,
} from '../../../test/clinic.ts';
import {
  addAccount,
  Client,
  codeIn,
  nextMail,
  registration,
  startIdentityApp,
  type IdentityApp,
  type Org,
} from '../../../test/identity-fixtures.ts';
import { minutes } from '../../platform/time/clock.ts';
import { findAccountByAddress } from './identity.vault.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { hold } from '../booking/booking.service.ts';
import { createIntake } from '../intake/intake.service.ts';
import { demoIntakeForm } from '../demo/demo.patients.ts';
import { createAudit } from '../audit/audit.service.ts';
import { createPatients } from '../patients/patients.service.ts';

let h: IdentityApp;
let clinic: Clinic;
let org: Org;
const slug = 'guest-clinic';
/** 10:00 in New York, `days` from today. */
const at = (days: number) => newYorkTime(days);

beforeAll(async () => {
  h = await startIdentityApp();
  // Booking keeps a hold by the database's clock: the app's clock starts at the real time here
  // (the tests that move it far run last).
  h.clock.set(new Date());
  clinic = await createClinic(h.db, { slug });
  org = { id: clinic.orgId, slug, locationId: clinic.locationId };
});
afterAll(() => h.close());

/** What a guest gives; `over` replaces fields. */
function details(email: string, over: Record<string, unknown> = {}) {
  return {
    organization: slug,
    email,
    legalName: { given: 'Wilhelmina', family: 'Canarybird' },
    dateOfBirth: '1947-08-19',
    sex: 'female',
    phone: '+1 555 014 9876',
    ...over,
  };
}

/** A guest who gave their details and entered the emailed code: the client and its record. */
async function guest(email: string, over: Record<string, unknown> = {}) {
  const c = new Client(h);
  const before = h.smtp.to(email);
  const started = await c.post('/api/guest/start', details(email, over));
  expect(started.statusCode, started.body).toBe(202);
  expect(started.json()).toEqual({ next: 'check-email' });
  const code = codeIn(await nextMail(h.smtp, email, before));
  const verified = await c.post('/api/guest/verify', { organization: slug, email, code });
  expect(verified.statusCode, verified.body).toBe(200);
  return { c, patientId: verified.json().patientId as string };
}

/** The guest holds and confirms a visit; returns the appointment id and the visit link's token. */
async function book(c: Client, email: string, patientId: string, start: string) {
  const held = await c.post('/api/appointments', holdRequest(clinic, patientId, start));
  expect(held.statusCode, held.body).toBe(201);
  const id = held.json().id as string;
  const before = h.smtp.to(email);
  const confirmed = await c.post(`/api/appointments/${id}/confirm`);
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  expect(confirmed.json().status).toBe('booked');
  const mail = await nextMail(h.smtp, email, before);
  const token = /\/visit#token=([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
  return { id, token, mail };
}

/** Opens a visit link in a fresh browser: asks for the code, enters it. */
async function openVisitLink(token: string, email: string) {
  const c = new Client(h, '198.51.100.200');
  const before = h.smtp.to(email);
  const asked = await c.post('/api/visit-links/code', { token });
  expect(asked.statusCode, asked.body).toBe(202);
  const code = codeIn(await nextMail(h.smtp, email, before));
  const opened = await c.post('/api/visit-links/verify', { token, code });
  return { c, opened };
}

describe('a guest booking with an emailed code', () => {
  it('gets a short guest session for a new record, holds and confirms, and is mailed a visit link', async () => {
    const email = 'wilhelmina@example.test';
    const { c, patientId } = await guest(email);
    const session = (await c.get('/api/auth/session')).json();
    expect(session).toMatchObject({
      stage: 'full',
      account: { kind: 'guest', patientId, displayName: '', roles: [] },
      guest: { scope: 'booking', appointmentIds: [] },
      mfaMethods: [],
      idleTimeoutSeconds: 30 * 60,
      expiresAt: new Date(h.clock.now().getTime() + minutes(120)).toISOString(),
    });
    const { id, mail } = await book(c, email, patientId, at(2));
    expect(mail.subject).toBe(`Your appointment at Clinic ${slug} is booked`);
    expect((await c.get('/api/auth/session')).json().guest.appointmentIds).toEqual([id]);
    expect((await c.get(`/api/appointments/${id}`)).statusCode).toBe(200);
    const actions = (await listAuditEvents(h.db))
      .filter((e) => e.actor_role === 'guest')
      .map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'identity.guest.verify',
        'patient.self_register',
        'booking.held',
        'booking.booked',
        'identity.visit_link.create',
      ]),
    );
  });

  it('reaches nothing but its own bookings: not another appointment, the record, its export or documents', async () => {
    const { c, patientId } = await guest('nosy.guest@example.test', {
      legalName: { given: 'Nosy', family: 'Guest' },
    });
    const someoneElse = await hold(staffOf(clinic.orgId), h.booking, {
      ...holdRequest(clinic, patientId, at(3)),
      patientId: (await addAccount(h, org, { kind: 'patient' })).account.patient_id,
    });
    expect((await c.get(`/api/appointments/${someoneElse.id}`)).statusCode).toBe(404);
    const cancel = await c.post(`/api/appointments/${someoneElse.id}/cancel`, {
      reasonCode: 'patient_request',
    });
    expect(cancel.statusCode).toBe(404);
    for (const url of [
      '/api/me/record',
      `/api/patients/${patientId}`,
      `/api/patients/${patientId}/preferences`,
      `/api/patients/${patientId}/intake`,
      `/api/patients/${patientId}/documents`,
      '/api/account/sessions',
    ]) {
      expect((await c.get(url)).statusCode, url).toBe(403);
    }
    expect((await c.post('/api/auth/step-up', { password: 'anything at all' })).statusCode).toBe(
      403,
    );
    // Holding for another record is refused too.
    const forOther = await c.post(
      '/api/appointments',
      holdRequest(clinic, someoneElse.patientId!, at(4)),
    );
    // Another patient looks like no patient at all (booking.proxy.ts): 404, as a missing one.
    expect(forOther.statusCode).toBe(404);
  });

  it('fills in the intake form of the visit it booked, and no other', async () => {
    const intake = createIntake({
      db: h.db,
      vault: h.vault,
      audit: createAudit(h.db),
      patients: createPatients({ db: h.db, vault: h.vault, audit: createAudit(h.db) }),
    });
    const system = { type: 'system', job: 'test' } as const;
    await intake.ensureForm(system, clinic.orgId, clinic.typeId, demoIntakeForm);
    await intake.ensureForm(system, clinic.orgId, 'other-visit', demoIntakeForm);
    const forms = await h.db.query<{ id: string; appointment_type: string }>(
      'select id::text, appointment_type from intake_forms where organization_id = $1',
      [clinic.orgId],
    );
    const formOf = (key: string) => forms.rows.find((f) => f.appointment_type === key)!.id;
    const email = 'intake.guest@example.test';
    const { c, patientId } = await guest(email, { legalName: { given: 'Ina', family: 'Take' } });
    const draft = (form: string) =>
      c.request('PUT', `/api/patients/${patientId}/intake/${form}/draft`, {
        answers: { reason: 'checkup' },
      });
    // Before a booking, no form is theirs.
    expect((await draft(formOf(clinic.typeId))).statusCode).toBe(404);
    await book(c, email, patientId, at(5));
    expect((await draft(formOf(clinic.typeId))).statusCode).toBe(200);
    expect((await draft(formOf('other-visit'))).statusCode).toBe(404);
  });

  it('ends when the person signs in to an account in the same browser', async () => {
    const { c } = await guest('switcher@example.test', {
      legalName: { given: 'Sol', family: 'Switcher' },
    });
    const guestCookie = c.cookie;
    const a = await addAccount(h, org, { roles: ['front_desk'] });
    const signedIn = await c.post('/api/auth/sign-in', {
      organization: slug,
      email: a.email,
      password: a.password,
    });
    expect(signedIn.statusCode).toBe(200);
    const old = new Client(h);
    old.cookie = guestCookie;
    expect((await old.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('is refused a wrong code, and its input is checked', async () => {
    const c = new Client(h, '198.51.100.71');
    const email = 'wrong.code@example.test';
    const before = h.smtp.to(email);
    await c.post('/api/guest/start', details(email));
    const code = codeIn(await nextMail(h.smtp, email, before));
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await c.post('/api/guest/verify', { organization: slug, email, code: wrong });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().type).toBe('urn:hourglass:problem:code-rejected');
    expect((await c.get('/api/auth/session')).statusCode).toBe(401);
    const bad = await c.post('/api/guest/start', { ...details(email), dateOfBirth: '19-08-1947' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/body/dateOfBirth');
  });

  it('comes back to the same record next time (a certain match without an account), not to an account’s', async () => {
    const email = 'returning.guest@example.test';
    const who = { legalName: { given: 'Rhea', family: 'Turner' }, dateOfBirth: '1979-12-01' };
    const first = await guest(email, who);
    const second = await guest(email, who);
    expect(second.patientId).toBe(first.patientId);

    // A person with an account signs in; booking as a guest never reaches their record.
    const c = new Client(h);
    await c.post('/api/auth/register', registration(org, 'has.account@example.test', who));
    const token = await h.smtp.lastToken('has.account@example.test', 'verify-email');
    await c.post('/api/auth/verify-email', { token });
    const holder = (await findAccountByAddress(h.db, h.vault, org.id, 'has.account@example.test'))!
      .patient_id;
    expect(holder).toBeTruthy();
    const asGuest = await guest('has.account@example.test', who);
    expect(asGuest.patientId).not.toBe(holder);
  });
});

describe('a visit link', () => {
  const email = 'visit.link@example.test';
  let booker: Client;
  let patientId: string;
  let first: { id: string; token: string };
  let second: { id: string; token: string };

  beforeAll(async () => {
    ({ c: booker, patientId } = await guest(email, {
      legalName: { given: 'Vita', family: 'Link' },
    }));
    first = await book(booker, email, patientId, at(6));
    second = await book(booker, email, patientId, at(7));
  });

  it('shows nothing without the code, and a wrong code opens nothing', async () => {
    const c = new Client(h, '198.51.100.201');
    expect((await c.get(`/api/appointments/${first.id}`)).statusCode).toBe(401);
    const before = h.smtp.to(email);
    await c.post('/api/visit-links/code', { token: first.token });
    const code = codeIn(await nextMail(h.smtp, email, before));
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await c.post('/api/visit-links/verify', { token: first.token, code: wrong });
    expect(refused.statusCode).toBe(401);
    expect((await c.get(`/api/appointments/${first.id}`)).statusCode).toBe(401);
  });

  it('opens that one appointment: the guest may cancel it, and reach no other', async () => {
    const { c, opened } = await openVisitLink(first.token, email);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toEqual({ appointmentId: first.id, patientId });
    const view = (await c.get('/api/auth/session')).json();
    expect(view.guest).toEqual({ scope: 'visit', appointmentIds: [first.id] });
    expect((await c.get(`/api/appointments/${first.id}`)).statusCode).toBe(200);
    // The same guest's other booking is not this link's.
    expect((await c.get(`/api/appointments/${second.id}`)).statusCode).toBe(404);
    const cancelOther = await c.post(`/api/appointments/${second.id}/cancel`, {
      reasonCode: 'patient_request',
    });
    expect(cancelOther.statusCode).toBe(404);
    // A link's session books nothing new.
    expect(
      (await c.post('/api/appointments', holdRequest(clinic, patientId, at(8)))).statusCode,
    ).toBe(403);
    const cancelled = await c.post(`/api/appointments/${first.id}/cancel`, {
      reasonCode: 'patient_request',
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await c.get(`/api/appointments/${second.id}`)).statusCode).toBe(404);
  });

  it('lets the guest reschedule its visit: the new time is theirs, and comes with a new link', async () => {
    const { c } = await openVisitLink(second.token, email);
    const before = h.smtp.to(email);
    const moved = await c.post(`/api/appointments/${second.id}/reschedule`, { start: at(9) });
    expect(moved.statusCode, moved.body).toBe(201);
    const newId = moved.json().id as string;
    expect((await c.get(`/api/appointments/${newId}`)).statusCode).toBe(200);
    const mail = await nextMail(h.smtp, email, before);
    expect(mail.text).toMatch(/\/visit#token=/);
  });

  it('stops working when the appointment has ended, and a made-up token opens nothing', async () => {
    const made = await new Client(h, '198.51.100.202').post('/api/visit-links/code', {
      token: 'A'.repeat(43),
    });
    expect(made.statusCode).toBe(400);
    expect(made.json().type).toBe('urn:hourglass:problem:link-expired');
    h.clock.set(new Date(Date.parse(at(9)) + minutes(60)));
    const ended = await new Client(h, '198.51.100.203').post('/api/visit-links/code', {
      token: first.token,
    });
    expect(ended.statusCode).toBe(400);
  });
});

describe('a guest session', () => {
  it('ends after 30 idle minutes, and after 2 hours whatever happens', async () => {
    const idle = await guest('idle.guest@example.test', {
      legalName: { given: 'Idle', family: 'G' },
    });
    h.clock.advance(minutes(30));
    expect((await idle.c.get('/api/auth/session')).statusCode).toBe(401);

    const busy = await guest('busy.guest@example.test', {
      legalName: { given: 'Busy', family: 'G' },
    });
    for (let i = 0; i < 4; i++) {
      h.clock.advance(minutes(29));
      expect((await busy.c.post('/api/auth/session/extend')).statusCode).toBe(204);
    }
    h.clock.advance(minutes(5));
    expect((await busy.c.get('/api/auth/session')).statusCode).toBe(401);
  });
});

describe('every mail a guest receives', () => {
  it('carries codes, the clinic and links, and nothing the guest gave', async () => {
    const mails = h.smtp.received.filter((m) =>
      m.to.some((t) => /guest|wilhelmina|visit\.link|intake|returning|idle|busy/.test(t)),
    );
    expect(mails.length).toBeGreaterThan(10);
    const canaries = [
      'Wilhelmina',
      'Canarybird',
      '1947',
      '014 9876',
      '9876',
      'Vita',
      'Rhea',
      'Turner',
    ];
    for (const m of mails) {
      for (const canary of canaries) {
        expect(`${m.subject}\n${m.text}`, m.subject).not.toContain(canary);
      }
    }
  });
});
