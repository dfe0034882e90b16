import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { nonPublicAddress } from './addresses.ts';

/**
 * Outbound HTTP to an address someone else supplied (an alert webhook, a client's JWKS URL, a
 * browser's push endpoint), guarded against server-side request forgery: the connection's own DNS
 * lookup refuses a name when any address it resolves to is not public (loopback, private,
 * link-local and cloud metadata, …; addresses.ts), and the socket connects to the address checked
 * there — no second resolution, so a name re-pointed inward (DNS rebinding) is refused at the
 * moment of sending, not only when it was registered. Redirects are never followed.
 */

export type Resolve = typeof dnsLookup;

/** The target is not allowed: a non-public address, or a name with no usable one. */
export class AddressRefused extends Error {
  override name = 'AddressRefused';
}

/** A connection's lookup that refuses non-public answers (`resolve` injectable for tests). */
export function guardedLookup(resolve: Resolve = dnsLookup): LookupFunction {
  return (host, options, callback) =>
    resolve(host, { all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const why = addresses.map((a) => nonPublicAddress(a.address)).find((w) => w !== null);
      if (why) return callback(new AddressRefused(`The host resolves to ${why}.`), '', 0);
      const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
      const usable = addresses.filter((a) => !wanted || a.family === wanted);
      if (usable.length === 0) {
        return callback(new AddressRefused('The host has no usable address.'), '', 0);
      }
      if (options.all) {
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      }
      callback(null, usable[0]!.address, usable[0]!.family);
    });
}

export interface GuardedRequest {
  method: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | null;
  timeoutMs: number;
  /** The response body is cut off (an error) past this many bytes; unread when absent. */
  maxBytes?: number;
  /** Lift the address guard: development, tests, a target inside the clinic's own network. */
  allowPrivate: boolean;
  resolve?: Resolve;
}

export interface GuardedResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * One request; resolves with the status, headers and (with `maxBytes`) the body. Rejects with
 * AddressRefused when the target is not allowed, other errors when the connection fails or times
 * out. A 3xx is returned as it is, never followed.
 */
export function guardedRequest(url: URL, r: GuardedRequest): Promise<GuardedResponse> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const body = r.body ?? null;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: r.method,
        headers: {
          ...r.headers,
          ...(body !== null ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
        },
        timeout: r.timeoutMs,
        ...(r.allowPrivate ? {} : { lookup: guardedLookup(r.resolve) }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (r.maxBytes === undefined) return;
          size += c.length;
          if (size <= r.maxBytes) return void chunks.push(c);
          // Cut off: the promise fails now (a destroyed stream need not emit an error to us).
          reject(new Error('response too large'));
          res.destroy();
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('response aborted')));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}
