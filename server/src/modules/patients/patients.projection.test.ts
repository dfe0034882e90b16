import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clinic as Schedule } from '../../../test/clinic.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { openClinic, withVisits, type Clinic } from './patients.fixtures.ts';
import type { PatientView } from './patients.schema.ts';

let c: Clinic;
let clinic: Schedule;
let patientId: string;
let visits: string[];
let expected: Awaited<ReturnType<typeof withVisits>>['expected'];
const as = (role: string): Actor => c.as(role, clinic.orgId);
const clinicianOf = (providerId: string): Actor => ({
  type: 'user',
  id: `clinician-${providerId.slice(0, 8)}`,
  organizationId: clinic.orgId,
  roles: ['clinician'],
  providerId,
});

/** What a clinician receives of any patient's identity: the front desk's, less the address. */
const clinicianIdentity = [
  'createdAt',
  'dateOfBirth',
  'email',
  'id',
  'insuranceMemberId',
  'legalName',
  'mrn',
  'phone',
  'preferredName',
  'sex',
];

beforeAll(async () => {
  c = await openClinic();
  ({ schedule: clinic, patientId, visits, expected } = await withVisits(c));
});
afterAll(() => c.drop());

describe('what each role receives of a patient (minimum necessary)', () => {
  it('front desk: name, date of birth, sex, contact and address; MRN and member id masked', async () => {
    const view = await c.patients.get(as('front_desk'), patientId);
    expect(view).toEqual({
      id: patientId,
      createdAt: expect.any(String),
      legalName: { given: 'Ada', family: 'Quill' },
      preferredName: 'Addie',
      dateOfBirth: '1984-03-09',
      sex: 'female',
      phone: '+1 555 010 4821',
      email: 'ada.quill@example.org',
      address: {
        line: '1 Example Row',
        city: 'Boston',
        region: 'MA',
        postalCode: '02110',
        country: 'US',
      },
      mrn: '•••• 4821',
      insuranceMemberId: '•••• 4821',
      appointments: expected,
    } satisfies PatientView);
  });

  it('front desk: the read is audited with the patient and every appointment id it returned', async () => {
    const before = (await listAuditEvents(c.t.db)).length;
    await c.patients.get(as('front_desk'), patientId);
    const events = (await listAuditEvents(c.t.db)).slice(before);
    expect(events.map((e) => [e.action, e.patient_id, e.resource_ids])).toEqual([
      ['patient.read', patientId, null],
      ['patient.appointments.read', patientId, visits],
    ]);
    expect(JSON.stringify(events)).not.toMatch(/Quill|Follow-up|4821/);
  });

  it('clinician of the patient: what the front desk sees except the postal address', async () => {
    const view = await c.patients.get(clinicianOf(clinic.providerIds[0]!), patientId);
    expect(Object.keys(view).sort()).toEqual([...clinicianIdentity, 'appointments'].sort());
    expect(view.mrn).toBe('•••• 4821');
    expect(view.appointments).toEqual(expected);
  });

  it('a clinician without a visit with the patient: identity as above, no appointments', async () => {
    const view = await c.patients.get(clinicianOf(clinic.providerIds[1]!), patientId);
    expect(Object.keys(view).sort()).toEqual([...clinicianIdentity].sort());
  });

  it('compliance officer: the opaque id, when registered, and the date of birth masked', async () => {
    expect(await c.patients.get(as('compliance_officer'), patientId)).toEqual({
      id: patientId,
      createdAt: expect.any(String),
      dateOfBirth: '•••• 3-09',
    });
  });

  it('manager and admin: no patient at all, only counts', async () => {
    for (const role of ['manager', 'admin']) {
      await expect(c.patients.get(as(role), patientId)).rejects.toMatchObject({ status: 404 });
    }
    expect(await c.patients.summary(as('manager'))).toEqual({
      total: 1,
      registeredLast30Days: 1,
      appointmentsByStatus: { booked: 1, cancelled: 1 },
    });
    await expect(c.patients.summary(as('front_desk'))).rejects.toMatchObject({ status: 403 });
  });

  it('the patient: everything of their own, unmasked', async () => {
    const view = await c.patients.get(
      {
        type: 'patient',
        id: `account-${patientId}`,
        patientId: patientId,
        organizationId: clinic.orgId,
      },
      patientId,
    );
    expect(view.mrn).toBe('MRN-004821');
    expect(view.insuranceMemberId).toBe('MEM-77124821');
    expect(view.address?.city).toBe('Boston');
    expect(view.appointments).toEqual(expected);
  });

  it('a user with two roles receives the wider of the two', async () => {
    const both = {
      type: 'user' as const,
      id: 'u2',
      organizationId: clinic.orgId,
      roles: ['compliance_officer', 'front_desk'],
    };
    expect((await c.patients.get(both, patientId)).dateOfBirth).toBe('1984-03-09');
  });
});

describe('revealing a masked identifier', () => {
  it('needs a step-up in the last five minutes, and every attempt is audited', async () => {
    const now = new Date('2026-11-24T10:00:00Z');
    const stale = {
      ...as('front_desk'),
      session: {
        id: 'test-session',
        stage: 'full' as const,
        steppedUpAt: new Date('2026-11-24T09:50:00Z'),
      },
    };
    await expect(c.patients.reveal(stale, patientId, 'mrn', now)).rejects.toMatchObject({
      slug: 'step-up-required',
    });
    await expect(c.patients.reveal(as('front_desk'), patientId, 'mrn', now)).rejects.toMatchObject({
      status: 403,
    });
    const fresh = {
      ...as('front_desk'),
      session: {
        id: 'test-session',
        stage: 'full' as const,
        steppedUpAt: new Date('2026-11-24T09:58:00Z'),
      },
    };
    expect(await c.patients.reveal(fresh, patientId, 'mrn', now)).toEqual({
      field: 'mrn',
      value: 'MRN-004821',
    });
    expect(await c.patients.reveal(fresh, patientId, 'insuranceMemberId', now)).toEqual({
      field: 'insuranceMemberId',
      value: 'MEM-77124821',
    });
    const reveals = (await listAuditEvents(c.t.db)).filter(
      (e) => e.action === 'patient.identifier.reveal',
    );
    expect(reveals.map((e) => [e.resource_type, e.outcome])).toEqual([
      ['patient.mrn', 'denied'],
      ['patient.mrn', 'denied'],
      ['patient.mrn', 'success'],
      ['patient.insuranceMemberId', 'success'],
    ]);
    expect(JSON.stringify(reveals)).not.toContain('4821');
  });

  it('is not a way round a projection: fields a role never sees cannot be revealed', async () => {
    const fresh = {
      ...as('manager'),
      session: { id: 'test-session', stage: 'full' as const, steppedUpAt: new Date() },
    };
    await expect(c.patients.reveal(fresh, patientId, 'mrn')).rejects.toMatchObject({ status: 404 });
    const fd = {
      ...as('front_desk'),
      session: { id: 'test-session', stage: 'full' as const, steppedUpAt: new Date() },
    };
    // The front desk sees the date of birth already: nothing to reveal.
    await expect(c.patients.reveal(fd, patientId, 'dateOfBirth')).rejects.toMatchObject({
      status: 404,
    });
  });
});
