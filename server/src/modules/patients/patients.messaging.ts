import type { Queryable } from '../../platform/db/db.ts';
import { readingEncrypted } from '../../platform/crypto/unreadable.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import { openIdentityColumn } from './patients.identity.ts';
import {
  findPreferences,
  setChannelConsent,
  type PreferencesRow,
} from './patients.relations.store.ts';
import { findIdentity } from './patients.store.ts';
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

/** The phone number on file, for an SMS: only the number leaves this module; null without one. */
export async function contactPhone(
  q: Queryable,
  vault: Vault,
  organizationId: string,
  patientId: string,
): Promise<string | null> {
  const row = await findIdentity(q, organizationId, patientId);
  if (!row) return null;
  return readingEncrypted(() => openIdentityColumn(q, vault, row, 'phone'));
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
