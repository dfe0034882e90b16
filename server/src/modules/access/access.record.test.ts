import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/http/actor.ts';
import { Forbidden, NotFound } from '../../platform/http/errors.ts';
import {
  requireInScope,
  requireLocation,
  requireOwnPatient,
  requireStepUp,
  staffScope,
  StepUpRequired,
} from './access.record.ts';
import { requireAccess, scheduleProviders } from './access.table.ts';

const org = 'org-1';
const session = (steppedUpAt: Date | null) => ({ id: 's', stage: 'full' as const, steppedUpAt });
const staff = (roles: string[], extra: Partial<Extract<Actor, { type: 'user' }>> = {}): Actor => ({
  type: 'user',
  id: 'u',
  organizationId: org,
  roles,
  locationIds: [],
  providerId: null,
  session: session(null),
  ...extra,
});
const patientActor: Actor = {
  type: 'patient',
  id: 'acct',
  organizationId: org,
  patientId: 'p-1',
  session: session(null),
};

describe('record-level checks', () => {
  it('a patient reaches only their own record; staff reach any in their organization', () => {
    expect(() => requireOwnPatient(patientActor, org, 'p-1')).not.toThrow();
    expect(() => requireOwnPatient(patientActor, org, 'p-2')).toThrow(NotFound);
    expect(() => requireOwnPatient(staff(['front_desk']), org, 'p-2')).not.toThrow();
    expect(() => requireOwnPatient(staff(['front_desk']), 'org-2', 'p-2')).toThrow(NotFound);
    expect(() => requireOwnPatient({ type: 'anonymous' }, org, 'p-1')).toThrow(NotFound);
  });

  it('staff limited to some locations reach only those; unlimited staff reach all', () => {
    const scoped = staff(['front_desk'], { locationIds: ['loc-a'] });
    expect(() => requireLocation(scoped, org, 'loc-a')).not.toThrow();
    expect(() => requireLocation(scoped, org, 'loc-b')).toThrow(NotFound);
    expect(() => requireLocation(staff(['manager']), org, 'loc-b')).not.toThrow();
    expect(() => requireLocation(patientActor, org, 'loc-a')).toThrow(NotFound);
  });

  it("a location's schedule: names for the front desk, counts for managers too, a clinician their own", async () => {
    const reach = (actor: Actor, p: 'schedule:entries' | 'schedule:counts', loc = 'loc-a') =>
      requireAccess({ actor, q: undefined as never }, p, loc);
    const clinician = staff(['clinician'], { providerId: 'prov-1' });
    const managingClinician = staff(['clinician', 'manager'], { providerId: 'prov-1' });
    expect(await reach(staff(['front_desk']), 'schedule:entries')).toEqual({ providerIds: null });
    expect(await reach(clinician, 'schedule:entries')).toEqual({ providerIds: ['prov-1'] });
    // A manager sees counts, never patients: as a clinician too, only their own entries.
    expect(await reach(managingClinician, 'schedule:entries')).toEqual({ providerIds: ['prov-1'] });
    expect(await reach(managingClinician, 'schedule:counts')).toEqual({ providerIds: null });
    await expect(reach(staff(['manager']), 'schedule:entries')).rejects.toThrow(NotFound);
    expect(await reach(staff(['admin']), 'schedule:counts')).toEqual({ providerIds: null });
    for (const p of ['schedule:entries', 'schedule:counts'] as const) {
      await expect(reach(staff(['compliance_officer']), p)).rejects.toThrow(NotFound);
      await expect(reach(staff(['clinician']), p)).rejects.toThrow(NotFound);
      await expect(reach(patientActor, p)).rejects.toThrow(Forbidden);
      // Limited to another location: this one does not exist for them.
      const elsewhere = staff(['front_desk', 'manager'], { locationIds: ['loc-b'] });
      await expect(reach(elsewhere, p)).rejects.toThrow(NotFound);
      expect(await reach(elsewhere, p, 'loc-b')).toEqual({ providerIds: null });
    }
    expect(scheduleProviders({ providerIds: null }, ['prov-2'])).toEqual(['prov-2']);
    expect(scheduleProviders({ providerIds: null }, undefined)).toBeNull();
    expect(scheduleProviders({ providerIds: ['prov-1'] }, undefined)).toEqual(['prov-1']);
    expect(() => scheduleProviders({ providerIds: ['prov-1'] }, ['prov-1', 'prov-2'])).toThrow(
      NotFound,
    );
  });

  it('the scope an account says: its locations, and a clinician its own schedule', () => {
    const user = (a: Actor) => a as Extract<Actor, { type: 'user' }>;
    const deskAtA = staffScope(user(staff(['front_desk'], { locationIds: ['loc-a'] })));
    expect(deskAtA).toEqual({ locationIds: ['loc-a'], providerIds: null });
    expect(() => requireInScope(deskAtA, { locationId: 'loc-a', providerId: 'p' })).not.toThrow();
    expect(() => requireInScope(deskAtA, { locationId: 'loc-b', providerId: 'p' })).toThrow(
      NotFound,
    );
    const clinician = staffScope(user(staff(['clinician'], { providerId: 'prov-1' })));
    expect(clinician).toEqual({ locationIds: null, providerIds: ['prov-1'] });
    expect(() => requireInScope(clinician, { locationId: 'x', providerId: 'prov-2' })).toThrow(
      NotFound,
    );
    // A clinician who also runs the desk acts on every provider's schedule.
    const both = staffScope(user(staff(['clinician', 'front_desk'], { providerId: 'prov-1' })));
    expect(both).toEqual({ locationIds: null, providerIds: null });
    // A clinician account without a provider reaches no schedule at all.
    expect(staffScope(user(staff(['clinician']))).providerIds).toEqual([]);
  });

  it('a sensitive action needs a password or code entered within the last 5 minutes', () => {
    const now = new Date('2030-01-01T12:00:00Z');
    const at = (msAgo: number) =>
      staff(['admin'], { session: session(new Date(now.getTime() - msAgo)) });
    expect(() => requireStepUp(at(5 * 60_000), now)).not.toThrow();
    expect(() => requireStepUp(at(5 * 60_000 + 1), now)).toThrow(StepUpRequired);
    expect(() => requireStepUp(staff(['admin']), now)).toThrow(StepUpRequired);
    expect(() => requireStepUp({ type: 'anonymous' }, now)).toThrow(StepUpRequired);
  });
});
