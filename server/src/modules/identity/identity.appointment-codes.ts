import { randomUUID } from 'node:crypto';
import { anonymous } from '../../platform/http/actor.ts';
import { admitAttempt, failAttempt } from './identity.attempts.ts';
import { checkSendAllowance, claimCode, codePolicy, issueCode } from './identity.codes.ts';
import { auditEntry, notify, type IdentityDeps, type RequestInfo } from './identity.deps.ts';
import { CodeRejected, emailCodeRejected } from './identity.errors.ts';
import { guestActorFor, startGuestSession, type IssuedSession } from './identity.sessions.ts';
import { recordSuccess, throttleKeys } from './identity.throttle.ts';

/**
 * A code sent to the email (or phone) on file that opens one appointment: what a visit link and
 * a message's action link share. Sending keeps to codePolicy.maxSends codes an hour per link; the
 * code starts a guest session (scope `visit`) reaching that appointment only; wrong codes are
 * throttled like TOTP.
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
  /**
   * The channel the link's message went by: `sms` texts the code, as does no email on file. A
   * link without one (a visit link, mailed to a guest) only mails codes.
   */
  channel?: string | null | undefined;
}

const detailsOf = (link: CodeLink) => ({
  resourceType: link.resourceType,
  resourceId: link.id,
  organizationId: link.organizationId,
  patientId: link.patientId,
});

/** Where a code went: the email on file, or a text to the phone on file. */
export type CodeSentBy = 'email' | 'sms';

/**
 * Sends a code (`action` is the audit action): by SMS when the link's message went by SMS or
 * the patient has no email (and SMS may reach them: consent, number, the vendor's agreement),
 * otherwise by email. One allowance for both ways. Nothing is sent when neither reaches the
 * patient; the answer is then `email`, as if it were, so the page tells no more.
 */
export async function sendAppointmentCode(
  deps: IdentityDeps,
  req: RequestInfo,
  link: CodeLink,
  action: string,
  mail: { subject: string; purpose: string },
): Promise<CodeSentBy> {
  const now = deps.clock.now();
  const sent = await deps.db.transaction(async (tx) => {
    await checkSendAllowance(tx, link.organizationId, 'visit', link.subject, now);
    const email = await deps.patients.contactEmail(tx, link.organizationId, link.patientId);
    const text =
      link.channel !== undefined && (link.channel === 'sms' || !email) && deps.smsCodes
        ? await deps.smsCodes.reachable(tx, link.organizationId, link.patientId)
        : null;
    if (!email && !text) return null;
    const issued = await issueCode(
      tx,
      deps.vault,
      { organizationId: link.organizationId, purpose: 'visit', subject: link.subject },
      now,
    );
    await deps.audit.record(auditEntry(anonymous, action, req, detailsOf(link)), tx);
    return { email, text, code: issued.code };
  });
  if (!sent) return 'email';
  const minutes = codePolicy.lifetimeMs / 60_000;
  if (sent.text && deps.smsCodes) {
    try {
      await deps.smsCodes.send(sent.text, sent.code, minutes);
      return 'sms';
    } catch (err) {
      // The vendor failed: the email on file, if any, gets the same code.
      if (!sent.email) throw err;
    }
  }
  if (sent.email) {
    await notify(deps, sent.email, mail.subject, [
      `Your code ${mail.purpose} is ${sent.code}.`,
      `It works once, for ${minutes} minutes. If you did not ask for it, ignore this message.`,
    ]);
  }
  return 'email';
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
