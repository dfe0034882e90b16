import type { APIRequestContext, Page } from 'playwright-core';
import { demo, signInByApi } from './accounts.ts';

/** The demo clinic's ids the tests book with (public directory reads). */
export async function demoDirectory(request: APIRequestContext, url: string) {
  const org = (await (await request.get(`${url}/api/organizations/demo`)).json()) as {
    locations: { id: string; name: string; timeZone: string }[];
  };
  const { providers } = (await (
    await request.get(`${url}/api/organizations/demo/providers`)
  ).json()) as { providers: { id: string; displayName: string }[] };
  const { appointmentTypes } = (await (
    await request.get(`${url}/api/organizations/demo/appointment-types`)
  ).json()) as { appointmentTypes: { id: string; name: string }[] };
  return {
    boston: org.locations.find((l) => l.name === 'Riverside Downtown')!,
    okafor: providers.find((p) => p.displayName === 'Dr. Amara Okafor')!,
    followUp: appointmentTypes.find((t) => t.name === 'Follow-up visit')!,
  };
}

/**
 * The demo patient holds a time through the API, as the portal would: the booking "made
 * meanwhile" that the desk's grid must show without a reload.
 */
export async function patientHolds(request: APIRequestContext, url: string, start: string) {
  await signInByApi(request, url, { ...demo.patient, totpSecret: null });
  const { account } = (await (await request.get(`${url}/api/auth/session`)).json()) as {
    account: { organizationId: string; patientId: string };
  };
  const d = await demoDirectory(request, url);
  const res = await request.post(`${url}/api/appointments`, {
    headers: { origin: url },
    data: {
      organizationId: account.organizationId,
      appointmentTypeId: d.followUp.id,
      providerId: d.okafor.id,
      locationId: d.boston.id,
      patientId: account.patientId,
      start,
      modality: 'in_person',
    },
  });
  if (res.status() !== 201) throw new Error(`hold answered ${res.status()}: ${await res.text()}`);
  return (await res.json()) as { id: string; status: string };
}

/** The schedule's grid cell of a time in a provider's column (day view). */
export async function gridCell(page: Page, time: string, provider: string) {
  const headers = await page.getByRole('columnheader').allInnerTexts();
  const column = headers.indexOf(provider);
  if (column < 0) throw new Error(`no column for ${provider}: ${headers.join(', ')}`);
  return page
    .getByRole('row', { name: new RegExp(`^${time.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) })
    .getByRole('gridcell')
    .nth(column);
}

/** Picks an option of one of the console's selects (a React Aria Select). */
export async function choose(page: Page, label: string | RegExp, option: string) {
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}
