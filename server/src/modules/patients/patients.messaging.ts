import type { Queryable } from '../../platform/db/db.ts';
import { RecordUnreadable } from '../../platform/crypto/unreadable.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import { openContacts } from './patients.identity.ts';
import {
  findPreferences,
  findPreferencesMany,
  setChannelConsent,
  type PreferencesRow,
} from './patients.relations.store.ts';
import { findContacts } from './patients.store.ts';
import type { Preferences } from './patients.schema.ts';

/**
 * What the notifications module needs to know about a patient to message them: the channels
 * they consented to (in their order), language, quiet hours and zone. No identifier. Undefined
 * when the patient never set preferences (the clinic's defaults apply).
 */
export type MessagingPreferences = Preferences;

export async function messagingPreferences(
  q: Queryable,
  organizationId: string,
  patientId: string,
): Promise<MessagingPreferences | undefined> {
  const row = await findPreferences(q, organizationId, patientId);
  return row ? preferencesOf(row) : undefined;
}

/** The preferences of several patients (a delivery batch), by patient id; absent ones unset. */
export async function messagingPreferencesMany(
  q: Queryable,
  organizationId: string,
  patientIds: string[],
): Promise<Map<string, MessagingPreferences>> {
  const rows = await findPreferencesMany(q, organizationId, patientIds);
  return new Map(rows.map((r) => [r.patient_id, preferencesOf(r)]));
}

/** A stored row as the preferences the API and the notifications module speak of. */
export function preferencesOf(row: PreferencesRow): Preferences {
  return {
    channels: row.channels as Preferences['channels'],
    language: row.language,
    quietHours:
      row.quiet_start && row.quiet_end
        ? { start: row.quiet_start.slice(0, 5), end: row.quiet_end.slice(0, 5) }
        : null,
    timeZone: row.time_zone,
  };
}

/**
 * The email or phone on file of several patients of one organization (a delivery batch): one
 * statement, decrypted a batch at a time. Only the addresses leave this module, by patient id;
 * absent without one; one that fails its integrity check is its own RecordUnreadable.
 */
export async function contactAddresses(
  q: Queryable,
  vault: Vault,
  organizationId: string,
  patientIds: readonly string[],
  column: 'email' | 'phone',
): Promise<Map<string, string | RecordUnreadable>> {
  if (patientIds.length === 0) return new Map();
  return openContacts(q, vault, await findContacts(q, organizationId, patientIds, column), column);
}

/** One patient's email or phone on file, or null without one (RecordUnreadable if damaged). */
export async function contactAddress(
  q: Queryable,
  vault: Vault,
  organizationId: string,
  patientId: string,
  column: 'email' | 'phone',
): Promise<string | null> {
  const found = (await contactAddresses(q, vault, organizationId, [patientId], column)).get(
    patientId,
  );
  if (found instanceof RecordUnreadable) throw found;
  return found ?? null;
}

/**
 * A patient's own word by SMS (STOP, START): the channel leaves or joins their consent at once.
 * The caller audits it in the same transaction.
 */
export function setSmsConsent(
  q: Queryable,
  organizationId: string,
  patientId: string,
  consented: boolean,
): Promise<boolean> {
  return setChannelConsent(q, organizationId, patientId, 'sms', consented);
}
