import type { APIRequestContext, Locator, Page } from 'playwright-core';

/**
 * Booking through the API for tests that start from a patient who already has visits (the
 * booking flow's own pages are tested elsewhere): the demo clinic's ids, open times, a hold
 * and its confirmation, each as the signed-in `request` context.
 */
export function visitsApi(request: APIRequestContext, url: string) {
  const headers = { origin: url };
  const json = async <T>(res: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> => {
    if (!res.ok()) throw new Error(`${res.url()} answered ${res.status()}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    async clinic() {
      const session = await json<{ account: { organizationId: string; patientId: string } }>(
        await request.get(`${url}/api/auth/session`),
      );
      const org = await json<{ locations: { id: string; name: string; timeZone: string }[] }>(
        await request.get(`${url}/api/organizations/demo`),
      );
      const { providers } = await json<{
        providers: { id: string; displayName: string; locationIds: string[] }[];
      }>(await request.get(`${url}/api/organizations/demo/providers`));
      const { appointmentTypes } = await json<{ appointmentTypes: { id: string; name: string }[] }>(
        await request.get(`${url}/api/organizations/demo/appointment-types`),
      );
      const location = (zone: string) => org.locations.find((l) => l.timeZone === zone)!;
      const provider = (name: string) => providers.find((p) => p.displayName.includes(name))!;
      const type = (name: string) => appointmentTypes.find((t) => t.name === name)!;
      return { ...session.account, location, provider, type };
    },

    /** Open start instants (ms) for one provider and place, over local dates `from`..`to`. */
    async openTimes(q: {
      appointmentTypeId: string;
      providerId: string;
      locationId: string;
      modality: 'in_person' | 'telehealth';
      from: string;
      to: string;
      zone: string;
    }): Promise<number[]> {
      const params = new URLSearchParams({
        organization: 'demo',
        appointmentTypeId: q.appointmentTypeId,
        providers: q.providerId,
        locations: q.locationId,
        modality: q.modality,
        from: q.from,
        to: q.to,
        zone: q.zone,
      });
      const a = await json<{ start: string; groups: { starts: number[] }[] }>(
        await request.get(`${url}/api/availability/compact?${params}`),
      );
      const base = Date.parse(a.start);
      return [...new Set(a.groups.flatMap((g) => g.starts))]
        .sort((x, y) => x - y)
        .map((m) => base + m * 60_000);
    },

    async hold(body: {
      organizationId: string;
      patientId: string;
      appointmentTypeId: string;
      providerId: string;
      locationId: string;
      modality: 'in_person' | 'telehealth';
      start: number;
    }): Promise<string> {
      const res = await request.post(`${url}/api/appointments`, {
        headers,
        data: {
          organizationId: body.organizationId,
          patientId: body.patientId,
          appointmentTypeId: body.appointmentTypeId,
          providerId: body.providerId,
          locationId: body.locationId,
          modality: body.modality,
          start: new Date(body.start).toISOString(),
        },
      });
      return (await json<{ id: string }>(res)).id;
    },

    async confirm(id: string) {
      await json(await request.post(`${url}/api/appointments/${id}/confirm`, { headers }));
    },

    /**
     * The signed-in patient's confirmed follow-up with Dr. Okafor in Boston, at the first open
     * time 6 to 9 days out (well past every cut-off and lead): its id.
     */
    async bookWeekOut(): Promise<string> {
      const c = await this.clinic();
      const boston = c.location('America/New_York');
      const query = {
        appointmentTypeId: c.type('Follow-up visit').id,
        providerId: c.provider('Okafor').id,
        locationId: boston.id,
        modality: 'in_person' as const,
        zone: boston.timeZone,
      };
      const times = await this.openTimes({
        ...query,
        from: localDate(boston.timeZone, 6),
        to: localDate(boston.timeZone, 9),
      });
      const id = await this.hold({
        ...query,
        organizationId: c.organizationId,
        patientId: c.patientId,
        start: times[0]!,
      });
      await this.confirm(id);
      return id;
    },
  };
}

/** A local date in a zone, `days` after today there (YYYY-MM-DD). */
export function localDate(zone: string, days = 0, from = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(
    new Date(from + days * 86_400_000),
  );
}

/** What would identify the demo patient: none of it may show up in URLs, storage or the console. */
export const demoPatientPhi = [
  'patient@demo.hourglass.invalid',
  'Pat Patient',
  'Patient-Alvarez',
  '1986-04-12',
  '555 0101',
  '5550101',
  'demo.alvarez@example.org',
];

/**
 * My appointments' "Change time" on `card`: in the dialog, the second time of the fourth day that
 * has times (well before the cut-off), moved to. `checked` runs with the dialog open (axe).
 * Returns the chosen time's label, once the page has said the move is done.
 */
export async function moveToAnotherTime(
  page: Page,
  card: Locator,
  checked: () => Promise<void> = async () => undefined,
): Promise<string> {
  await card.getByRole('button', { name: 'Change time' }).click();
  const move = page.getByRole('dialog', { name: 'Choose a new time' });
  await move.getByRole('radiogroup', { name: /^Time/ }).waitFor();
  await checked();
  await move.getByRole('button', { name: /Day/ }).click();
  await page.getByRole('option').nth(3).click();
  const choice = move.getByRole('radio').nth(1);
  const chosenLabel = (await choice.locator('..').textContent())!.trim();
  await choice.check({ force: true });
  await move.getByRole('button', { name: 'Move my visit' }).click();
  await page
    .getByRole('status')
    .getByText(/The old time was released/)
    .waitFor();
  return chosenLabel;
}
