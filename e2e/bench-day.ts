import type { APIRequestContext } from 'playwright-core';
import { demo } from './accounts.ts';
import { signInByApiAtClinic, type ClinicDay } from './clinic-day.ts';
import { demoDirectory } from './desk-support.ts';

/**
 * The bench's clinic on the demo server, through the API: 50 providers at Riverside Downtown
 * working 08:00–18:00 on the day after the clinic day, a 30-minute type, and about 28 % of the
 * day booked (the bench's week holds 1,942 appointments at 50 providers: ~280 a day).
 */
export const PROVIDERS = 50;

async function post(request: APIRequestContext, url: string, path: string, data: unknown) {
  const res = await request.post(url + path, {
    headers: { origin: url },
    data,
  });
  if (res.status() >= 300) throw new Error(`${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

/** The day after the clinic day (all of it ahead), its ISO weekday, and an instant on it. */
function nextDay(day: ClinicDay) {
  const [y, m, d] = day.date.split('-').map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
  // The clinic day's 10:20 in Boston plus a day, then whole minutes from 10:20.
  const at = (minuteOfDay: number) =>
    new Date(day.start.getTime() + 86_400_000 + (minuteOfDay - 620) * 60_000).toISOString();
  return { date, weekday: 4, at };
}

export async function seedBenchDay(
  url: string,
  day: ClinicDay,
  request: APIRequestContext,
  desk: APIRequestContext,
) {
  await signInByApiAtClinic(request, url, day, demo.manager);
  await signInByApiAtClinic(desk, url, day, demo.front_desk);
  const d = await demoDirectory(request, url);
  const { date, weekday, at } = nextDay(day);
  const created = await Promise.all(
    Array.from({ length: PROVIDERS - 2 }, (_, i) =>
      post(request, url, '/api/organizations/demo/providers', {
        displayName: `Provider ${String(i + 1).padStart(2, '0')}`,
        locationIds: [d.boston.id],
      }),
    ),
  );
  const { providers } = (await (
    await request.get(`${url}/api/organizations/demo/providers`)
  ).json()) as { providers: { id: string; locationIds: string[] }[] };
  const here = providers.filter((p) => p.locationIds.includes(d.boston.id)).map((p) => p.id);
  if (here.length !== PROVIDERS) throw new Error(`${here.length} providers at the location`);
  for (const p of created) {
    await post(request, url, '/api/organizations/demo/working-hours', {
      providerId: p.id,
      locationId: d.boston.id,
      weekday,
      startTime: '08:00',
      endTime: '18:00',
    });
  }
  const type = await post(request, url, '/api/organizations/demo/appointment-types', {
    name: 'Bench visit',
    durationMinutes: 30,
    slotIntervalMinutes: 30,
    minNoticeMinutes: 0,
    horizonDays: 60,
    modalities: ['in_person'],
    scope: here.map((providerId) => ({ providerId, locationId: d.boston.id })),
  });
  const patients = (
    (await (
      await desk.post(`${url}/api/patients/search`, {
        headers: { origin: url },
        data: { mrn: 'DEMO-0001' },
      })
    ).json()) as { results: { patient: { id: string } }[] }
  ).results.map((r) => r.patient.id);
  const { account } = (await (await desk.get(`${url}/api/auth/session`)).json()) as {
    account: { organizationId: string };
  };
  // Two slots in seven, staggered by provider: 08:00–18:00 is 20 half-hours.
  const work: { providerId: string; start: string }[] = [];
  here.forEach((providerId, i) => {
    for (let j = 0; j < 20; j++) {
      if ((i + j) % 7 < 2) work.push({ providerId, start: at(8 * 60 + j * 30) });
    }
  });
  for (let k = 0; k < work.length; k += 8) {
    await Promise.all(
      work.slice(k, k + 8).map((w) =>
        post(desk, url, '/api/appointments', {
          organizationId: account.organizationId,
          appointmentTypeId: type.id,
          providerId: w.providerId,
          locationId: d.boston.id,
          patientId: patients[0],
          start: w.start,
          modality: 'in_person',
          confirm: true,
        }).catch(() => null),
      ),
    );
  }
  return { date, locationId: d.boston.id };
}
