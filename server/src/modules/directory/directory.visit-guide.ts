import { z } from 'zod';
import type { Db, Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { Invalid, NotFound, type FieldError } from '../../platform/http/errors.ts';
import { createAudit } from '../audit/audit.service.ts';
import { requireManager } from './directory.policy.ts';
import { modalitySchema } from './directory.rules-schema.ts';
import { listAppointmentTypes } from './directory.types-store.ts';
import * as store from './directory.visit-guide-store.ts';

/**
 * "What do you need?" as data: a clinic's short path of choices (new or returning, a reason, in
 * person or video) that ends at an appointment type and, optionally, a modality. Steps (nodes)
 * have a prompt and choices; every label is in English and Spanish; a choice leads to another
 * step (`next`) or to a visit type (`appointmentTypeId`, `modality`). Choices, never free text.
 * A guide is checked whole before it is stored: every step reachable from `start`, no cycle,
 * every leaf an active type of the clinic offered in that modality, labels non-empty, the size
 * bounded. Errors name each field by JSON pointer into the request body.
 */

export const MAX_NODES = 40;
export const MAX_CHOICES = 8;

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const bilingual = (max: number) => z.strictObject({ en: text(max), es: text(max) });
const stepId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and hyphens (at most 40)');

const choiceSchema = z
  .strictObject({
    label: bilingual(120),
    next: stepId.optional().describe('The step this choice leads to'),
    appointmentTypeId: z.uuid().optional().describe('Or: the visit type it ends at'),
    modality: modalitySchema.optional().describe('With appointmentTypeId: in person or video'),
  })
  .check((ctx) => {
    const c = ctx.value;
    if ((c.next === undefined) === (c.appointmentTypeId === undefined)) {
      ctx.issues.push({
        code: 'custom',
        input: c,
        path: ['next'],
        message: 'a choice leads to a next step or to an appointment type (exactly one)',
      });
    }
    if (c.modality !== undefined && c.appointmentTypeId === undefined) {
      ctx.issues.push({
        code: 'custom',
        input: c.modality,
        path: ['modality'],
        message: 'a modality goes with an appointment type',
      });
    }
  });

export const visitGuideInput = z.strictObject({
  start: stepId.describe('The first step'),
  nodes: z
    .array(
      z.strictObject({
        id: stepId,
        prompt: bilingual(200),
        choices: z.array(choiceSchema).min(1).max(MAX_CHOICES),
      }),
    )
    .min(1)
    .max(MAX_NODES),
});
export type VisitGuide = z.infer<typeof visitGuideInput>;

/**
 * The checks the schema cannot make: ids, links, reachability and cycles, and leaves that are
 * active visit types of this clinic offered that way. Every problem found, by JSON pointer.
 */
export function guideProblems(
  guide: VisitGuide,
  types: ReadonlyMap<string, { modalities: readonly string[] }>,
): FieldError[] {
  const errors: FieldError[] = [];
  const at = (pointer: string, detail: string) =>
    errors.push({ pointer: `/body${pointer}`, detail });
  const index = new Map<string, number>();
  guide.nodes.forEach((n, i) => {
    if (index.has(n.id)) at(`/nodes/${i}/id`, 'another step has this id');
    else index.set(n.id, i);
  });
  if (!index.has(guide.start)) at('/start', 'no step has this id');
  guide.nodes.forEach((n, i) => {
    const seen = new Set<string>();
    n.choices.forEach((c, j) => {
      const where = `/nodes/${i}/choices/${j}`;
      for (const lang of ['en', 'es'] as const) {
        const key = `${lang}:${c.label[lang].toLowerCase()}`;
        if (seen.has(key))
          at(`${where}/label/${lang}`, 'another choice of this step says the same');
        seen.add(key);
      }
      if (c.next !== undefined && !index.has(c.next)) at(`${where}/next`, 'no step has this id');
      if (c.appointmentTypeId !== undefined) {
        const type = types.get(c.appointmentTypeId);
        if (!type) {
          at(`${where}/appointmentTypeId`, 'not an active appointment type of this clinic');
        } else if (c.modality !== undefined && !type.modalities.includes(c.modality)) {
          at(`${where}/modality`, `this visit type is offered ${type.modalities.join(' or ')}`);
        }
      }
    });
  });
  if (errors.length > 0) return errors;
  // Depth-first from the start: a link back to a step still on the path closes a cycle.
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string) => {
    state.set(id, 'open');
    const i = index.get(id)!;
    guide.nodes[i]!.choices.forEach((c, j) => {
      if (c.next === undefined) return;
      const s = state.get(c.next);
      if (s === 'open') at(`/nodes/${i}/choices/${j}/next`, 'leads back to an earlier step');
      else if (s === undefined) visit(c.next);
    });
    state.set(id, 'done');
  };
  visit(guide.start);
  guide.nodes.forEach((n, i) => {
    if (!state.has(n.id)) at(`/nodes/${i}`, 'no path from the start reaches this step');
  });
  return errors;
}

/** The clinic's guide, for anyone (public data): 404 when the clinic has not set one up. */
export async function getVisitGuide(
  db: Queryable,
  organizationId: string,
): Promise<VisitGuide & { version: number }> {
  const row = await store.findVisitGuide(db, organizationId);
  if (!row) throw new NotFound('This clinic has no visit guide yet.');
  return { ...row.guide, version: row.version };
}

/** Replaces the clinic's guide (managers and admins), checked whole, audited with the change. */
export async function putVisitGuide(
  actor: Actor,
  db: Db,
  organizationId: string,
  guide: VisitGuide,
): Promise<number> {
  requireManager(actor, organizationId);
  const parsed = visitGuideInput.safeParse(guide);
  if (!parsed.success) {
    throw new Invalid(
      'Some fields of the guide need fixing.',
      parsed.error.issues.map((i) => ({
        pointer: `/body/${i.path.map(String).join('/')}`,
        detail: i.message,
      })),
    );
  }
  return db.transaction(async (tx) => {
    const types = new Map(
      (await listAppointmentTypes(tx, organizationId)).map((t) => [t.id, t] as const),
    );
    const problems = guideProblems(parsed.data, types);
    if (problems.length > 0) throw new Invalid('Some steps of the guide need fixing.', problems);
    const version = await store.saveVisitGuide(tx, organizationId, parsed.data);
    await createAudit(tx).record(
      {
        actor,
        action: 'directory.visit_guide.update',
        resourceType: 'visit_guide',
        resourceId: organizationId,
        organizationId,
        outcome: 'success',
      },
      tx,
    );
    return version;
  });
}

/** For other modules (the demo seed): whether the organization has a visit guide. */
export async function hasVisitGuide(db: Queryable, organizationId: string): Promise<boolean> {
  return (await store.findVisitGuide(db, organizationId)) !== undefined;
}
