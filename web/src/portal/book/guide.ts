import type { Modality, VisitGuide } from '../../api/types.ts';

/**
 * The clinic's "What do you need?" walked along the patient's answers: a path is the index of
 * the choice taken at each step. Pure, so the flow (and a returning patient's link back from
 * sign-in) can rebuild where the patient is from the path alone.
 */

export type GuideStep = VisitGuide['nodes'][number];
export type GuideChoice = GuideStep['choices'][number];

export interface GuideEnd {
  appointmentTypeId: string;
  modality: Modality | undefined;
}

export interface GuideWalk {
  /** The steps answered so far, each with the choice taken. */
  trail: { step: GuideStep; choice: GuideChoice }[];
  /** The step to answer now; null once the path ends at a visit type (or the guide is broken). */
  step: GuideStep | null;
  /** Where the path ended: a visit type and, when the clinic said, in person or by video. */
  end: GuideEnd | null;
}

export function walkGuide(guide: Pick<VisitGuide, 'start' | 'nodes'>, path: number[]): GuideWalk {
  const byId = new Map(guide.nodes.map((n) => [n.id, n]));
  const trail: GuideWalk['trail'] = [];
  let step = byId.get(guide.start) ?? null;
  for (const index of path) {
    if (!step) break;
    const choice = step.choices[index];
    // A path that no longer fits the guide (it changed) stops where it stops fitting.
    if (!choice) break;
    trail.push({ step, choice });
    if (choice.appointmentTypeId) {
      return {
        trail,
        step: null,
        end: { appointmentTypeId: choice.appointmentTypeId, modality: choice.modality },
      };
    }
    step = choice.next ? (byId.get(choice.next) ?? null) : null;
  }
  return { trail, step, end: null };
}

/** Every visit type the guide can end at from a step (to ask eligibility for all at once). */
export function typesReachable(guide: Pick<VisitGuide, 'nodes'>): string[] {
  const ids = new Set<string>();
  for (const n of guide.nodes)
    for (const c of n.choices) if (c.appointmentTypeId) ids.add(c.appointmentTypeId);
  return [...ids];
}

/** A path as it travels in the address (`1.0.0`); only digits and dots, so nothing personal. */
export const pathText = (path: number[]) => path.join('.');

export function parsePath(text: unknown): number[] {
  if (typeof text !== 'string' || !/^\d{1,2}(\.\d{1,2}){0,39}$/.test(text)) return [];
  return text.split('.').map(Number);
}
