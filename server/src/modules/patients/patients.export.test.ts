import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAudit } from '../audit/audit.service.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { appointmentsExport } from '../booking/booking.patient-appointments.ts';
import { openClinic, withVisits, type Clinic } from './patients.fixtures.ts';
import { createPatientRelations } from './patients.relations.service.ts';

let c: Clinic;
let visit: Awaited<ReturnType<typeof withVisits>>;
beforeAll(async () => {
  c = await openClinic();
  visit = await withVisits(c);
});
afterAll(() => c.drop());

describe('right of access: the export holds the appointments', () => {
  it('lists every appointment with its state changes, and the audit event names them', async () => {
    // Wired as app.ts wires it: booking contributes its part through a small read function.
    const rel = createPatientRelations({
      db: c.t.db,
      vault: c.vault,
      audit: createAudit(c.t.db),
      patients: c.patients,
      contributors: [appointmentsExport],
    });
    const me = {
      type: 'patient' as const,
      id: `account-${visit.patientId}`,
      patientId: visit.patientId,
      organizationId: visit.schedule.orgId,
    };
    const exported = (await rel.exportOwnRecord(me)) as { appointments?: unknown };
    const [later, sooner] = visit.expected;
    expect(exported.appointments).toEqual([
      {
        ...later,
        history: [
          { at: expect.any(String), from: null, to: 'booked', by: 'user', reasonCode: null },
        ],
      },
      {
        ...sooner,
        history: [
          { at: expect.any(String), from: null, to: 'booked', by: 'user', reasonCode: null },
          {
            at: expect.any(String),
            from: 'booked',
            to: 'cancelled',
            by: 'user',
            reasonCode: 'patient_request',
          },
        ],
      },
    ]);
    const [event] = (await listAuditEvents(c.t.db)).filter((e) => e.action === 'patient.export');
    expect(event).toMatchObject({
      patient_id: visit.patientId,
      resource_id: visit.patientId,
      resource_ids: visit.visits,
    });
  });
});
