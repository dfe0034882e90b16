import { createHash } from 'node:crypto';

/**
 * FHIR logical ids: `[A-Za-z0-9\-\.]{1,64}`. Directory records keep their UUIDs; a Schedule (one
 * provider at one location) is the two UUIDs' hex side by side (64 characters, the most an id
 * may have), so it is read back without a table. A Slot is computed, never stored: its id is a
 * digest of what makes it (type, provider, location, start), stable across searches.
 */

export const fhirIdPattern = /^[A-Za-z0-9\-.]{1,64}$/;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const hexOf = (uuid: string) => uuid.replaceAll('-', '');
const uuidOf = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

export function scheduleId(providerId: string, locationId: string): string {
  return hexOf(providerId) + hexOf(locationId);
}

/** The provider and location a Schedule id names; undefined for anything else. */
export function parseScheduleId(
  id: string,
): { providerId: string; locationId: string } | undefined {
  if (!/^[0-9a-f]{64}$/.test(id)) return undefined;
  const providerId = uuidOf(id.slice(0, 32));
  const locationId = uuidOf(id.slice(32));
  return uuidPattern.test(providerId) && uuidPattern.test(locationId)
    ? { providerId, locationId }
    : undefined;
}

export function slotId(s: {
  typeId: string;
  providerId: string;
  locationId: string;
  start: number;
}) {
  const digest = createHash('sha256')
    .update(`${s.typeId}|${s.providerId}|${s.locationId}|${s.start}`)
    .digest('base64url');
  return digest.slice(0, 40).replaceAll('_', '.');
}

/** The id a reference search value names: `Type/id`, a full URL ending so, or a bare id. */
export function referencedId(value: string, type: string): string | undefined {
  const m = /(?:^|\/)([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(value);
  if (m) return m[1] === type ? m[2] : undefined;
  return fhirIdPattern.test(value) ? value : undefined;
}
