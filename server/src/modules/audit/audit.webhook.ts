import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { nonPublicAddress as blockedAddress } from '../../platform/net/addresses.ts';
import { AddressRefused, guardedRequest } from '../../platform/net/guarded-request.ts';

/**
 * Where audit alert webhooks may go. Only https, and only to public addresses: loopback, private,
 * link-local (cloud metadata at 169.254.169.254), CGNAT, multicast, reserved and the IPv6
 * equivalents are refused, when the rule is set and again at delivery, after DNS resolution and on
 * the address actually connected to (so a name that later resolves elsewhere is refused too).
 * `allowPrivate` (HOURGLASS_AUDIT_WEBHOOK_ALLOW_PRIVATE) lifts both limits: tests, development, or
 * an alerting endpoint inside the clinic's own network.
 */
export interface WebhookPolicy {
  allowPrivate: boolean;
}

export class WebhookRefused extends Error {
  override name = 'WebhookRefused';
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** The checks that need no network: a URL, https, and no forbidden literal address. */
export function checkWebhookUrl(raw: string, policy: WebhookPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookRefused('The webhook URL is not a valid URL.');
  }
  if (url.username || url.password) {
    throw new WebhookRefused('The webhook URL must not carry credentials; use the secret.');
  }
  if (policy.allowPrivate) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new WebhookRefused('The webhook URL must be http(s).');
    }
    return url;
  }
  if (url.protocol !== 'https:') throw new WebhookRefused('The webhook URL must use https.');
  const host = hostOf(url);
  const why = isIP(host) ? blockedAddress(host) : null;
  if (why) throw new WebhookRefused(`The webhook URL points at ${why}.`);
  return url;
}

/** Resolves a name and refuses it when any address it resolves to is not public. */
function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(host, { all: true }, (err, addresses) => {
      if (err) reject(new WebhookRefused('The webhook host name does not resolve.'));
      else resolve(addresses);
    });
  });
}

function refuseBlocked(addresses: LookupAddress[]): void {
  for (const a of addresses) {
    const why = blockedAddress(a.address);
    if (why) throw new WebhookRefused(`The webhook host resolves to ${why}.`);
  }
}

/** At configuration time: the URL checks, then DNS resolution. */
export async function checkWebhookTarget(raw: string, policy: WebhookPolicy): Promise<URL> {
  const url = checkWebhookUrl(raw, policy);
  if (policy.allowPrivate || isIP(hostOf(url))) return url;
  refuseBlocked(await resolveAll(hostOf(url)));
  return url;
}

/**
 * POSTs a JSON body; resolves to the HTTP status. Redirects are not followed (a 3xx is a
 * failure), so a public endpoint cannot bounce the request inward. Throws WebhookRefused when the
 * target is not allowed, other errors when the connection fails.
 */
export async function postWebhook(
  raw: string,
  body: string,
  headers: Record<string, string>,
  policy: WebhookPolicy & { timeoutMs?: number },
): Promise<number> {
  const url = checkWebhookUrl(raw, policy);
  try {
    const res = await guardedRequest(url, {
      method: 'POST',
      headers,
      body,
      timeoutMs: policy.timeoutMs ?? 10_000,
      allowPrivate: policy.allowPrivate,
    });
    return res.status;
  } catch (err) {
    if (err instanceof AddressRefused) {
      throw new WebhookRefused(err.message.replace(/^The host/, 'The webhook host'));
    }
    if ((err as NodeJS.ErrnoException).code === 'ENOTFOUND') {
      throw new WebhookRefused('The webhook host name does not resolve.');
    }
    throw err;
  }
}
