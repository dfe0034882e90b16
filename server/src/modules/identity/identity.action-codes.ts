import { randomUUID } from 'node:crypto';
import { anonymous } from '../../platform/http/actor.ts';
import { admitAttempt, failAttempt } from './identity.attempts.ts';
import { checkSendAllowance, claimCode, codePolicy, issueCode } from './identity.codes.ts';
import {
  auditEntry,
  notify,
  type ActionLinkTarget,
  type IdentityDeps,
  type RequestInfo,
} from './identity.deps.ts';
import { CodeRejected, emailCodeRejected, LinkExpired } from './identity.errors.ts';
import { guestActorFor, startGuestSession, type IssuedSession } from './identity.sessions.ts';
import { checkThrottle, recordFailure, recordSuccess, throttleKeys } from './identity.throttle.ts';

/**
 * A message's action link (confirm, cancel, reschedule) without signing in: its page asks for a
 * code mailed to the email on file; the code starts a guest session that reaches the link's one
 * appointment only (scope `visit`, as a visit link's does). The link itself is the notifications
 * module's (`actionLinks`, composed in app.ts); codes, throttles and sessions are identity's.
 */

const subjectOf = (link: ActionLinkTarget) => `action:${link.id}`;

async function liveLink(deps: IdentityDeps, req: RequestInfo, token: string) {
  const now = deps.clock.now();
  const keys = throttleKeys('action-link', req.ip, req.ip);
  await checkThrottle(deps.db, 'reset', keys, now);
  const link = deps.actionLinks ? await deps.actionLinks(token, now) : undefined;
  if (!link) {
    await recordFailure(deps.db, 'reset', keys, now);
    throw new LinkExpired();
  }
  return link;
}

/** POST /api/notification-actions/code: mails a code to the email on file (5 an hour a link). */
export async function sendActionCode(deps: IdentityDeps, req: RequestInfo, token: string) {
  const link = await liveLink(deps, req, token);
  const now = deps.clock.now();
  const sent = await deps.db.transaction(async (tx) => {
    await checkSendAllowance(tx, link.organizationId, 'visit', subjectOf(link), now);
    const email = await deps.patients.contactEmail(tx, link.organizationId, link.patientId);
    if (!email) return null;
    const issued = await issueCode(
      tx,
      deps.vault,
      { organizationId: link.organizationId, purpose: 'visit', subject: subjectOf(link) },
      now,
    );
    await deps.audit.record(
      auditEntry(anonymous, 'identity.action_link.code', req, {
        resourceType: 'notification',
        resourceId: link.id,
        organizationId: link.organizationId,
        patientId: link.patientId,
      }),
      tx,
    );
    return { email, code: issued.code };
  });
  if (!sent) return;
  await notify(deps, sent.email, 'Your Hourglass code', [
    `Your code to answer your appointment message is ${sent.code}.`,
    `It works once, for ${codePolicy.lifetimeMs / 60_000} minutes. If you did not ask for it, ignore this message.`,
  ]);
}

/**
 * POST /api/notification-actions/verify: the code starts a guest session reaching the link's
 * appointment only; the link is not used yet (the page then acts with it). Wrong codes are
 * throttled like TOTP attempts.
 */
export async function verifyActionCode(
  deps: IdentityDeps,
  req: RequestInfo,
  input: { token: string; code: string },
): Promise<IssuedSession & { link: ActionLinkTarget }> {
  const link = await liveLink(deps, req, input.token);
  const now = deps.clock.now();
  const keys = throttleKeys(link.organizationId, subjectOf(link), req.ip);
  const attempt = auditEntry(anonymous, 'identity.action_link.verify', req, {
    resourceType: 'notification',
    resourceId: link.id,
    organizationId: link.organizationId,
    patientId: link.patientId,
  });
  await admitAttempt(deps, 'mfa', keys, now, attempt);
  const issued = await deps.db.transaction(async (tx) => {
    const claimed = await claimCode(
      tx,
      deps.vault,
      {
        organizationId: link.organizationId,
        purpose: 'visit',
        subjects: [subjectOf(link)],
        code: input.code,
      },
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
  return { ...issued, link };
}
