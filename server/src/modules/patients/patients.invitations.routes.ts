import { z } from 'zod';
import { route, type App } from '../../platform/http/route.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { patient } from '../access/access.policy.ts';
import type { CaregiverInvitations } from './patients.invitations.ts';

/** The invitation link's token: 256 bits, base64url. */
const token = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a valid link token');

export function caregiverInvitationRoutes(app: App, inv: CaregiverInvitations, clock: Clock) {
  route(app, {
    method: 'POST',
    url: '/api/me/caregiver-invitations/accept',
    access: patient,
    audit: { action: 'patient.consent.accept', resourceType: 'patient.consent' },
    schema: {
      summary:
        "A caregiver, signed in with their own patient account, accepts a patient's invitation: they may then book and cancel for that patient until the patient revokes it",
      tags: ['patients'],
      body: z.strictObject({ token }),
      response: { 200: z.strictObject({ consentId: z.uuid() }) },
    },
    handler: async (req) => inv.accept(req.actor, req.body.token, clock.now()),
  });
}
