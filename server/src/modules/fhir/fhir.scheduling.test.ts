import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openConsoleClinic,
  registerPatient,
  type ConsoleClinic,
} from '../../../test/console-clinic.ts';
import { expectValidFhir } from '../../../test/fhir-validate.ts';
import {
  addAccount,
  Client,
  signIn,
  startIdentityApp,
  type IdentityApp,
  type TestAccount,
} from '../../../test/identity-fixtures.ts';
import { listAuditEvents } from '../audit/audit.store.ts';

let h: IdentityApp;
let c: ConsoleClinic;
let patient: TestAccount;
let other: TestAccount;

beforeAll(async () => {
  h = await startIdentityApp();
  c = await openConsoleClinic(h, 'argonaut');
  patient = await addAccount(h, c.org, { kind: 'patient' });
  other = await addAccount(h, c.org, { kind: 'patient' });
}, 120_000);
afterAll(() => h.close());

interface Appointment {
  resourceType: 'Appointment';
  id: string;
  status: string;
  start: string;
  extension?: { url: string; valueInstant?: string }[];
  participant: { actor: { reference: string } }[];
}
interface Bundle {
  resourceType: 'Bundle';
  total: number;
  entry?: {
    resource: Appointment & { issue?: { details: { coding: { code: string }[] } }[] };
    search: { mode: string };
  }[];
}

/** Two to four days from the test clock's today: inside hours and the booking horizon. */
function window() {
  const day = (n: number) =>
    new Date(h.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);
  return { start: day(2), end: day(4) };
}

