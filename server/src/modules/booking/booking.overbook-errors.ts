import { DomainError } from '../../platform/http/errors.ts';
import { OverbookNotAllowed } from './booking.rules.ts';

/** Which of the overbooking policy's caps refused: extra bookings at once, per hour, per day. */
export type OverbookCap = 'at_once' | 'per_hour' | 'per_day';

const capText: Record<OverbookCap, string> = {
  at_once: 'Every extra place at this time is taken.',
  per_hour: 'The provider has had as many overbookings this hour as the clinic allows.',
  per_day: 'The provider has had as many overbookings this day as the clinic allows.',
};

/** The database refused an overbooking: the policy's cap is reached. Nothing was booked. */
export class OverbookCapReached extends DomainError {
  constructor(cap: OverbookCap) {
    super(409, 'overbook-cap-reached', 'The overbooking limit is reached', capText[cap], {
      extensions: { cap },
    });
  }
}

/**
 * The overbooking trigger's refusals (SQLSTATE HGOB1: not allowed, HGOB2: a cap, its name in the
 * detail) as the problems the API answers; anything else is returned unchanged.
 */
export function overbookProblem(err: unknown): unknown {
  const e = err as { code?: string; detail?: string };
  if (e.code === 'HGOB1') return new OverbookNotAllowed();
  if (e.code === 'HGOB2') {
    const cap = (['at_once', 'per_hour', 'per_day'] as const).find((c) => c === e.detail);
    return new OverbookCapReached(cap ?? 'at_once');
  }
  return err;
}
