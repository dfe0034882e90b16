import type { FastifyRequest } from 'fastify';
import type { Db } from '../src/platform/db/db.ts';
import type { App, Policy } from '../src/platform/http/route.ts';
import type { BookingPolicies } from '../src/modules/booking/booking.policy.ts';
import { bookingRoutes } from '../src/modules/booking/booking.routes.ts';
import type { BookingDeps } from '../src/modules/booking/booking.service.ts';

/**
 * Until identity lands, booking routes are `deny`. Tests mount the same routes under /test with a
 * policy that acts as front-desk staff of the organization named in `x-test-organization`.
 */
const asFrontDesk: Policy = {
  name: 'test-front-desk',
  allows(req: FastifyRequest) {
    const org = req.headers['x-test-organization'];
    if (typeof org !== 'string') return false;
    req.actor = { type: 'user', id: 'test-desk', organizationId: org, roles: ['front_desk'] };
    return true;
  },
};

const policies: BookingPolicies = {
  hold: asFrontDesk,
  view: asFrontDesk,
  change: asFrontDesk,
  visit: asFrontDesk,
};

export function testBookingRoutes(app: App, _db: Db, booking: BookingDeps) {
  bookingRoutes(app, booking, { prefix: '/test', policies });
}