async function find(client: Client = new Client(h)): Promise<Bundle> {
  const { start, end } = window();
  const res = await client.get(
    `/fhir/Appointment/$find?start=${start}&end=${end}&visit-type=${c.typeId}&practitioner=Practitioner/${c.providerIds[0]}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const parameters = (...parameter: object[]) => ({ resourceType: 'Parameters', parameter });
const fhirPost = (
  client: Client,
  url: string,
  body: object,
  headers: Record<string, string> = {},
) => client.request('POST', url, body, { 'content-type': 'application/fhir+json', ...headers });

describe('Argonaut scheduling: $find, $hold, $book', () => {
  it('$find proposes valid Appointments at free times, first practitioner preferred, no PHI needed', async () => {
    const bundle = await find();
    expectValidFhir(bundle);
    expect(bundle.total).toBeGreaterThan(3);
    for (const e of bundle.entry!) {
      expect(e.resource.status).toBe('proposed');
      expect(e.resource.participant.map((p) => p.actor.reference)).toContain(
        `Practitioner/${c.providerIds[0]}`,
      );
    }
    // POSTed Parameters ask the same question and get the same answer.
    const { start, end } = window();
    const posted = await fhirPost(
      new Client(h),
      '/fhir/Appointment/$find',
      parameters(
        { name: 'start', valueDate: start },
        { name: 'end', valueDate: end },
        { name: 'visit-type', valueString: c.typeId },
        { name: 'practitioner', valueReference: { reference: `Practitioner/${c.providerIds[0]}` } },
      ),
    );
    expect(posted.statusCode, posted.body).toBe(200);
    expect(posted.json().entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual(
      bundle.entry!.map((e) => e.resource.id),
    );
  });

  it('a patient holds a proposed time (pending, with its expiry), books it, and the time is gone', async () => {
    const proposed = (await find()).entry![0]!.resource;
    const me = await signIn(h, patient);
    const held = await fhirPost(
      me,
      '/fhir/Appointment/$hold',
      parameters({ name: 'appt-resource', resource: proposed }),
    );
    expect(held.statusCode, held.body).toBe(200);
    expectValidFhir(held.json());
    const pending = (held.json() as Bundle).entry![0]!.resource;
    expect(pending.status).toBe('pending');
    expect(pending.start).toBe(proposed.start);
    expect(pending.participant.map((p) => p.actor.reference)).toContain(
      `Patient/${patient.account.patient_id}`,
    );
    expect(
      pending.extension?.find((x) => x.url.endsWith('hold-expires'))?.valueInstant,
    ).toBeTruthy();

    const book = () =>
      fhirPost(
        me,
        '/fhir/Appointment/$book',
        parameters({ name: 'appt-id', valueString: `Appointment/${pending.id}` }),
      );
    const booked = await book();
    expect(booked.statusCode, booked.body).toBe(200);
    expectValidFhir(booked.json());
    expect((booked.json() as Bundle).entry![0]!.resource).toMatchObject({
      id: pending.id,
      status: 'booked',
    });
    // A retried $book answers the same booking.
    const again = await book();
    expect(again.statusCode).toBe(200);
    expect((again.json() as Bundle).entry![0]!.resource).toMatchObject({
      id: pending.id,
      status: 'booked',
    });

    expect((await find()).entry!.map((e) => e.resource.start)).not.toContain(proposed.start);
    const read = await me.get(`/fhir/Appointment/${pending.id}`);
    expect(read.statusCode).toBe(200);
    expectValidFhir(read.json());
    const events = await listAuditEvents(h.db, { requestId: String(read.headers['x-request-id']) });
    expect(events.map((e) => e.action)).toEqual(['fhir.appointment.read']);
  });

  it('a time someone else took comes back cancelled, with why and the nearest free times', async () => {
    const proposed = (await find()).entry![0]!.resource;
    const first = await signIn(h, patient);
    expect(
      (
        await fhirPost(
          first,
          '/fhir/Appointment/$hold',
          parameters({ name: 'appt-resource', resource: proposed }),
        )
      ).statusCode,
    ).toBe(200);
    const second = await signIn(h, other);
    const res = await fhirPost(
      second,
      '/fhir/Appointment/$hold',
      parameters({ name: 'appt-resource', resource: proposed }),
    );
    expect(res.statusCode).toBe(200);
    const bundle: Bundle = res.json();
    expectValidFhir(bundle);
    expect(bundle.entry![0]!.resource.status).toBe('cancelled');
    const outcome = bundle.entry!.find((e) => e.search.mode === 'outcome')!.resource;
    expect(outcome.issue![0]!.details.coding[0]!.code).toBe('slot-taken');
    const alternatives = bundle.entry!.filter((e) => e.search.mode === 'include');
    expect(alternatives.length).toBeGreaterThan(0);
    for (const a of alternatives) expect(a.resource.status).toBe('proposed');
  });

  it('the front desk books a proposed time for a patient outright; a retry with the same key books once', async () => {
    const desk = await signIn(h, c.desk);
    const patientId = await registerPatient(desk, 'Ada', 'Argonaut');
    const proposed = (await find()).entry![1]!.resource;
    const forPatient = {
      ...proposed,
      participant: [
        ...proposed.participant,
        { actor: { reference: `Patient/${patientId}` }, status: 'needs-action' },
      ],
    };
    const send = () =>
      fhirPost(
        desk,
        '/fhir/Appointment/$book',
        parameters({ name: 'appt-resource', resource: forPatient }),
        {
          'idempotency-key': 'argonaut-desk-1',
        },
      );
    const first = await send();
    expect(first.statusCode, first.body).toBe(200);
    const booked = (first.json() as Bundle).entry![0]!.resource;
    expect(booked.status).toBe('booked');
    const retry = await send();
    expect((retry.json() as Bundle).entry![0]!.resource.id).toBe(booked.id);
  });
});

describe('Appointment cancel by PUT', () => {
  it('a patient cancels with If-Match, the time is free again, and a stale or other change is refused', async () => {
    const proposed = (await find()).entry![5]!.resource;
    const me = await signIn(h, patient);
    const booked = await fhirPost(
      me,
      '/fhir/Appointment/$book',
      parameters({ name: 'appt-resource', resource: proposed }),
    );
    const id = (booked.json() as Bundle).entry![0]!.resource.id;
    const read = await me.get(`/fhir/Appointment/${id}`);
    const etag = String(read.headers.etag);
    const put = (body: object, headers: Record<string, string>) =>
      me.request('PUT', `/fhir/Appointment/${id}`, body, {
        'content-type': 'application/fhir+json',
        ...headers,
      });
    const moved = {
      ...read.json(),
      status: 'cancelled',
      start: new Date(Date.parse(proposed.start) + 3_600_000).toISOString(),
    };
    expect((await put(moved, { 'if-match': etag })).statusCode).toBe(400);
    expect((await put({ ...read.json(), status: 'cancelled' }, {})).statusCode).toBe(400);
    const cancel = {
      ...read.json(),
      status: 'cancelled',
      cancelationReason: { coding: [{ code: 'pat' }] },
    };
    expect((await put(cancel, { 'if-match': 'W/"999"' })).statusCode).toBe(412);
    const res = await put(cancel, { 'if-match': etag });
    expect(res.statusCode, res.body).toBe(200);
    expectValidFhir(res.json());
    expect(res.json().status).toBe('cancelled');
    const events = await listAuditEvents(h.db, { requestId: String(res.headers['x-request-id']) });
    expect(events.length).toBeGreaterThan(0);
    expect((await find()).entry!.map((e) => e.resource.id)).toContain(proposed.id);
  });
});

describe('Appointment cancel by PATCH', () => {
  it('a patient cancels by JSON Patch, tests are checked, anything but a cancel is refused', async () => {
    const proposed = (await find()).entry![6]!.resource;
    // An account of its own: sign-in codes are rate limited per account.
    const me = await signIn(h, await addAccount(h, c.org, { kind: 'patient' }));
    const booked = await fhirPost(
      me,
      '/fhir/Appointment/$book',
      parameters({ name: 'appt-resource', resource: proposed }),
    );
    const id = (booked.json() as Bundle).entry![0]!.resource.id;
    const patch = (body: unknown, headers: Record<string, string> = {}) =>
      me.request('PATCH', `/fhir/Appointment/${id}`, body, {
        'content-type': 'application/json-patch+json',
        ...headers,
      });
    const cancel = { op: 'replace', path: '/status', value: 'cancelled' };
    const later = new Date(Date.parse(proposed.start) + 3_600_000).toISOString();
    const refused = [
      [{ op: 'replace', path: '/start', value: later }],
      [{ op: 'replace', path: '/status', value: 'arrived' }],
      [{ op: 'test', path: '/status', value: 'pending' }, cancel],
      [cancel, { op: 'add', path: '/cancelationReason', value: { coding: [{ code: 'nope' }] } }],
      [{ op: 'remove', path: '/participant/0' }],
      { op: 'replace', path: '/status', value: 'cancelled' },
    ];
    for (const body of refused) {
      const res = await patch(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().resourceType).toBe('OperationOutcome');
    }
    expect((await me.get(`/fhir/Appointment/${id}`)).json().status).toBe('booked');
    expect((await patch([cancel], { 'if-match': 'W/"999"' })).statusCode).toBe(412);
    const res = await patch([
      { op: 'test', path: '/status', value: 'booked' },
      cancel,
      { op: 'add', path: '/cancelationReason', value: { coding: [{ code: 'pat' }] } },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expectValidFhir(res.json());
    expect(res.json().status).toBe('cancelled');
    expect(res.headers.etag).toBe(`W/"${res.json().meta.versionId}"`);
    const events = await listAuditEvents(h.db, { requestId: String(res.headers['x-request-id']) });
    expect(events.map((e) => e.action)).toContain('booking.cancelled');
    expect((await find()).entry!.map((e) => e.resource.id)).toContain(proposed.id);
  });
});

describe('the right-of-access export as FHIR', () => {
  it('GET /api/me/record with Accept: application/fhir+json is a valid Bundle of the patient’s record', async () => {
    const proposed = (await find()).entry![7]!.resource;
    // A patient whose record has an identity (registered by a desk of their own).
    const desk = await signIn(h, await addAccount(h, c.org, { roles: ['front_desk'] }));
    const patientId = await registerPatient(desk, 'Rae', 'Record');
    const me = await signIn(h, await addAccount(h, c.org, { kind: 'patient', patientId }));
    const booked = await fhirPost(
      me,
      '/fhir/Appointment/$book',
      parameters({ name: 'appt-resource', resource: proposed }),
    );
    const id = (booked.json() as Bundle).entry![0]!.resource.id;
    const res = await me.request('GET', '/api/me/record', undefined, {
      accept: 'application/fhir+json',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const bundle = res.json();
    expectValidFhir(bundle);
    expect(bundle.type).toBe('collection');
    const patient = bundle.entry[0].resource;
    expect(patient.resourceType).toBe('Patient');
    const appointment = bundle.entry.find(
      (e: { resource: { id: string } }) => e.resource.id === id,
    ).resource;
    expect(appointment.status).toBe('booked');
    expect(appointment.participant[0].actor.reference).toBe(`Patient/${patient.id}`);
    expect(appointment.extension.length).toBeGreaterThan(0);
    // Without the header, the JSON export as before.
    const json = await me.get('/api/me/record');
    expect(json.json().format).toBe('hourglass-patient-record/1');
  });
});

describe('Appointment search', () => {
  it('a patient finds their own appointments, by GET or by a form POST, and no one else’s', async () => {
    const proposed = (await find()).entry![4]!.resource;
    const me = await signIn(h, patient);
    const held = await fhirPost(
      me,
      '/fhir/Appointment/$book',
      parameters({ name: 'appt-resource', resource: proposed }),
    );
    const id = (held.json() as Bundle).entry![0]!.resource.id;
    const res = await me.get('/fhir/Appointment?status=booked');
    expect(res.statusCode, res.body).toBe(200);
    const bundle: Bundle = res.json();
    expectValidFhir(bundle);
    expect(bundle.entry!.map((e) => e.resource.id)).toContain(id);
    for (const e of bundle.entry!) {
      expect(e.resource.participant[0]!.actor.reference).toBe(
        `Patient/${patient.account.patient_id}`,
      );
    }
    const posted = await me.request(
      'POST',
      '/fhir/Appointment/_search',
      `date=ge${proposed.start.slice(0, 10)}&status=booked`,
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(posted.statusCode, posted.body).toBe(200);
    expect(posted.json().entry.map((e: { resource: { id: string } }) => e.resource.id)).toContain(
      id,
    );
    const events = await listAuditEvents(h.db, {
      requestId: String(posted.headers['x-request-id']),
    });
    expect(events.map((e) => e.action)).toEqual(['fhir.appointment.search']);
    // Lenient handling: an unsupported parameter in the body is dropped and reported, the rest
    // searched; the audit names the matches only.
    const lenient = await me.request(
      'POST',
      '/fhir/Appointment/_search',
      `date=ge${proposed.start.slice(0, 10)}&status=booked&_revinclude=Encounter:appointment`,
      { 'content-type': 'application/x-www-form-urlencoded', prefer: 'handling=lenient' },
    );
    expect(lenient.statusCode, lenient.body).toBe(200);
    expectValidFhir(lenient.json());
    const entries = lenient.json().entry as {
      resource: { id: string };
      search: { mode: string };
    }[];
    expect(entries.filter((e) => e.search.mode === 'match').map((e) => e.resource.id)).toEqual(
      posted.json().entry.map((e: { resource: { id: string } }) => e.resource.id),
    );
    expect(entries.at(-1)!.search.mode).toBe('outcome');
    const [lenientEvent] = await listAuditEvents(h.db, {
      requestId: String(lenient.headers['x-request-id']),
    });
    expect(lenientEvent!.resource_ids).not.toContain(entries.at(-1)!.resource.id);
    const strict = await me.request(
      'POST',
      '/fhir/Appointment/_search',
      `status=booked&_revinclude=Encounter:appointment`,
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(strict.statusCode).toBe(400);
    // Naming another patient finds nothing.
    const theirs = await me.get(`/fhir/Appointment?patient=Patient/${other.account.patient_id}`);
    expect(theirs.json().total).toBe(0);
    // Staff search one patient at a time, within their scope.
    const ofPatient = `/fhir/Appointment?patient=Patient/${patient.account.patient_id}&status=booked`;
    const idsFor = async (account: typeof patient) => {
      const r = await (await signIn(h, account)).get(ofPatient);
      expect(r.statusCode, r.body).toBe(200);
      return (r.json() as Bundle).entry?.map((e) => e.resource.id) ?? [];
    };
    expect(await idsFor(c.desk)).toContain(id);
    expect(await idsFor(c.clinician)).toContain(id);
    expect(await idsFor(c.otherClinician)).toEqual([]);
    expect(await idsFor(c.annexDesk)).toEqual([]);
    expect((await (await signIn(h, c.desk)).get('/fhir/Appointment')).statusCode).toBe(400);
    expect((await (await signIn(h, c.officer)).get(ofPatient)).statusCode).toBe(403);
  });
});

describe('Appointment access and bad input', () => {
  it('another patient, and anyone signed out, cannot read the appointment', async () => {
    const proposed = (await find()).entry![2]!.resource;
    const me = await signIn(h, patient);
    const held = await fhirPost(
      me,
      '/fhir/Appointment/$hold',
      parameters({ name: 'appt-resource', resource: proposed }),
    );
    const id = (held.json() as Bundle).entry![0]!.resource.id;
    const theirs = await (await signIn(h, other)).get(`/fhir/Appointment/${id}`);
    const missing = await (await signIn(h, other)).get(`/fhir/Appointment/${crypto.randomUUID()}`);
    expect(theirs.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(theirs.json().resourceType).toBe('OperationOutcome');
    const anonymous = await new Client(h).get(`/fhir/Appointment/${id}`);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().issue[0].code).toBe('login');
    const signedOut = await fhirPost(
      new Client(h),
      '/fhir/Appointment/$hold',
      parameters({ name: 'appt-resource', resource: proposed }),
    );
    expect(signedOut.statusCode).toBe(401);
  });

  it.each([
    ['no appt-resource', parameters()],
    ['an unknown parameter', parameters({ name: 'colour', valueString: 'blue' })],
    ['not Parameters', { resourceType: 'Appointment' }],
    [
      'an appointment of no visit type',
      parameters({
        name: 'appt-resource',
        resource: { resourceType: 'Appointment', status: 'proposed', participant: [] },
      }),
    ],
  ])('$hold with %s is a 400 OperationOutcome and holds nothing', async (_, body) => {
    const me = await signIn(h, patient);
    const before = await h.db.query('select count(*)::int as n from appointments');
    const res = await fhirPost(me, '/fhir/Appointment/$hold', body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().resourceType).toBe('OperationOutcome');
    expect((await h.db.query('select count(*)::int as n from appointments')).rows).toEqual(
      before.rows,
    );
  });

  it('$book refuses a comment (it could carry health information) and changes nothing', async () => {
    const proposed = (await find()).entry![3]!.resource;
    const me = await signIn(h, patient);
    const res = await fhirPost(
      me,
      '/fhir/Appointment/$book',
      parameters(
        { name: 'appt-resource', resource: proposed },
        { name: 'comment', valueString: 'chest pain' },
      ),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('chest pain');
    expect((await find()).entry!.map((e) => e.resource.start)).toContain(proposed.start);
  });

  it('$book with cancelled-appt-id moves a booking: new time booked, the old one cancelled and free again', async () => {
    const entries = (await find()).entry!;
    const first = entries[8]!.resource;
    const second = entries[12]!.resource;
    const me = await signIn(h, await addAccount(h, c.org, { kind: 'patient' }));
    const book = (...p: Parameters<typeof parameters>) =>
      fhirPost(me, '/fhir/Appointment/$book', parameters(...p));
    const booked = await book({ name: 'appt-resource', resource: first });
    expect(booked.statusCode, booked.body).toBe(200);
    const old = (booked.json() as Bundle).entry![0]!.resource;
    expect(old.status).toBe('booked');
    const moved = await book(
      { name: 'appt-resource', resource: second },
      { name: 'cancelled-appt-id', valueString: `Appointment/${old.id}` },
    );
    expect(moved.statusCode, moved.body).toBe(200);
    expectValidFhir(moved.json());
    const now = (moved.json() as Bundle).entry![0]!.resource;
    expect(now).toMatchObject({ status: 'booked', start: second.start });
    expect(now.id).not.toBe(old.id);
    const before = await me.get(`/fhir/Appointment/${old.id}`);
    expect(before.json().status).toBe('cancelled');
    // The old time is free again; the new one is taken (the type's buffers keep them apart).
    const after = (await find()).entry!.map((e) => e.resource.start);
    expect(after).toContain(first.start);
    expect(after).not.toContain(second.start);
    // Without a time to move to, nothing changes.
    const bad = await book(
      { name: 'appt-id', valueString: `Appointment/${now.id}` },
      { name: 'cancelled-appt-id', valueString: `Appointment/${now.id}` },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().resourceType).toBe('OperationOutcome');
    expect((await me.get(`/fhir/Appointment/${now.id}`)).json().status).toBe('booked');
  });

  it('$find narrows by organization and location-string; a place or organization not served finds nothing', async () => {
    const { start, end } = window();
    const anon = new Client(h);
    const count = async (extra: string) => {
      const res = await anon.get(
        `/fhir/Appointment/$find?start=${start}&end=${end}&visit-type=${c.typeId}${extra}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as Bundle).entry?.length ?? 0;
    };
    expect(await count(`&organization=Organization/${c.org.id}`)).toBeGreaterThan(0);
    expect(await count(`&organization=Organization/${crypto.randomUUID()}`)).toBe(0);
    expect(await count('&location-string=Nowhere%20Town')).toBe(0);
  });

  it('$find needs start and end, and refuses a window over 31 days', async () => {
    const anon = new Client(h);
    expect((await anon.get('/fhir/Appointment/$find?start=2030-01-01')).statusCode).toBe(400);
    expect(
      (await anon.get('/fhir/Appointment/$find?start=2030-01-01&end=2030-03-01')).statusCode,
    ).toBe(400);
    expect(
      (await anon.get('/fhir/Appointment/$find?start=2030-01-05&end=2030-01-01')).statusCode,
    ).toBe(400);
  });
});
