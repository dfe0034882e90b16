import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Invalid } from '../../platform/http/errors.ts';
import { nonPublicAddress } from '../../platform/net/addresses.ts';

/**
 * A client's JWKS URL (`jwks_uri`): checked when registered, fetched when a token is asked for.
 * https only (http too outside production), never to a loopback, private, link-local or metadata
 * address (allowed in the test profile only; the connection's own DNS answer is what is checked),
 * no redirects, a short timeout and a size cap; the keys are cached for a few minutes.
 */
export interface JwksUrlPolicy {
  allowHttp: boolean;
  allowPrivate: boolean;
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

/** The connection's DNS lookup: refused when any address the name resolves to is not public. */
const guardedLookup: LookupFunction = (host, options, callback) => {
  dnsLookup(host, { all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, '', 0);
    if (addresses.some((a) => nonPublicAddress(a.address))) {
      return callback(new Error('JWKS host resolves to a non-public address'), '', 0);
    }
    const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
    const usable = addresses.filter((a) => !wanted || a.family === wanted);
    if (usable.length === 0) return callback(new Error('no usable address'), '', 0);
    if (options.all) {
      return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
    }
    callback(null, usable[0]!.address, usable[0]!.family);
  });
};

function get(url: URL, policy: JwksUrlPolicy): Promise<string> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'GET',
        headers: { accept: 'application/json' },
        timeout: timeoutMs,
        ...(policy.allowPrivate ? {} : { lookup: guardedLookup }),
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`JWKS URL answered ${res.statusCode}`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) req.destroy(new Error('JWKS too large'));
          else chunks.push(c);
        });
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('JWKS URL timed out')));
    req.on('error', reject);
    req.end();
  });
}

const cache = new Map<string, { keys: Record<string, unknown>[]; until: number }>();

/** The keys at a client's JWKS URL (cached briefly); throws when they cannot be had. */
export async function fetchJwks(
  raw: string,
  policy: JwksUrlPolicy,
  now: number,
): Promise<{ keys: Record<string, unknown>[] }> {
  const hit = cache.get(raw);
  if (hit && hit.until > now) return { keys: hit.keys };
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
  cache.set(raw, { keys, until: now + cacheMs });
  return { keys };
}
