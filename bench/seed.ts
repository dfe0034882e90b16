import type { Hourglass } from '../server/src/app.ts';
import type { Db } from '../server/src/platform/db/db.ts';
import { createAudit } from '../server/src/modules/audit/audit.service.ts';
import type { Identity } from '../server/src/modules/patients/patients.schema.ts';
import { createPatients } from '../server/src/modules/patients/patients.service.ts';
import type { Actor } from '../server/src/platform/http/actor.ts';
import * as directory from '../server/src/modules/directory/directory.rules-service.ts';
import { createOrganization } from '../server/src/modules/directory/directory.service.ts';

/** The benchmarks' clinic: one location, providers working 08:00–18:00 daily, 30-minute visits. */

export const ZONE = 'America/New_York';
const system = { type: 'system', job: 'bench' } as const satisfies Actor;

export interface Clinic {
  orgId: string;
  locationId: string;
  typeId: string;
  providerIds: string[];
  patientIds: string[];
  appointments: number;
}

export async function seedClinic(
  db: Db,
  opts: { providers: number; appointments: number },
): Promise<Clinic> {
  const orgId = await db.transaction((tx) =>
    createOrganization(tx, {
      slug: 'bench',
      name: 'Bench Clinic',
      isDemo: false,
      locations: [
        {
          name: 'Main',
          timeZone: ZONE,
          addressLine: '',
          city: '',
          region: '',
          postalCode: '',
          country: 'US',
          phone: '',
          inPerson: true,
          telehealth: true,
        },
      ],
    }),
  );
  const { rows: loc } = await db.query<{ id: string }>(
    'select id from locations where organization_id = $1',
    [orgId],
  );
  const locationId = loc[0]!.id;
  const providerIds: string[] = [];
  for (let i = 0; i < opts.providers; i++) {
    const id = await directory.createProvider(system, db, orgId, {
      displayName: `Provider ${i + 1}`,
      locationIds: [locationId],
    });
    providerIds.push(id);
    for (let weekday = 1; weekday <= 7; weekday++) {
      await directory.addWorkingHours(system, db, orgId, {
        providerId: id,
        locationId,
        weekday,
        startTime: '08:00',
        endTime: '18:00',
      });
    }
  }
  const typeId = await directory.createAppointmentType(system, db, orgId, {
    name: 'Visit',
    durationMinutes: 30,
    slotIntervalMinutes: 30,
    horizonDays: 400,
    modalities: ['in_person', 'telehealth'],
    scope: providerIds.map((providerId) => ({ providerId, locationId })),
  });
  await db.query('insert into patients (organization_id) select $1 from generate_series(1, 1000)', [
    orgId,
  ]);
  const { rows: pats } = await db.query<{ id: string }>(
    'select id from patients where organization_id = $1',
    [orgId],
  );
  const patientIds = pats.map((p) => p.id);
  // Existing appointments: 330 days back to 30 days ahead, about 28% of each provider's slots.
  await db.query(
    `insert into appointments (organization_id, appointment_type_id, provider_id, location_id,
       patient_id, modality, status, starts_at, ends_at, during)
     select $1, $2, p, $3, ($4::uuid[])[1 + floor(random() * 1000)::int],
            'in_person', 'booked', t, t + interval '30 min', tstzrange(t, t + interval '30 min')
       from unnest($5::uuid[]) as p,
            generate_series(current_date - 330, current_date + 30, interval '1 day') as d,
            generate_series(0, 19) as k,
            lateral (select ((d::date + time '08:00' + k * interval '30 min') at time zone $6) as t) x
      where random() < 0.2833
      limit $7
     on conflict do nothing`,
    [orgId, typeId, locationId, patientIds, providerIds, ZONE, opts.appointments],
  );
  // Settle the fresh data before measuring: set hint bits and the visibility map now (vacuum),
  // and flush it (a checkpoint, where the role may), so the runs do not pay for it at random.
  await db.exec('vacuum analyze');
  await db.exec('checkpoint').catch(() => undefined);
  const { rows: count } = await db.query<{ n: number }>(
    'select count(*)::int as n from appointments',
  );
  return { orgId, locationId, typeId, providerIds, patientIds, appointments: count[0]!.n };
}

/** Free slots 31 to 399 days ahead, every provider, 08:00–17:30 local, shuffled: "provider|start". */
export async function freeSlots(db: Db, clinic: Clinic): Promise<string[]> {
  const { rows } = await db.query<{ p: string; t: Date }>(
    `select p, ((d::date + time '08:00' + k * interval '30 min') at time zone $2) as t
       from unnest($1::uuid[]) as p,
            generate_series(current_date + 31, current_date + 399, interval '1 day') as d,
            generate_series(0, 19) as k
      order by random()`,
    [clinic.providerIds, ZONE],
  );
  return rows.map((f) => `${f.p}|${f.t.toISOString()}`);
}

/**
 * `n` patients with identities in the vault, stored the way the app stores them (the patients
 * module's import: sealed columns, blind indexes, audit): a name, a birth date and what `more`
 * adds (contact details). The seed's own patients have none.
 */
export async function importPatients(
  h: Hourglass,
  orgId: string,
  n: number,
  more: (i: number) => Partial<Identity>,
): Promise<string[]> {
  const patients = createPatients({ db: h.db, vault: h.vault, audit: createAudit(h.db) });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = await patients.importPatient(system, orgId, {
      legalName: { given: `Given${i}`, family: `Family${i}` },
      dateOfBirth: '1980-01-01',
      sex: 'unknown',
      ...more(i),
    });
    if (id) ids.push(id);
  }
  return ids;
}
