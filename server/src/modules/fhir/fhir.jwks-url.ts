import { isIP } from 'node:net';
import { Invalid } from '../../platform/http/errors.ts';
import { nonPublicAddress } from '../../platform/net/addresses.ts';
import { guardedRequest, type Resolve } from '../../platform/net/guarded-request.ts';

/**
 * A client's JWKS URL (`jwks_uri`): checked when registered, fetched when a token is asked for.
 * https only (http too outside production), never to a loopback, private, link-local or metadata
 * address (allowed in the test profile only; the connection's own DNS answer is what is checked),
 * no redirects, a short timeout and a size cap; the keys are cached for a few minutes.
 */
export interface JwksUrlPolicy {
  allowHttp: boolean;
  allowPrivate: boolean;
  /** The resolver the connection's lookup asks (node:dns by default; tests inject their own). */
  resolve?: Resolve;
}

export const strictJwksPolicy: JwksUrlPolicy = { allowHttp: false, allowPrivate: false };

const timeoutMs = 3000;
const maxBytes = 64 * 1024;
const cacheMs = 5 * 60_000;

const bad = (detail: string) =>
  new Invalid('The JWKS URL cannot be used.', [{ pointer: '/body/jwks_uri', detail }]);

/** The URL, or a 400 naming what is wrong with it. */
export function checkJwksUrl(raw: string, policy: JwksUrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw bad('not a URL');
  }
  if (url.username || url.password) throw bad('no credentials in the URL');
  const schemes = policy.allowHttp ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) throw bad(policy.allowHttp ? 'http(s)' : 'https only');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const why = !policy.allowPrivate && isIP(host) ? nonPublicAddress(host) : null;
  if (why) throw bad(`points at ${why}`);
  return url;
}

async function get(url: URL, policy: JwksUrlPolicy): Promise<string> {
  const res = await guardedRequest(url, {
    method: 'GET',
    headers: { accept: 'application/json' },
    timeoutMs,
    maxBytes,
    allowPrivate: policy.allowPrivate,
    ...(policy.resolve ? { resolve: policy.resolve } : {}),
  });
  if (res.status !== 200) throw new Error(`JWKS URL answered ${res.status}`);
  return res.body.toString('utf8');
}

const cache = new Map<string, { keys: Record<string, unknown>[]; until: number; early: number }>();
/** An early refetch (a `kid` not in the cached set) at most this often per URL. */
const refetchMs = 60_000;

/**
 * The keys at a client's JWKS URL (cached briefly); throws when they cannot be had. With `kid`
 * (the assertion's key id) not among the cached keys, the URL is fetched again before the cache
 * expires, so a client's key rotation works at once, but at most once a minute per URL.
 */
export async function fetchJwks(
  raw: string,
  policy: JwksUrlPolicy,
  now: number,
  kid?: string,
): Promise<{ keys: Record<string, unknown>[] }> {
  const hit = cache.get(raw);
  const known = kid === undefined || hit?.keys.some((k) => k.kid === kid);
  const fresh = hit !== undefined && hit.until > now;
  if (fresh && (known || now - hit.early < refetchMs)) return { keys: hit.keys };
  const early = fresh ? now : (hit?.early ?? -Infinity);
  // Recorded before fetching, so a failing URL is not asked again within the minute either.
  if (fresh) hit.early = now;
  const body = JSON.parse(await get(checkJwksUrl(raw, policy), policy)) as { keys?: unknown };
  if (
    !Array.isArray(body.keys) ||
    body.keys.length === 0 ||
    body.keys.length > 10 ||
    body.keys.some((k) => typeof k !== 'object' || k === null)
  ) {
    throw new Error('not a JWKS');
  }
  const keys = body.keys as Record<string, unknown>[];
  cache.set(raw, { keys, until: now + cacheMs, early });
  return { keys };
}
