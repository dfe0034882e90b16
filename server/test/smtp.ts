import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  /** Whether the message came over TLS (STARTTLS). */
  secure: boolean;
}

export interface TestSmtp {
  url: string;
  /** Environment for startTestApp: send through this server, trusting its self-signed cert. */
  env: Record<string, string>;
  received: ReceivedMail[];
  /** Messages to one address, oldest first. */
  to(address: string): ReceivedMail[];
  /** Waits (up to 5 s) for a message to the address that matches, and returns it. */
  waitFor(address: string, match: (m: ReceivedMail) => boolean): Promise<ReceivedMail>;
  /** The token in the last link sent to the address under `path` (…/path#token=…), waiting for it. */
  lastToken(address: string, path: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on a free port, offering STARTTLS with its built-in
 * self-signed certificate, keeping what it receives.
 */
export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          ...parse(raw),
          secure: session.secure,
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const url = `smtp://127.0.0.1:${port}`;
  const to = (address: string) => received.filter((m) => m.to.includes(address.toLowerCase()));
  // Some mail is sent after the response (so its timing reveals nothing): tests wait for it.
  async function waitFor(address: string, match: (m: ReceivedMail) => boolean) {
    for (let i = 0; i < 100; i++) {
      const found = to(address).findLast(match);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the expected mail did not arrive');
  }
  return {
    url,
    env: { HOURGLASS_SMTP_URL: url, HOURGLASS_SMTP_ALLOW_SELF_SIGNED: 'true' },
    received,
    to,
    waitFor,
    async lastToken(address, path) {
      await waitFor(address, (m) => m.text.includes(`/${path}#token=`));
      const mail = to(address).findLast((m) => m.text.includes(`/${path}#token=`));
      return mail!.text.match(new RegExp(`/${path}#token=([A-Za-z0-9_-]{43})`))![1]!;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parse(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  let body = raw.slice(split + 4);
  const subject = decodeWords(head.match(/^Subject: (.*)$/im)?.[1] ?? '');
  if (/^Content-Transfer-Encoding: quoted-printable/im.test(head)) {
    body = body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
  return { subject, text: body };
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`), as a non-ASCII subject arrives. */
function decodeWords(header: string): string {
  return header
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}
