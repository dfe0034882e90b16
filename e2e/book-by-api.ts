import type { APIRequestContext, Browser } from 'playwright-core';
import { expect } from 'vitest';
import { demo, signInByApi } from './accounts.ts';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The front desk books a follow-up visit for the demo patient through the API: the first time
 * `daysAhead` days from now or later (within a week), with `provider` when given. Past the
 * demo clinic's seeded week (21 days or more), it is the only visit of its period.
 */
export async function deskBooksForDemoPatient(
  browser: Browser,
  url: string,
  opts: {
    daysAhead: number;
    provider?: string;
    /** How the front desk signs in (a clinic day's server keeps its own time). */
    signIn?: (request: APIRequestContext, account: typeof demo.front_desk) => Promise<void>;
  },
): Promise<{ start: string }> {
  const headers = { origin: url };
  const desk = await browser.newContext();
  await (opts.signIn ?? ((r, a) => signInByApi(r, url, a)))(desk.request, demo.front_desk);
  const session = (await (await desk.request.get(`${url}/api/auth/session`)).json()) as {
    account: { organizationId: string };
  };
  // The demo patient account's record (Demo Patient-Alvarez), found as the desk finds anyone.
  const found = await desk.request.post(`${url}/api/patients/lookup`, {
    headers,
    data: { mrn: 'DEMO-0001' },
  });
  const patientId = ((await found.json()) as { patients: { id: string }[] }).patients[0]!.id;
  const { appointmentTypes } = (await (
    await desk.request.get(`${url}/api/organizations/demo/appointment-types`)
  ).json()) as { appointmentTypes: { id: string; name: string }[] };
  const followUp = appointmentTypes.find((t) => t.name === 'Follow-up visit')!;
  const { providers } = (await (
    await desk.request.get(`${url}/api/organizations/demo/providers`)
  ).json()) as { providers: { id: string; displayName: string }[] };
  const providerId = opts.provider
    ? providers.find((p) => p.displayName.includes(opts.provider!))!.id
    : undefined;
  const now = Date.now();
  const query = new URLSearchParams({
    organization: 'demo',
    appointmentTypeId: followUp.id,
    from: isoDay(new Date(now + opts.daysAhead * 86_400_000)),
    to: isoDay(new Date(now + (opts.daysAhead + 7) * 86_400_000)),
    zone: 'UTC',
  });
  const { slots } = (await (await desk.request.get(`${url}/api/availability?${query}`)).json()) as {
    slots: { start: string; providerId: string; locationId: string }[];
  };
  const slot = slots.find((s) => !providerId || s.providerId === providerId)!;
  const booked = await desk.request.post(`${url}/api/appointments`, {
    headers,
    data: {
      organizationId: session.account.organizationId,
      appointmentTypeId: followUp.id,
      providerId: slot.providerId,
      locationId: slot.locationId,
      patientId,
      start: slot.start,
      modality: 'in_person',
      confirm: true,
    },
  });
  expect(booked.status()).toBe(201);
  await desk.close();
  return { start: slot.start };
}
