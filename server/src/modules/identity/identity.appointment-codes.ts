import { randomUUID } from 'node:crypto';
import { anonymous } from '../../platform/http/actor.ts';
import { admitAttempt, failAttempt } from './identity.attempts.ts';
import { checkSendAllowance, claimCode, codePolicy, issueCode } from './identity.codes.ts';
import { auditEntry, notify, type IdentityDeps, type RequestInfo } from './identity.deps.ts';
import { CodeRejected, emailCodeRejected } from './identity.errors.ts';
import { guestActorFor, startGuestSession, type IssuedSession } from './identity.sessions.ts';
import { recordSuccess, throttleKeys } from './identity.throttle.ts';

/**
 * A code mailed to the email on file that opens one appointment: what a visit link and a
 * message's action link share. Sending keeps to 5 codes an hour per link; the code starts a guest
 * session (scope `visit`) reaching that appointment only; wrong codes are throttled like TOTP.
 */

/** The link a code is for, and how its audit events name it. */
export interface CodeLink {
  id: string;
  organizationId: string;
  patientId: string;
  appointmentId: string;
  appointmentTypeId: string;
  /** The code's subject (`visit:<id>`, `action:<id>`): one allowance and one throttle per link. */
  subject: string;
  resourceType: string;
}

const detailsOf = (link: CodeLink) => ({
  resourceType: link.resourceType,
  resourceId: link.id,
  organizationId: link.organizationId,
  patientId: link.patientId,
});

/** Mails a code (`action` is the audit action); nothing when the patient has no email. */
export async function mailAppointmentCode(
  deps: IdentityDeps,
  req: RequestInfo,
  link: CodeLink,
  action: string,
  mail: { subject: string; purpose: string },
): Promise<void> {
  const now = deps.clock.now();
  const sent = await deps.db.transaction(async (tx) => {
    await checkSendAllowance(tx, link.organizationId, 'visit', link.subject, now);
    const email = await deps.patients.contactEmail(tx, link.organizationId, link.patientId);
    if (!email) return null;
    const issued = await issueCode(
      tx,
      deps.vault,
      { organizationId: link.organizationId, purpose: 'visit', subject: link.subject },
      now,
    );
    await deps.audit.record(auditEntry(anonymous, action, req, detailsOf(link)), tx);
    return { email, code: issued.code };
  });
  if (!sent) return;
  await notify(deps, sent.email, mail.subject, [
    `Your code ${mail.purpose} is ${sent.code}.`,
    `It works once, for ${codePolicy.lifetimeMs / 60_000} minutes. If you did not ask for it, ignore this message.`,
  ]);
}

/** Claims the code and starts the guest session for the link's appointment. */
export async function verifyAppointmentCode(
  deps: IdentityDeps,
  req: RequestInfo,
  link: CodeLink,
  action: string,
  code: string,
): Promise<IssuedSession> {
  const now = deps.clock.now();
  const keys = throttleKeys(link.organizationId, link.subject, req.ip);
  const attempt = auditEntry(anonymous, action, req, detailsOf(link));
  await admitAttempt(deps, 'mfa', keys, now, attempt);
  const issued = await deps.db.transaction(async (tx) => {
    const claimed = await claimCode(
      tx,
      deps.vault,
      { organizationId: link.organizationId, purpose: 'visit', subjects: [link.subject], code },
      now,
    );
    if (!claimed) return null;
    const session = await startGuestSession(tx, {
      id: randomUUID(),
      organizationId: link.organizationId,
      patientId: link.patientId,
      scope: 'visit',
      appointmentIds: [link.appointmentId],
      appointmentTypeIds: [link.appointmentTypeId],
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
  return issued;
}
