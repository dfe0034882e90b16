import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/http/actor.ts';
import { NotFound } from '../../platform/http/errors.ts';
import { requireAccess, type Relations } from './access.table.ts';

const org = 'org-1';
const caregiver: Actor = {
  type: 'patient',
  id: 'acct-parent',
  organizationId: org,
  patientId: 'p-parent',
};
const guest: Actor = {
  ...caregiver,
  guest: { scope: 'booking', appointmentIds: [], appointmentTypeIds: [] },
};

/** The patients module's answer, as app.ts wires it: the parent's consent covers the child. */
function relations(covered: string[]): Relations {
  return {
    patientAtLocations: async () => false,
    treats: async () => false,
    actsFor: async (_q, organizationId, accountId, patientId) =>
      organizationId === org && accountId === 'acct-parent' && covered.includes(patientId),
  };
}
const check = (actor: Actor, patientId: string, covered: string[]) =>
  requireAccess({ actor, q: {} as never, relations: relations(covered) }, 'intake:fill', patientId);

describe('intake for a dependant', () => {
  it('a caregiver fills in the intake form of the child their consent covers', async () => {
    await expect(check(caregiver, 'p-child', ['p-child'])).resolves.toBeUndefined();
    await expect(check(caregiver, 'p-parent', [])).resolves.toBeUndefined();
  });

  it('without a consent in force, or as a guest, the child looks like no one (404)', async () => {
    await expect(check(caregiver, 'p-child', [])).rejects.toThrow(NotFound);
    await expect(check(caregiver, 'p-other', ['p-child'])).rejects.toThrow(NotFound);
    await expect(check(guest, 'p-child', ['p-child'])).rejects.toThrow(NotFound);
  });

  it('the caregiver reaches the child’s intake, not the rest of the child’s record', async () => {
    const ctx = { actor: caregiver, q: {} as never, relations: relations(['p-child']) };
    await expect(requireAccess(ctx, 'patient:read', 'p-child')).rejects.toThrow(NotFound);
    await expect(requireAccess(ctx, 'intake:answers.read', 'p-child')).rejects.toThrow(NotFound);
  });
});
