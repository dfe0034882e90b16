import { createClinic, newYorkTime, staffOf, type Clinic } from '../../../test/clinic.ts';
import type { Org } from '../../../test/identity-fixtures.ts';
import type { Hourglass } from '../../app.ts';
import type { Actor } from '../../platform/http/actor.ts';
import * as booking from '../booking/booking.service.ts';
import { ada } from '../patients/patients.fixtures.ts';
import type { Registration } from '../patients/patients.schema.ts';
import type { Patients } from '../patients/patients.service.ts';

/** Test helpers: a clinic, a registered patient with preferences, and bookings on the app's clock. */

export interface Scene {
  clinic: Clinic;
  /** The clinic as identity's test helpers name it (accounts, sign-in). */
  org: Org;
  desk: Actor;
  patientId: string;
  email: string;
}

export async function scene(
  h: Hourglass,
  prefs: {
    channels?: string[];
    language?: string;
    timeZone?: string;
    quiet?: [string, string];
  } = {},
  email = `p-${Math.random().toString(36).slice(2, 8)}@example.org`,
  over: { typeName?: string; identity?: Partial<Registration> } = {},
): Promise<Scene> {
  const slug = `riverside-${Math.random().toString(36).slice(2, 8)}`;
  const clinic = await createClinic(h.db, {
    slug,
    name: 'Riverside Clinic',
    ...(over.typeName ? { type: { name: over.typeName } } : {}),
  });
  const desk = staffOf(clinic.orgId);
  // identity is handed the app's whole patients service, typed narrower than it is.
  const patients = h.identity.patients as unknown as Patients;
  const patientId = (await patients.register(desk, ada({ email, ...over.identity }))).id;
  await h.db.query(
    `insert into patient_preferences (patient_id, organization_id, channels, language, quiet_start,
       quiet_end, time_zone) values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      patientId,
      clinic.orgId,
      prefs.channels ?? ['email'],
      prefs.language ?? 'en',
      prefs.quiet?.[0] ?? null,
      prefs.quiet?.[1] ?? null,
      prefs.timeZone ?? 'America/New_York',
    ],
  );
  const org = { id: clinic.orgId, slug, locationId: clinic.locationId };
  return { clinic, org, desk, patientId, email };
}

/** Staff book a visit `days` ahead at a New York wall time (on the app's clock). */
export function book(h: Hourglass, s: Scene, days: number, time = '10:00', actor = s.desk) {
  return booking.hold(actor, h.booking, {
    organizationId: s.clinic.orgId,
    appointmentTypeId: s.clinic.typeId,
    providerId: s.clinic.providerIds[0],
    locationId: s.clinic.locationId,
    patientId: s.patientId,
    start: newYorkTime(days, time, h.clock.now().getTime()),
    modality: 'in_person',
    ...(actor.type === 'user' ? { confirm: true } : {}),
  });
}

export interface MessageView {
  id: string;
  kind: string;
  status: string;
  delivery_status: string | null;
  due_at: Date;
  channel: string | null;
  body: string | null;
  job_id: string | null;
}

export async function messagesOf(h: Hourglass, appointmentId: string): Promise<MessageView[]> {
  const { rows } = await h.db.query<MessageView>(
    `select id, kind, status, delivery_status, due_at, channel, body, job_id from notification_messages
      where appointment_id = $1 order by due_at, kind`,
    [appointmentId],
  );
  return rows;
}
