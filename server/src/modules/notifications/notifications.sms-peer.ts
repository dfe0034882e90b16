import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local SMS vendor for tests that speaks the Twilio REST wire format: it takes
 * `POST /2010-04-01/Accounts/{sid}/Messages.json` (form-encoded, Basic auth) and answers with a
 * `sid`, keeping what arrived; it signs the callbacks it would send the way Twilio does.
 */
export interface SmsPeer {
  apiUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  env: Record<string, string>;
  received: {
    sid: string;
    to: string;
    from: string;
    body: string;
    statusCallback: string;
    /** The `I-Twilio-Idempotency-Token` header: the message's idempotency key. */
    idempotencyToken: string;
  }[];
  /** Answers every send with this status instead (a vendor outage). */
  failWith: number | null;
  /** The X-Twilio-Signature the vendor puts on a POST of `params` to `url`. */
  sign(url: string, params: Record<string, string>): string;
  close(): Promise<void>;
}

export async function startSmsPeer(): Promise<SmsPeer> {
  const accountSid = 'AC' + '0123456789abcdef'.repeat(2);
  const authToken = 'test-auth-token-0123456789abcdef';
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  let n = 0;
  const peer: Omit<SmsPeer, 'apiUrl' | 'env' | 'close'> = {
    accountSid,
    authToken,
    from: '+15550100999',
    received: [],
    failWith: null,
    sign(url, params) {
      let data = url;
      for (const key of Object.keys(params).sort()) data += key + params[key];
      return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
    },
  };
  const server = createServer(async (req, res) => {
    const body = await read(req);
    const path = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
    if (req.method !== 'POST' || req.url !== path) return void res.writeHead(404).end();
    if (req.headers.authorization !== expectedAuth) return void res.writeHead(401).end();
    if (peer.failWith) return void res.writeHead(peer.failWith).end('{"code":20500}');
    const form = new URLSearchParams(body);
    const sid = `SM${(++n).toString(16).padStart(32, '0')}`;
    peer.received.push({
      sid,
      to: form.get('To') ?? '',
      from: form.get('From') ?? '',
      body: form.get('Body') ?? '',
      statusCallback: form.get('StatusCallback') ?? '',
      idempotencyToken: String(req.headers['i-twilio-idempotency-token'] ?? ''),
    });
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ sid, status: 'queued', to: form.get('To') }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(peer, {
    apiUrl,
    env: {
      HOURGLASS_SMS_API_URL: apiUrl,
      HOURGLASS_SMS_ACCOUNT_SID: accountSid,
      HOURGLASS_SMS_AUTH_TOKEN: authToken,
      HOURGLASS_SMS_FROM: peer.from,
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
