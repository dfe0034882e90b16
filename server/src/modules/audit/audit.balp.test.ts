import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { transitions } from '../booking/booking.state.ts';
import { balpMappings } from './audit.balp.ts';
import { toFhirAuditEvent } from './audit.export.ts';
import type { CanonicalRow } from './audit.store.ts';

// Every action the app writes has a FHIR AuditEvent (IHE BALP / DICOM) mapping, so an export never
// falls back to an unmapped code. Route actions come from the app's own route registry; service
// actions from the source: each quoted 'module.verb' literal, and the booking statuses.

const src = path.resolve(import.meta.dirname, '../..');
const modules = [
  'audit',
  'booking',
  'patient',
  'intake',
  'identity',
  'directory',
  'availability',
  'keys',
  'notification',
  'waitlist',
];
const literal = new RegExp(`'((?:${modules.join('|')})\\.[A-Za-z_.]+)'`, 'g');
/** Module-qualified names in the source that are not actions (resource types, jobs' names). */
const notActions = new Set([
  // the waitlist's job names (system actors)
  'waitlist.offer',
  'waitlist.offers',
  'audit.retention',
  'patient.consent',
  'patient.preferences',
  'keys.cli',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? sourceFiles(path.join(dir, d.name))
      : d.name.endsWith('.ts') && !d.name.endsWith('.test.ts')
        ? [path.join(dir, d.name)]
        : [],
  );
}

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp();
});
afterAll(() => h.close());

describe('the BALP mapping of audit actions', () => {
  const declared = () =>
    h.routes.map((r) => r.audit).filter((a): a is string => a !== undefined && a !== 'none');

  function written(): Set<string> {
    const found = new Set<string>();
    for (const file of sourceFiles(src)) {
      for (const m of readFileSync(file, 'utf8').matchAll(literal)) found.add(m[1]!);
    }
    const statuses = ['held', 'booked', 'expired', ...Object.values(transitions).map((t) => t.to)];
    for (const status of statuses) found.add(`booking.${status}`);
    for (const a of notActions) found.delete(a);
    return found;
  }

  it('maps the action of every route the app registers', () => {
    expect(declared().length).toBeGreaterThan(20);
    expect(declared().filter((a) => !(a in balpMappings))).toEqual([]);
  });

  it('maps every action a service writes', () => {
    expect(written().size).toBeGreaterThan(50);
    expect([...written()].filter((a) => !(a in balpMappings))).toEqual([]);
  });

  it('maps no action the app does not write (the table stays the list of real actions)', () => {
    const real = new Set([...declared(), ...written()]);
    expect(Object.keys(balpMappings).filter((a) => !real.has(a))).toEqual([]);
  });
});

const row = (action: string, patient: boolean): CanonicalRow => ({
  seq: '1',
  id: '00000000-0000-4000-8000-00000000e001',
  occurred_at: '2026-11-24T10:00:00.000000Z',
  organization_id: '00000000-0000-4000-8000-0000000000a1',
  actor_type: 'user',
  actor_id: 'u_front_desk',
  actor_role: 'front_desk',
  action,
  resource_type: 'appointment',
  resource_id: 'a_1',
  resource_ids: null,
  patient_id: patient ? '00000000-0000-4000-8000-000000000001' : null,
  outcome: 'success',
  request_id: 'req_1',
  source_ip: '203.0.113.7',
  user_agent_digest: null,
  source_country: null,
});

const dcm = 'http://dicom.nema.org/resources/ontology/DCM';
const shape = (action: string, patient = true) => {
  const e = toFhirAuditEvent(row(action, patient)) as {
    meta?: { profile: string[] };
    type: { system: string; code: string };
    subtype?: { system: string; code: string }[];
    action: string;
  };
  return {
    profile: e.meta?.profile[0]?.split('.').at(-1),
    type: `${e.type.system === dcm ? 'DCM' : e.type.system.split('/').at(-1)}|${e.type.code}`,
    subtype: e.subtype?.map((s) => s.code).join(','),
    action: e.action,
  };
};

describe('FHIR AuditEvents of the actions the app writes', () => {
  it('codes appointment steps as BALP RESTful creates and updates on the patient', () => {
    expect(shape('booking.held')).toEqual({
      profile: 'PatientCreate',
      type: 'audit-event-type|rest',
      subtype: 'create',
      action: 'C',
    });
    for (const step of ['booking.cancelled', 'booking.checked_in', 'booking.no_show']) {
      expect(shape(step)).toMatchObject({
        profile: 'PatientUpdate',
        subtype: 'update',
        action: 'U',
      });
    }
    expect(shape('patient.lookup')).toMatchObject({ profile: 'PatientQuery', action: 'E' });
    expect(shape('intake.document.download')).toMatchObject({
      profile: 'PatientRead',
      action: 'R',
    });
    expect(shape('directory.resource.delete', false)).toMatchObject({
      profile: 'Delete',
      action: 'D',
    });
  });

  it('codes sign-in, export, break-glass and audit-log reads as DICOM audit events', () => {
    expect(shape('identity.sign_in', false)).toEqual({
      profile: undefined,
      type: 'DCM|110114',
      subtype: '110122',
      action: 'E',
    });
    expect(shape('identity.sign_out', false)).toMatchObject({ subtype: '110123' });
    expect(shape('patient.export')).toMatchObject({ type: 'DCM|110106', action: 'R' });
    expect(shape('patient.break_glass')).toMatchObject({
      type: 'DCM|110113',
      subtype: '110127',
      action: 'E',
    });
    expect(shape('audit.search', false)).toMatchObject({ type: 'DCM|110101', action: 'E' });
    expect(shape('identity.account.roles_change', false)).toMatchObject({ subtype: '110136' });
  });
});
