import type { Vault } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/db.ts';
import type { AccountActor, Actor } from '../../platform/http/actor.ts';
import type { SessionRow } from './identity.session-store.ts';
import type { AccountRow } from './identity.store.ts';
import type { AuditEntry } from '../../platform/http/route.ts';
import type { Mailer } from '../../platform/mail/mail.ts';
import type { Clock } from '../../platform/time/clock.ts';
import type { Queryable } from '../../platform/db/db.ts';
import type { PatientRecords } from './identity.records.ts';

/** What the identity services need, built once in app.ts. */
export interface IdentityDeps {
  db: Db;
  /** Seals account emails and TOTP secrets (identity.vault.ts). */
  vault: Vault;
  clock: Clock;
  audit: { record(entry: AuditEntry, tx?: Queryable): Promise<void> };
  mailer: Mailer;
  /** The origin links in email point at. */
  publicUrl: string;
  /**
   * Runs work after the response (mail whose timing would tell whether an account exists);
   * failures are logged, never thrown.
   */
  defer(task: () => Promise<unknown>): void;
  /** The country of a source address (platform/geoip), recorded with sign-in events. */
  countryOf?: (ip: string) => string | null;
  /** The patients module's service: records for verified registrations and guests. */
  patients: PatientRecords;
  /**
   * The notifications module's answer: the appointment a live action link is about (composed in
   * app.ts), for the code that lets its patient act without signing in.
   */
  actionLinks?: ActionLinkResolver;
  /**
   * The notifications module's SMS (composed in app.ts): a one-time code texted to a patient a
   * message reached by SMS, or who has no email on file. Without it codes are only mailed.
   */
  smsCodes?: SmsCodeSender;
}

/** Texts a code through the SMS channel (notifications.sms-codes.ts). */
export interface SmsCodeSender {
  reachable(
    q: Queryable,
    organizationId: string,
    patientId: string,
  ): Promise<{ to: string; language: string } | null>;
  send(route: { to: string; language: string }, code: string, minutes: number): Promise<void>;
}

/** What an action link reaches: one appointment of one patient (ids only). */
export interface ActionLinkTarget {
  /** The link's own opaque id (the code's subject). */
  id: string;
  organizationId: string;
  patientId: string;
  appointmentId: string;
  appointmentTypeId: string;
  /** The channel the message went by (null: not sent yet); `sms` texts the code. */
  channel?: string | null;
}
export type ActionLinkResolver = (
  token: string,
  now: Date,
) => Promise<ActionLinkTarget | undefined>;

/** Where a request came from, for throttling, devices and the audit trail. */
export interface RequestInfo {
  requestId: string;
  ip: string;
  userAgent?: string | undefined;
  /** ISO country code of `ip`, where resolved (sign-in). */
  country?: string | null;
}

/** An audit event for an identity action: ids only, never emails or names. */
export function auditEntry(
  actor: Actor,
  action: string,
  req: RequestInfo | undefined,
  extra: {
    resourceType?: string;
    resourceId?: string | null;
    organizationId?: string | null;
    patientId?: string | null;
    outcome?: AuditEntry['outcome'];
  } = {},
): AuditEntry {
  return {
    actor,
    action,
    resourceType: extra.resourceType ?? 'account',
    resourceId: extra.resourceId ?? null,
    organizationId: extra.organizationId ?? null,
    patientId: extra.patientId ?? null,
    outcome: extra.outcome ?? 'success',
    requestId: req?.requestId ?? null,
    ip: req?.ip ?? null,
    userAgent: req?.userAgent ?? null,
    country: req?.country ?? null,
  };
}

/** A signed-in request: the actor, its live session and account (from identity.actor.ts). */
export interface Signed {
  actor: AccountActor;
  session: SessionRow;
  account: AccountRow;
}

/** A plain notice by email: no PHI, no names beyond the product. */
export async function notify(deps: IdentityDeps, to: string, subject: string, lines: string[]) {
  await deps.mailer.send({ to, subject, text: `${lines.join('\n\n')}\n\n- Hourglass\n` });
}

export function isAccountActor(actor: Actor): actor is AccountActor {
  return actor.type === 'user' || actor.type === 'patient';
}
