import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

/**
 * Weak validators for answers that pages poll (the schedule, the patient's inbox): the route
 * answers 304 with no body when the caller's copy is current, and a 304 shows nothing, so the
 * route writes no audit event for it (route.ts).
 */

/** A weak ETag naming the view, its viewer and the data version it was computed from. */
export function weakEtag(parts: unknown[]): string {
  const digest = createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
  return `W/"s${digest.slice(0, 27)}"`;
}

/** RFC 9110 If-None-Match: `*` or a list of (weakly compared) entity tags. */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.trim() === '*' || header.split(',').some((t) => bare(t) === bare(etag));
}

/** The request's If-None-Match header, when it has one. */
export function ifNoneMatch(req: FastifyRequest): string | undefined {
  const h = req.headers['if-none-match'];
  return typeof h === 'string' ? h : undefined;
}

/** The 304 answer's schema. */
export const notModified = z.null().describe('Not Modified: the If-None-Match ETag is current');
