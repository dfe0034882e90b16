import {
  sendAppointmentCode,
  verifyAppointmentCode,
  type CodeLink,
} from './identity.appointment-codes.ts';
import type { ActionLinkTarget, IdentityDeps, RequestInfo } from './identity.deps.ts';
import { LinkExpired } from './identity.errors.ts';
import type { IssuedSession } from './identity.sessions.ts';
import { checkThrottle, recordFailure, throttleKeys } from './identity.throttle.ts';

/**
 * A message's action link (confirm, cancel, reschedule) without signing in: its page asks for a
 * code mailed to the email on file; the code starts a guest session that reaches the link's one
 * appointment only (scope `visit`, as a visit link's does). The link itself is the notifications
 * module's (`actionLinks`, composed in app.ts); codes, throttles and sessions are identity's.
 */

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

const codeLink = (link: ActionLinkTarget): CodeLink => ({
  ...link,
  subject: `action:${link.id}`,
  resourceType: 'notification',
});

/**
 * POST /api/notification-actions/code: a code to the email on file, or by SMS when the message
 * went by SMS or there is no email (codePolicy.maxSends an hour a link); answers which.
 */
export async function sendActionCode(deps: IdentityDeps, req: RequestInfo, token: string) {
  const link = await liveLink(deps, req, token);
  return sendAppointmentCode(deps, req, codeLink(link), 'identity.action_link.code', {
    subject: 'Your Hourglass code',
    purpose: 'to answer your appointment message',
  });
}

/**
 * POST /api/notification-actions/verify: the code starts a guest session reaching the link's
 * appointment only; the link is not used yet (the page then acts with it).
 */
export async function verifyActionCode(
  deps: IdentityDeps,
  req: RequestInfo,
  input: { token: string; code: string },
): Promise<IssuedSession & { link: ActionLinkTarget }> {
  const link = await liveLink(deps, req, input.token);
  const issued = await verifyAppointmentCode(
    deps,
    req,
    codeLink(link),
    'identity.action_link.verify',
    input.code,
  );
  return { ...issued, link };
}
