import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Channel } from './notifications.channels.ts';

/**
 * SMS in the Twilio REST wire format (the de facto one; other vendors speak it too): send is a
 * form POST to `/2010-04-01/Accounts/{sid}/Messages.json` with Basic auth, answered with the
 * message's `sid`; status callbacks and inbound messages are form POSTs to us, signed with
 * `X-Twilio-Signature` (HMAC-SHA1 under the auth token of the URL and the sorted parameters).
 */
export interface SmsConfig {
  apiUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
}

export function smsChannel(config: SmsConfig, statusCallback: string): Channel {
  const endpoint = `${config.apiUrl}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const auth = Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64');
  return {
    name: 'sms',
    handlesPhi: true,
    async send(m) {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: {
          authorization: `Basic ${auth}`,
          'content-type': 'application/x-www-form-urlencoded',
          // Vendors that honour it never send one key twice.
          'i-twilio-idempotency-token': m.idempotencyKey,
        },
        body: new URLSearchParams({
          To: e164(m.to),
          From: config.from,
          Body: m.text,
          StatusCallback: statusCallback,
        }),
        signal: AbortSignal.timeout(10_000),
      });
      // The vendor's error may quote the number: only the status is kept.
      if (!res.ok) throw new Error(`sms vendor answered ${res.status}`);
      const { sid } = (await res.json()) as { sid?: string };
      if (!sid) throw new Error('sms vendor answered without a sid');
      return { vendorId: sid, recipientDigest: recipientDigest(config.authToken, m.to) };
    },
  };
}

/** A number as +digits (the form the vendor and the digest use). */
export function e164(phone: string): string {
  const digits = phone.replace(/[^0-9]/g, '');
  return phone.trim().startsWith('+') ? `+${digits}` : `+1${digits.replace(/^1(?=\d{10}$)/, '')}`;
}

export function recipientDigest(authToken: string, phone: string): Buffer {
  return createHmac('sha256', `hourglass-sms-recipient:${authToken}`).update(e164(phone)).digest();
}

/** Twilio's request signature: base64 HMAC-SHA1 of the URL followed by each sorted key and value. */
export function twilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string>,
): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function validSignature(
  authToken: string,
  url: string,
  params: Record<string, string>,
  header: string | undefined,
): boolean {
  if (!header) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
