import { createHash } from 'node:crypto';
import type { Mailer } from '../../platform/mail/mail.ts';
import type { OutwardChannel } from './notifications.plan.ts';

/**
 * A channel that takes a message out of Hourglass. Each adapter is handed the rendered text and
 * the address, sends once, and answers the vendor's id for the message (recorded before the job
 * is acknowledged). The portal inbox is no adapter: every sent message is in it.
 */
export interface OutgoingMessage {
  /** The message's idempotency key: the same key is the same message (vendors may dedupe on it). */
  idempotencyKey: string;
  to: string;
  subject: string;
  text: string;
}

export interface Channel {
  readonly name: OutwardChannel;
  /**
   * Whether the adapter hands messages to a vendor that handles PHI for the clinic: used only
   * while the organization's Business Associate Agreement with it is in force.
   */
  readonly handlesPhi?: boolean;
  send(message: OutgoingMessage): Promise<{ vendorId: string; recipientDigest?: Buffer }>;
}

export type Channels = Partial<Record<OutwardChannel, Channel>>;

/** Email through the app's mailer (nodemailer over SMTP); the Message-ID is the vendor id. */
export function emailChannel(mailer: Mailer, host: string): Channel {
  return {
    name: 'email',
    async send(m) {
      // Derived from the key, so a resend of the same message carries the same Message-ID.
      const id = createHash('sha256').update(m.idempotencyKey).digest('hex').slice(0, 32);
      const messageId = `<${id}@${host}>`;
      await mailer.send({ to: m.to, subject: m.subject, text: m.text, messageId });
      return { vendorId: messageId };
    },
  };
}
