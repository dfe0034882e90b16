import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/harness.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { createAuditReader, type AuditReader } from './audit.reader.ts';
import { createAudit } from './audit.service.ts';
import { listAuditEvents } from './audit.store.ts';
import { frontDesk, orgId, patientNo, recordReads } from './audit.testkit.ts';

const officer: Actor = {
  type: 'user',
  id: 'u_compliance',
  organizationId: orgId,
  roles: ['compliance_officer'],
};
const otherOrg = '00000000-0000-4000-8000-0000000000b2';

let t: TestDb;
let reader: AuditReader;
beforeAll(async () => {
  t = await createTestDb();
  await migrate(t.db);
  reader = createAuditReader(t.db);
  await recordReads(t.db, 5); // patients 1-5, read by the front desk
  const audit = createAudit(t.db);
  await audit.record({
    actor: {
      type: 'user',
      id: '=HYPERLINK("http://evil.example")',
      organizationId: orgId,
      roles: ['clinician'],
    },
    action: 'booking.cancelled',
    resourceType: 'appointment',
    resourceId: '+1-555',
    patientId: patientNo(2),
    outcome: 'success',
    requestId: 'req_cancel',
  });
  await audit.record({
    actor: frontDesk,
    action: 'patient.read',
    resourceType: 'patient',
    resourceId: patientNo(2),
    patientId: patientNo(2),
    outcome: 'denied',
    requestId: 'req_denied',
  });
  await audit.record({
    actor: { type: 'user', id: 'u_elsewhere', organizationId: otherOrg, roles: ['front_desk'] },
    action: 'patient.read',
    resourceType: 'patient',
    resourceId: patientNo(2),
    patientId: patientNo(2),
    outcome: 'success',
    requestId: 'req_other_org',
  });
});
afterAll(() => t.drop());

describe('searching the audit trail', () => {
  it('finds who touched one patient, newest first, only in the officer’s organization', async () => {
    const page = await reader.search(officer, { patientId: patientNo(2), limit: 100 });
    expect(page.events.map((e) => e.requestId)).toEqual(['req_denied', 'req_cancel', 'req_2']);
    expect(page.next).toBeNull();
  });

  it('pages with a cursor', async () => {
    const first = await reader.search(officer, { action: 'patient.read', limit: 2 });
    expect(first.events.map((e) => e.requestId)).toEqual(['req_denied', 'req_5']);
    const second = await reader.search(officer, {
      action: 'patient.read',
      limit: 2,
      before: first.next!,
    });
    expect(second.events.map((e) => e.requestId)).toEqual(['req_4', 'req_3']);
  });

  it('filters by user, outcome and time', async () => {
    const denied = await reader.search(officer, {
      actorId: 'u_front_desk',
      outcome: 'denied',
      limit: 10,
    });
    expect(denied.events.map((e) => e.requestId)).toEqual(['req_denied']);
    const future = await reader.search(officer, { from: '2999-01-01T00:00:00Z', limit: 10 });
    expect(future.events).toEqual([]);
  });

  it('is itself audited, naming the events it returned', async () => {
    const page = await reader.search(
      officer,
      { patientId: patientNo(3), limit: 10 },
      { requestId: 'req_search_3' },
    );
    const [event] = await listAuditEvents(t.db, { requestId: 'req_search_3' });
    expect(event).toMatchObject({
      action: 'audit.search',
      actor_id: 'u_compliance',
      patient_id: patientNo(3),
      outcome: 'success',
      resource_ids: page.events.map((e) => e.id),
    });
  });

  it('refuses anyone but a compliance officer, and records the refusal', async () => {
    await expect(
      reader.search(frontDesk, { limit: 10 }, { requestId: 'req_nosy' }),
    ).rejects.toThrow(Forbidden);
    const [event] = await listAuditEvents(t.db, { requestId: 'req_nosy' });
    expect(event).toMatchObject({ action: 'audit.search', outcome: 'denied', resource_ids: null });
  });
});

