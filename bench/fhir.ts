/**
 * The FHIR shapes of the availability benchmark's 50 providers × 14 days: a Slot search and
 * Argonaut `$find` over the same window and visit type, beside `GET /api/availability` (issue
 * #14: the FHIR shape must cost at most twice the native answer). Both FHIR answers are one page
 * of 1,000 entries (the endpoint's largest `_count`); the engine still computes the whole window
 * for each, as the native answer does.
 */

type Timing = { p50: number; p95: number; bytes: number };

export async function measureFhir(opts: {
  base: string;
  typeId: string;
  from: string;
  /** The last date of the window (inclusive). */
  to: string;
  native: Timing;
  overHttp: (url: string) => Promise<Timing>;
  log: (msg: string) => void;
}): Promise<string> {
  const { base, typeId, from, to, native, overHttp, log } = opts;
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const slot = `${base}/fhir/Slot?service-type=${typeId}&start=ge${from}&start=lt${end}&_count=1000`;
  const find = `${base}/fhir/Appointment/$find?start=${from}&end=${to}&visit-type=${typeId}&_count=1000`;
  log('FHIR: Slot search, 50 providers × 14 days');
  const slots = await overHttp(slot);
  log('FHIR: $find, 50 providers × 14 days');
  const found = await overHttp(find);
  const fmt = (n: number) => n.toFixed(1);
  const worst = Math.max(slots.p95, found.p95) / native.p95;
  const row = (label: string, t: Timing) =>
    `| ${label} | ${t.bytes.toLocaleString('en-US')} | ${fmt(t.p50)} ms | ${fmt(t.p95)} ms | ${(t.p95 / native.p95).toFixed(2)} |`;
  return `## FHIR beside the native answer (50 providers × 14 days, over HTTP, cache off)

| request | answer bytes | HTTP p50 | HTTP p95 | p95 ÷ native p95 |
|---|---|---|---|---|
${row('`GET /api/availability` (native, every slot)', native)}
${row('`GET /fhir/Slot` (first 1,000 Slots)', slots)}
${row('`GET /fhir/Appointment/$find` (first 1,000 proposed)', found)}

The FHIR answers are one page of 1,000 entries (the endpoint's largest \`_count\`) while the native
answer holds every slot of the window; each FHIR request still computes the whole window (the
same engine and statement as the native one) before paging.

Goal: the FHIR shape at most twice the native answer — **${worst <= 2 ? 'met' : 'not met'}** (worst ${worst.toFixed(2)}×).
`;
}
