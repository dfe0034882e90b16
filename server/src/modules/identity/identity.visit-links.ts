import {
  sendAppointmentCode,
  verifyAppointmentCode,
  type CodeLink,
} from './identity.appointment-codes.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { auditEntry, notify, type IdentityDeps, type RequestInfo } from './identity.deps.ts';
import { LinkExpired } from './identity.errors.ts';
import { hashToken, newToken } from './identity.secrets.ts';
import type { IssuedSession } from './identity.sessions.ts';
import { organizationName as findOrganizationName } from '../directory/directory.service.ts';
import { checkThrottle, recordFailure, throttleKeys } from './identity.throttle.ts';
import {
  findLiveVisitLink,
  insertVisitLink,
  type VisitLinkRow,
} from './identity.visit-links-store.ts';

/**
 * Visit links: when a guest's booking is confirmed, the guest is emailed a link to that one
 * appointment (`/visit#token=…`: 256 random bits, kept as SHA-256, valid until the appointment
 * ends). Opening it shows nothing until a code mailed to the email on file is entered; the code
 * starts a guest session that reaches that appointment only.
 */

/** What booking tells its `onConfirmed` seam about a confirmed appointment. */
export interface ConfirmedAppointment {
  id: string;
  organizationId: string;
  patientId: string | null;
  appointmentTypeId: string;
  end: string;
}

const visitSubject = (link: { id: string }) => `visit:${link.id}`;

/**
 * Booking's `onConfirmed` (composed in app.ts, after commit): a guest who confirmed a booking is
 * mailed its visit link. Mail says which clinic and carries the link; nothing else.
 */
export async function sendVisitLink(
  deps: IdentityDeps,
  appointment: ConfirmedAppointment,
  actor: Actor,
): Promise<void> {
  if (actor.type !== 'patient' || !actor.guest || !appointment.patientId) return;
  const now = deps.clock.now();
  const token = newToken();
  const patientId = appointment.patientId;
  const email = await deps.db.transaction(async (tx) => {
    const linkId = await insertVisitLink(tx, {
      organizationId: appointment.organizationId,
      appointmentId: appointment.id,
      appointmentTypeId: appointment.appointmentTypeId,
      patientId,
      tokenHash: hashToken(token),
      now,
      expiresAt: new Date(appointment.end),
    });
    await deps.audit.record(
      auditEntry(actor, 'identity.visit_link.create', undefined, {
        resourceType: 'visit-link',
        resourceId: linkId,
        organizationId: appointment.organizationId,
        patientId,
      }),
      tx,
    );
    return deps.patients.contactEmail(tx, appointment.organizationId, patientId);
  });
  if (!email) return;
  const clinic = await findOrganizationName(deps.db, appointment.organizationId);
  await notify(deps, email, `Your appointment at ${clinic} is booked`, [
    `Your appointment at ${clinic} is booked.`,
    `See, change or cancel it here: ${deps.publicUrl}/visit#token=${token}`,
    'The page asks for a code we email you before it shows anything.',
  ]);
}

/** A live link, or LinkExpired (counted per address, like other links). */
async function liveLink(deps: IdentityDeps, req: RequestInfo, token: string) {
  const now = deps.clock.now();
  const keys = throttleKeys('visit-link', req.ip, req.ip);
  await checkThrottle(deps.db, 'reset', keys, now);
  const link = await findLiveVisitLink(deps.db, hashToken(token), now);
  if (!link) {
    await recordFailure(deps.db, 'reset', keys, now);
    throw new LinkExpired();
  }
  return link;
}

const codeLink = (link: VisitLinkRow): CodeLink => ({
  id: link.id,
  organizationId: link.organization_id,
  patientId: link.patient_id,
  appointmentId: link.appointment_id,
  appointmentTypeId: link.appointment_type_id,
  subject: visitSubject(link),
  resourceType: 'visit-link',
});

/** POST /api/visit-links/code: mails a code to the email on file (codePolicy.maxSends an hour a link). */
export async function sendVisitCode(
  deps: IdentityDeps,
  req: RequestInfo,
  token: string,
): Promise<void> {
  const link = await liveLink(deps, req, token);
  await sendAppointmentCode(deps, req, codeLink(link), 'identity.visit_link.code', {
    subject: 'Your Hourglass visit code',
    purpose: 'to see your visit',
  });
}

/**
 * POST /api/visit-links/verify: the link's code starts a guest session that reaches the link's
 * appointment only (scope `visit`). Wrong codes are throttled like TOTP attempts.
 */
export async function verifyVisitLink(
  deps: IdentityDeps,
  req: RequestInfo,
  input: { token: string; code: string },
): Promise<IssuedSession & { link: VisitLinkRow }> {
  const link = await liveLink(deps, req, input.token);
  const issued = await verifyAppointmentCode(
    deps,
    req,
    codeLink(link),
    'identity.visit_link.verify',
    input.code,
  );
  return { ...issued, link };
}
