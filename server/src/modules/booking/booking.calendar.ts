import type { Actor } from '../../platform/http/actor.ts';
import { directoryNames, type LocationSummary } from '../directory/directory.lookup.ts';
import type { Appointment } from './booking.schema.ts';
import { load, type BookingDeps } from './booking.service.ts';
import { toView } from './booking.view.ts';

/**
 * "Add to calendar": one appointment as an RFC 5545 calendar with one event. Calendar files end
 * up in other companies' calendars, so the event says "Appointment — <clinic>" and nothing more:
 * no provider, visit type, patient, location name, notes or video link. An in-person visit
 * carries the location's street address (the clinic's own published address, as the clinic's
 * name already is; the location's name is left out, as a name can hint at a specialty). Times
 * are UTC; the UID is the appointment's id, so a later download of the same appointment updates
 * the event (SEQUENCE is the appointment's version, STATUS follows its state).
 */

export interface CalendarEvent {
  id: string;
  start: string;
  end: string;
  status: Appointment['status'];
  version: number;
  clinicName: string;
  /** The street address of an in-person visit's location; null otherwise. */
  address: string | null;
  /** When the file was made (DTSTAMP). */
  stamp: number;
}

export function calendarFile(e: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Hourglass//Appointments//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${e.id}`,
    `DTSTAMP:${utc(e.stamp)}`,
    `DTSTART:${utc(Date.parse(e.start))}`,
    `DTEND:${utc(Date.parse(e.end))}`,
    `SEQUENCE:${e.version}`,
    `STATUS:${statusOf(e.status)}`,
    `SUMMARY:${text(`Appointment — ${e.clinicName}`)}`,
    ...(e.address ? [`LOCATION:${text(e.address)}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

function statusOf(status: Appointment['status']): string {
  if (status === 'held') return 'TENTATIVE';
  if (status === 'cancelled' || status === 'expired') return 'CANCELLED';
  return 'CONFIRMED';
}

/** 20300115T150000Z */
function utc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** TEXT value escaping (RFC 5545 §3.3.11). */
function text(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
}

/**
 * Content lines longer than 75 octets are folded (§3.1): CRLF and a space, the space counting
 * toward the next line's 75. Octets of UTF-8, never inside a character.
 */
export function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function streetAddress(l: LocationSummary): string | null {
  const a = l.address;
  const regionLine = [a.region, a.postalCode].filter(Boolean).join(' ');
  const parts = [a.line, a.city, regionLine, a.country].filter(Boolean);
  return a.line ? parts.join(', ') : null;
}

/** The calendar file of one appointment the actor may view (same check as viewing it). */
export async function appointmentCalendar(
  actor: Actor,
  deps: BookingDeps,
  organizationId: string,
  id: string,
): Promise<{ appointment: Appointment; ics: string }> {
  const row = await load(deps, actor, organizationId, id);
  const now = deps.now();
  const appointment = toView(row, actor, deps, now);
  const inPerson = row.modality === 'in_person';
  const names = await directoryNames(deps.db, organizationId, {
    typeIds: [],
    providerIds: [],
    locationIds: inPerson ? [row.location_id] : [],
  });
  const location = names.locations.get(row.location_id);
  const ics = calendarFile({
    id: row.id,
    start: appointment.start,
    end: appointment.end,
    status: appointment.status,
    version: row.version,
    clinicName: names.organizationName,
    address: inPerson && location ? streetAddress(location) : null,
    stamp: now,
  });
  return { appointment, ics };
}