describe('exporting the audit trail', () => {
  it('as CSV that a spreadsheet opens without running anything', async () => {
    const csv = await reader.export(officer, { patientId: patientNo(2) }, 'csv', {
      requestId: 'req_csv',
    });
    expect(csv.next).toBeNull();
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,seq,occurred_at,organization_id,actor_type,actor_id,/);
    for (const id of ['req_2', 'req_cancel', 'req_denied']) {
      expect(lines.filter((l) => l.includes(`"${id}"`))).toHaveLength(1);
    }
    const cancel = lines.find((l) => l.includes('booking.cancelled'))!;
    expect(cancel).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(cancel).toContain(`"'+1-555"`);
    expect(lines.slice(1).every((l) => !/(^|,)"?[=+\-@]/.test(l))).toBe(true);
    const [event] = await listAuditEvents(t.db, { requestId: 'req_csv' });
    expect(event).toMatchObject({ action: 'audit.export', outcome: 'success' });
    expect(event!.resource_ids).toHaveLength(lines.length - 1);
  });

  it('as FHIR AuditEvent NDJSON with IHE BALP coding', async () => {
    const ndjson = await reader.export(
      officer,
      { patientId: patientNo(2), action: 'patient.read' },
      'fhir-ndjson',
    );
    const events = ndjson.body
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events).toHaveLength(2);
    const read = events[0]!;
    expect(read).toMatchObject({
      resourceType: 'AuditEvent',
      meta: {
        profile: [
          'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientRead',
        ],
      },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
      subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: 'read' }],
      action: 'R',
      outcome: '0',
      agent: [{ who: { identifier: { value: 'u_front_desk' } }, requestor: true }],
    });
    expect(read.entity).toContainEqual(
      expect.objectContaining({ what: { reference: `Patient/${patientNo(2)}` } }),
    );
    expect(events.map((e) => e.outcome)).toEqual(['0', '4']);
  });
});

describe('an export or accounting longer than one file holds', () => {
  const small = () => createAuditReader(t.db, { limit: 2 });
  const reads = { actorId: 'u_front_desk', outcome: 'success' as const };

  it('says the export is cut short and where to go on, and goes on from there to the end', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let files = 0;
    do {
      const part = await small().export(officer, { ...reads, ...(after ? { after } : {}) }, 'csv');
      seen.push(...part.body.trimEnd().split('\r\n').slice(1));
      after = part.next ?? undefined;
      files++;
    } while (after);
    expect(files).toBe(3);
    expect(seen.map((l) => /"(req_\d)"/.exec(l)?.[1])).toEqual([
      'req_1',
      'req_2',
      'req_3',
      'req_4',
      'req_5',
    ]);
  });

  it('marks a truncated accounting of disclosures, with the cursor of the rest', async () => {
    const period = { from: '2000-01-01T00:00:00Z', to: '2999-01-01T00:00:00Z' };
    const first = await createAuditReader(t.db, { limit: 1 }).disclosures(
      officer,
      patientNo(2),
      period,
    );
    expect(first).toMatchObject({
      truncated: true,
      next: expect.stringMatching(/^\d+$/) as unknown,
    });
    expect(first.entries.map((e) => e.action)).toEqual(['patient.read']);
    const rest = await reader.disclosures(officer, patientNo(2), { ...period, after: first.next! });
    expect(rest).toMatchObject({ truncated: false, next: null });
    expect(rest.entries.map((e) => e.action)).toEqual(['booking.cancelled']);
  });
});

describe('accounting of disclosures', () => {
  it('lists every access to one patient’s record in the period, oldest first, for the patient', async () => {
    // Compliance officers reading the audit log about this patient (earlier tests) are oversight,
    // not disclosures of the record, and stay out of the accounting.
    const report = await reader.disclosures(officer, patientNo(2), {
      from: '2000-01-01T00:00:00Z',
      to: '2999-01-01T00:00:00Z',
    });
    expect(report.patientId).toBe(patientNo(2));
    expect(report.entries.map((e) => [e.action, e.who.role])).toEqual([
      ['patient.read', 'front_desk'],
      ['booking.cancelled', 'clinician'],
    ]);
    expect(JSON.stringify(report)).not.toContain('u_elsewhere');
  });

  it('is empty outside the period', async () => {
    const report = await reader.disclosures(officer, patientNo(2), {
      from: '2000-01-01T00:00:00Z',
      to: '2000-02-01T00:00:00Z',
    });
    expect(report.entries).toEqual([]);
  });
});
