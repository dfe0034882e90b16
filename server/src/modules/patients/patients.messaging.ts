import type { Queryable } from '../../platform/db/db.ts';
import { findPreferences, type PreferencesRow } from './patients.relations.store.ts';
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
