import { randomUUID } from 'node:crypto';
import { anonymous, type Actor } from '../../platform/http/actor.ts';
import { admitAttempt, failAttempt } from './identity.attempts.ts';
import { checkSendAllowance, claimCode, codePolicy, issueCode } from './identity.codes.ts';
import { auditEntry, notify, type IdentityDeps, type RequestInfo } from './identity.deps.ts';
import { CodeRejected, emailCodeRejected, LinkExpired } from './identity.errors.ts';
import { hashToken, newToken } from './identity.secrets.ts';
import { guestActorFor, startGuestSession, type IssuedSession } from './identity.sessions.ts';
import { organizationName as findOrganizationName } from '../directory/directory.service.ts';
import { checkThrottle, recordFailure, recordSuccess, throttleKeys } from './identity.throttle.ts';
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

/** POST /api/visit-links/code: mails a code to the email on file (at most 5 an hour per link). */
export async function sendVisitCode(
  deps: IdentityDeps,
  req: RequestInfo,
  token: string,
): Promise<void> {
  const link = await liveLink(deps, req, token);
  const now = deps.clock.now();
  const sent = await deps.db.transaction(async (tx) => {
    await checkSendAllowance(tx, link.organization_id, 'visit', visitSubject(link), now);
    const email = await deps.patients.contactEmail(tx, link.organization_id, link.patient_id);
    if (!email) return null;
    const issued = await issueCode(
      tx,
      deps.vault,
      { organizationId: link.organization_id, purpose: 'visit', subject: visitSubject(link) },
      now,
    );
    await deps.audit.record(
      auditEntry(anonymous, 'identity.visit_link.code', req, {
        resourceType: 'visit-link',
        resourceId: link.id,
        organizationId: link.organization_id,
        patientId: link.patient_id,
      }),
      tx,
    );
    return { email, code: issued.code };
  });
  if (!sent) return;
  await notify(deps, sent.email, 'Your Hourglass visit code', [
    `Your code to see your visit is ${sent.code}.`,
    `It works once, for ${codePolicy.lifetimeMs / 60_000} minutes. If you did not ask for it, ignore this message.`,
  ]);
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
  const now = deps.clock.now();
  const keys = throttleKeys(link.organization_id, visitSubject(link), req.ip);
  const attempt = auditEntry(anonymous, 'identity.visit_link.verify', req, {
    resourceType: 'visit-link',
    resourceId: link.id,
    organizationId: link.organization_id,
    patientId: link.patient_id,
  });
  await admitAttempt(deps, 'mfa', keys, now, attempt);
  const issued = await deps.db.transaction(async (tx) => {
    const claimed = await claimCode(
      tx,
      deps.vault,
      {
        organizationId: link.organization_id,
        purpose: 'visit',
        subjects: [visitSubject(link)],
        code: input.code,
      },
      now,
    );
    if (!claimed) return null;
    const session = await startGuestSession(tx, {
      id: randomUUID(),
      organizationId: link.organization_id,
      patientId: link.patient_id,
      scope: 'visit',
      appointmentIds: [link.appointment_id],
      appointmentTypeIds: [link.appointment_type_id],
      now,
      userAgent: req.userAgent,
      ip: req.ip,
    });
    await deps.audit.record({ ...attempt, actor: guestActorFor(session.session) }, tx);
    return session;
  });
  if (!issued) {
    await failAttempt(deps, 'mfa', keys, now, attempt);
    throw new CodeRejected(emailCodeRejected);
  }
  await recordSuccess(deps.db, 'mfa', keys);
  return { ...issued, link };
}
