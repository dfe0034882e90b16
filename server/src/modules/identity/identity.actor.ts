import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/db.ts';
import { DomainError } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/route.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { clearSessionCookie, readSessionCookie } from './identity.cookie.ts';
import { resolveSession } from './identity.sessions.ts';
import type { SessionRow } from './identity.session-store.ts';
import type { AccountRow } from './identity.store.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The live session behind req.actor, when there is one. */
    session: SessionRow | null;
    /** The session's account; null for a guest session. */
    account: AccountRow | null;
  }
}

export class CrossSiteRequest extends DomainError {
  constructor() {
    super(
      403,
      'cross-site-request',
      'Request refused',
      'This request did not come from this site. Reload the page and try again.',
    );
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves req.actor from the session cookie (anonymous without a live session), then refuses
 * cross-site state changes: an unsafe request whose Origin is another site is refused, and so is
 * one carrying the session cookie with neither a same-origin Origin nor Sec-Fetch-Site:
 * same-origin. SameSite=Strict is the first line; this is the second.
 */
export function installSessionResolution(app: App, deps: { db: Db; clock: Clock }) {
  app.decorateRequest('session', null);
  app.decorateRequest('account', null);
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const token = readSessionCookie(req);
    if (!safeMethods.has(req.method)) checkOrigin(req, token !== undefined);
    if (!token) return;
    // The console's polling says so: it must not keep an idle session alive.
    const background = req.headers['x-hourglass-background'] === '1';
    const resolved = await resolveSession(deps.db, token, deps.clock.now(), { background });
    if (resolved.kind === 'live') {
      req.actor = resolved.actor;
      req.session = resolved.session;
      req.account = resolved.account;
    } else {
      clearSessionCookie(reply);
    }
  });
}

function checkOrigin(req: FastifyRequest, hasSessionCookie: boolean) {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (!sameOrigin(origin, req)) throw new CrossSiteRequest();
    return;
  }
  if (!hasSessionCookie) return;
  if (req.headers['sec-fetch-site'] !== 'same-origin') throw new CrossSiteRequest();
}

function sameOrigin(origin: string, req: FastifyRequest): boolean {
  try {
    return new URL(origin).origin === new URL(`${req.protocol}://${req.host}`).origin;
  } catch {
    return false;
  }
}
