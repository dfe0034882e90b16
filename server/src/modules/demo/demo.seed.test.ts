import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAudit } from '../audit/audit.service.ts';
import {
  Client,
  codeIn,
  nextMail,
  startIdentityApp,
  type IdentityApp,
} from '../../../test/identity-fixtures.ts';
import { createPatients } from '../patients/patients.service.ts';
import { morePatients } from './demo.appointments.ts';
import { demoPatients } from './demo.patients.ts';
import { seedDemo } from './demo.seed.ts';

let h: IdentityApp;
beforeAll(async () => {
  h = await startIdentityApp();
});
afterAll(() => h.close());

/** Looks patients up as the demo clinic's front desk would. */
async function lookUpAsFrontDesk(by: { mrn: string } | { email: string }) {
  const { rows } = await h.db.query<{ id: string }>(
    `select id from organizations where slug = 'demo'`,
  );
  const patients = createPatients({ db: h.db, vault: h.vault, audit: createAudit(h.db) });
  const fd = {
    type: 'user' as const,
    id: 'fd',
    organizationId: rows[0]!.id,
    roles: ['front_desk'],
  };
  return patients.lookup(fd, by);
}

describe('the demo seed with the PHI vault', () => {
  // A week of bookings through the service takes a while on a busy machine.
  it(
    'adds the demo patients encrypted and the new-patient intake form, once',
    { timeout: 180_000 },
    async () => {
      // Wednesday 16 January 2030, 10:20 in Boston.
      h.clock.set(new Date('2030-01-16T15:20:00Z'));
      expect(await seedDemo(h.db, h.vault, { appointmentsAround: h.clock })).toBe(true);
      expect(await seedDemo(h.db, h.vault, { appointmentsAround: h.clock })).toBe(false);
      const { rows } = await h.db.query<{ n: number }>(
        'select count(*)::int as n from patient_identity',
      );
      expect(rows[0]!.n).toBe(demoPatients.length + morePatients.length);
      // The new-patient questions, once by their old key and once by the visit type's id (the
      // key the booking flow and intake prerequisites use).
      const forms = await h.db.query<{ appointment_type: string }>(
        'select appointment_type from intake_forms order by appointment_type',
      );
      expect(forms.rows.map((r) => r.appointment_type)).toHaveLength(2);
      expect(forms.rows.map((r) => r.appointment_type)).toContain('new-patient');
      const found = await lookUpAsFrontDesk({ mrn: 'DEMO-0002' });
      expect(found.map((p) => p.legalName?.family)).toEqual(['Patient-Okafor']);
    },
  );

  it('books a week of appointments through the booking service, the past ones marked', async () => {
    const { rows } = await h.db.query<{ day: string; hhmm: string; status: string }>(
      `select to_char(a.starts_at at time zone 'America/New_York', 'YYYY-MM-DD') as day,
              to_char(a.starts_at at time zone 'America/New_York', 'HH24:MI') as hhmm, a.status
         from appointments a join providers p on p.id = a.provider_id
        where p.display_name = 'Dr. Amara Okafor' order by a.starts_at`,
    );
    const day = (d: string) => rows.filter((r) => r.day === d);
    // Monday to Friday of the week, then the next Monday and Tuesday.
    expect(new Set(rows.map((r) => r.day)).size).toBe(7);
    expect(day('2030-01-14').length).toBeGreaterThan(4);
    expect(day('2030-01-14').every((r) => ['completed', 'no_show'].includes(r.status))).toBe(true);
    expect(day('2030-01-14').some((r) => r.status === 'no_show')).toBe(true);
    // Today: what ended over an hour ago is marked; the visit just over and the one starting now
    // stay booked for the desk; later ones are booked.
    const today = Object.fromEntries(day('2030-01-16').map((r) => [r.hhmm, r.status]));
    expect(today['09:40']).toBe('booked');
    expect(today['10:20']).toBe('booked');
    expect(today['15:40']).toBe('booked');
    expect(['completed', 'no_show']).toContain(today['09:00']);
    // Every booking went through the service: each has its audit event.
    const audited = await h.db.query<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'booking.booked'`,
    );
    expect(audited.rows[0]!.n).toBeGreaterThanOrEqual(rows.length);
  });

  it('makes the demo patient account a patient of the clinic who can fill in the intake form', async () => {
    await seedDemo(h.db, h.vault);
    const c = new Client(h);
    const email = 'patient@demo.hourglass.invalid';
    const before = h.smtp.to(email);
    const signIn = await c.post('/api/auth/sign-in', {
      organization: 'demo',
      email,
      password: 'demo patient passphrase',
    });
    expect(signIn.statusCode).toBe(200);
    // The demo patient's second factor: the code emailed to it (the outbox, in development).
    const code = codeIn(await nextMail(h.smtp, email, before));
    expect((await c.post('/api/auth/mfa/verify', { code })).statusCode).toBe(200);
    const { organizationId, patientId } = (await c.get('/api/auth/session')).json().account;
    const form = await c.get(`/api/organizations/${organizationId}/intake-forms/new-patient`);
    const question = form
      .json()
      .definition.questions.find((q: { id: string }) => q.id === 'insurance_member_id');
    expect(question).toMatchObject({ sensitive: true, showWhen: { questionId: 'insured' } });
    const draftUrl = `/api/patients/${patientId}/intake/${form.json().id}/draft`;
    const answers = { insured: true, insurance_member_id: 'DEMO-M-4821' };
    expect((await c.request('PUT', draftUrl, { answers })).statusCode).toBe(200);
    expect((await c.get(draftUrl)).json().draft.answers).toEqual(answers);
    // Their record is a demo patient with an identity, found by its blind index like any other.
    const found = await lookUpAsFrontDesk({ mrn: 'DEMO-0001' });
    expect(found.map((p) => p.id)).toEqual([patientId]);
  });

  it('links the demo patient account to a vault patient, also on a clinic seeded before the link', async () => {
    const demoAccount = async () =>
      (
        await h.db.query<{ id: string; organization_id: string; patient_id: string }>(
          `select id::text, organization_id::text, patient_id::text from accounts
            where is_demo and kind = 'patient'`,
        )
      ).rows[0]!;
    const asPatient = (a: Awaited<ReturnType<typeof demoAccount>>) => ({
      type: 'patient' as const,
      id: a.id,
      organizationId: a.organization_id,
      patientId: a.patient_id,
    });
    const patients = createPatients({ db: h.db, vault: h.vault, audit: createAudit(h.db) });
    const linked = await demoAccount();
    const me = await patients.get(asPatient(linked), linked.patient_id);
    expect(me).toMatchObject({ legalName: { family: 'Patient-Alvarez' }, mrn: 'DEMO-0001' });

    // A demo clinic from before: the patient account on a bare patients row is moved over.
    const { rows } = await h.db.query<{ id: string }>(
      'insert into patients (organization_id) values ($1) returning id::text',
      [linked.organization_id],
    );
    await h.db.query('update accounts set patient_id = $1 where id = $2', [rows[0]!.id, linked.id]);
    expect(await seedDemo(h.db, h.vault)).toBe(false);
    expect((await demoAccount()).patient_id).toBe(linked.patient_id);
  });
});
