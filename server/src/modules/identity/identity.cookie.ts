import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The session cookie: `__Host-` (Secure, Path=/, no Domain), HttpOnly, SameSite=Strict. Browsers,
 * Chromium included, accept Secure cookies on http://localhost for development.
 */
export const sessionCookieName = '__Host-hourglass-session';

export function readSessionCookie(req: FastifyRequest): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === sessionCookieName) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

export function setSessionCookie(reply: FastifyReply, token: string, maxAgeSeconds: number) {
  reply.header(
    'set-cookie',
    `${sessionCookieName}=${token}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
  );
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.header(
    'set-cookie',
    `${sessionCookieName}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0`,
  );
}
