import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../../config.ts';
import { Unavailable } from '../http/errors.ts';
import type { Logger } from '../log/log.ts';

/** A message Hourglass sends: links and plain notices, never PHI. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** The Message-ID header (`<id@host>`), when the sender needs to know it (notifications). */
  messageId?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** Closes pooled SMTP connections (HOURGLASS_SMTP_POOL); nothing to do otherwise. */
  close?(): void;
}

export interface OutboxEntry extends MailMessage {
  id: string;
  from: string;
  at: string;
}

/**
 * SMTP through nodemailer when HOURGLASS_SMTP_URL is set, with TLS required outside the
 * development profile (STARTTLS or smtps://) and the server certificate verified unless
 * HOURGLASS_SMTP_ALLOW_SELF_SIGNED (refused in production). In development every message also
 * lands in <data dir>/outbox as JSON, which the demo shows; without SMTP that is all it does.
 */
export function createMailer(config: Config, log: Logger): Mailer {
  const { smtpUrl, from, allowSelfSigned, pool } = config.mail;
  const transport = smtpUrl
    ? nodemailer.createTransport({
        ...transportOptions(smtpUrl, config.profile, allowSelfSigned),
        // Reused connections: a burst of reminders is not a TLS handshake per message.
        ...(pool > 0 ? { pool: true as const, maxConnections: pool, maxMessages: Infinity } : {}),
      })
    : undefined;
  const outbox = config.profile === 'development' ? outboxDir(config.dataDir) : undefined;
  return {
    close: () => transport?.close(),
    async send(message) {
      if (outbox) await writeOutbox(outbox, { ...message, id: randomUUID(), from, at: '' });
      if (!transport) {
        if (outbox) return;
        log.warn({ subject: message.subject }, 'mail not sent: no HOURGLASS_SMTP_URL configured');
        throw new Unavailable('Email cannot be sent right now. Ask your administrator.');
      }
      try {
        await transport.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.messageId ? { messageId: message.messageId } : {}),
        });
      } catch (err) {
        // The error may quote the recipient; log only its code.
        log.error({ code: (err as { code?: string }).code ?? 'unknown' }, 'mail send failed');
        throw new Unavailable('Email could not be sent right now. Try again in a few minutes.');
      }
    },
  };
}

function transportOptions(smtpUrl: string, profile: Config['profile'], allowSelfSigned: boolean) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: Number(url.port) || (secure ? 465 : 587),
    secure,
    requireTLS: profile !== 'development' && !secure,
    ...(url.username
      ? {
          auth: {
            user: decodeURIComponent(url.username),
            pass: decodeURIComponent(url.password),
          },
        }
      : {}),
    tls: { rejectUnauthorized: !allowSelfSigned, minVersion: 'TLSv1.2' as const },
  };
}

export function outboxDir(dataDir: string): string {
  return path.join(dataDir, 'outbox');
}

async function writeOutbox(dir: string, entry: OutboxEntry) {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const at = new Date().toISOString();
  const file = path.join(dir, `${at.replace(/[:.]/g, '-')}-${entry.id}.json`);
  // Written aside and renamed into place: a reader listing the outbox meanwhile (the demo page,
  // a browser test polling for a code) sees a whole message or none, never an empty file.
  await writeFile(`${file}.part`, JSON.stringify({ ...entry, at }, null, 2) + '\n', {
    mode: 0o600,
  });
  await rename(`${file}.part`, file);
}

/** The development outbox, newest first. */
export async function readOutbox(dataDir: string): Promise<OutboxEntry[]> {
  const dir = outboxDir(dataDir);
  const names = await readdir(dir).catch(() => [] as string[]);
  const entries = await Promise.all(
    names
      .filter((n) => n.endsWith('.json'))
      .map(async (n) => JSON.parse(await readFile(path.join(dir, n), 'utf8')) as OutboxEntry),
  );
  return entries.sort((a, b) => b.at.localeCompare(a.at));
}
