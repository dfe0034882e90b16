import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  addOrganization,
  Client,
  codeIn,
  goodPassword,
  nextMail,
  registration,
  signIn,
  startIdentityApp,
  type IdentityApp,
  type Org,
  type TestAccount,
} from '../../../test/identity-fixtures.ts';
import { listAuditEvents } from '../audit/audit.store.ts';

let h: IdentityApp;
let org: Org;
let frontDesk: Client;

beforeAll(async () => {
  h = await startIdentityApp();
  org = await addOrganization(h, 'register');
  frontDesk = await signIn(h, await addAccount(h, org, { roles: ['front_desk'] }));
});
afterAll(() => h.close());

/** The audit events about one patient record. */
async function eventsOf(patientId: string) {
  return (await listAuditEvents(h.db)).filter((e) => e.patient_id === patientId);
}

/** Registers, follows the emailed link, signs in with the emailed code: the patient's client. */
async function registerAndSignIn(email: string, over: Record<string, unknown> = {}) {
  const c = new Client(h);
  let before = h.smtp.to(email);
  const res = await c.post('/api/auth/register', registration(org, email, over));
  expect(res.statusCode).toBe(202);
  expect(res.json()).toEqual({ next: 'check-email' });
  const link = await nextMail(h.smtp, email, before);
  const token = /verify-email#token=([A-Za-z0-9_-]{43})/.exec(link.text)![1]!;
  expect((await c.post('/api/auth/verify-email', { token })).statusCode).toBe(204);
  before = h.smtp.to(email);
  const signedIn = await c.post('/api/auth/sign-in', {
    organization: org.slug,
    email,
    password: goodPassword,
  });
  expect(signedIn.json().stage).toBe('mfa');
  const code = codeIn(await nextMail(h.smtp, email, before));
  expect((await c.post('/api/auth/mfa/verify', { code })).statusCode).toBe(200);
  const session = (await c.get('/api/auth/session')).json();
  return { c, patientId: session.account.patientId as string, session };
}

/** A patient the front desk registered (staff registration, with duplicate detection). */
async function registeredByFrontDesk(identity: Record<string, unknown>): Promise<string> {
  const res = await frontDesk.post('/api/patients', identity);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('a patient who registers and verifies their email', () => {
  it('has a record with the identity they gave, which they can read', async () => {
    const email = 'harper.new@example.test';
    const { c, patientId, session } = await registerAndSignIn(email, {
      legalName: { given: 'Harper', family: 'Quillfeather' },
      preferredName: 'Harps',
      language: 'es',
    });
    expect(session.account).toMatchObject({
      kind: 'patient',
      displayName: 'Harps Quillfeather',
      language: 'es',
    });
    const own = await c.get(`/api/patients/${patientId}`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      id: patientId,
      legalName: { given: 'Harper', family: 'Quillfeather' },
      preferredName: 'Harps',
      dateOfBirth: '1984-03-09',
      sex: 'female',
      phone: '+1 555 010 2233',
      email,
    });
  });

  it('cannot read another patient’s record (404, as for a missing one)', async () => {
    const other = await registeredByFrontDesk({
      legalName: { given: 'Other', family: 'Person' },
      dateOfBirth: '1970-01-01',
      sex: 'male',
      email: 'other.person@example.test',
    });
    const { c } = await registerAndSignIn('lone.reader@example.test', {
      legalName: { given: 'Lone', family: 'Reader' },
    });
    expect((await c.get(`/api/patients/${other}`)).statusCode).toBe(404);
  });

  it('is refused with the field named when the identity is incomplete, and nothing is created', async () => {
    const body = registration(org, 'incomplete@example.test');
    delete body.dateOfBirth;
    const res = await new Client(h).post('/api/auth/register', { ...body, sex: 'other' });
    expect(res.statusCode).toBe(400);
    const pointers = res.json().errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/body/dateOfBirth', '/body/sex']));
    expect(h.smtp.to('incomplete@example.test')).toEqual([]);
  });

  it('is refused a birth date in the future, by the patient and by the desk, and nothing is created', async () => {
    const year = new Date().getUTCFullYear() + 1;
    const future = { dateOfBirth: `${year}-01-01` };
    const body = registration(org, 'unborn@example.test', future);
    const res = await new Client(h).post('/api/auth/register', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      expect.objectContaining({
        pointer: '/body/dateOfBirth',
        detail: 'must not be in the future',
      }),
    ]);
    expect(h.smtp.to('unborn@example.test')).toEqual([]);
    const desk = await frontDesk.post('/api/patients', {
      legalName: { given: 'Una', family: 'Born' },
      sex: 'unknown',
      phone: '+1 555 010 9999',
      ...future,
    });
    expect(desk.statusCode).toBe(400);
    expect(desk.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/body/dateOfBirth',
    ]);
  });

  it('carries the caregiver invitation it came from into the verification link, and only a token', async () => {
    const invitation = 'Inv1tat10n_t0ken-AAAAAAAAAAAAAAAAAAAAAAAAAA';
    const email = 'carer.signup@example.test';
    const res = await new Client(h).post('/api/auth/register', {
      ...registration(org, email),
      invitation,
    });
    expect(res.statusCode, res.body).toBe(202);
    const mail = await nextMail(h.smtp, email, []);
    expect(mail.text).toMatch(
      new RegExp(`/verify-email#token=[A-Za-z0-9_-]{43}&invitation=${invitation}\\s`),
    );
    const odd = await new Client(h).post('/api/auth/register', {
      ...registration(org, 'carer.odd@example.test'),
      invitation: 'x&next=https://elsewhere.example',
    });
    expect(odd.statusCode).toBe(400);
    expect(odd.json().errors[0].pointer).toBe('/body/invitation');
    expect(h.smtp.to('carer.odd@example.test')).toEqual([]);
  });
});

describe('linking a registration to the clinic’s existing record', () => {
  it('links when family name, date of birth, email and given name all match and no account has it', async () => {
    const existing = await registeredByFrontDesk({
      legalName: { given: 'Maren', family: 'Olafsdottir' },
      dateOfBirth: '1991-07-22',
      sex: 'female',
      email: 'maren.o@example.test',
      mrn: 'REG-1001',
    });
    const { c, patientId } = await registerAndSignIn('Maren.O@Example.test', {
      legalName: { given: 'maren', family: 'Ólafsdóttir' },
      dateOfBirth: '1991-07-22',
    });
    expect(patientId).toBe(existing);
    // The account now reaches what the clinic had on file (the MRN the front desk entered).
    expect((await c.get(`/api/patients/${patientId}`)).json().mrn).toMatch(/REG-1001|•/);
    expect((await eventsOf(existing)).map((e) => e.action)).toContain('patient.self_link');
  });

  it('makes a new record on a weak match (same phone, another email), naming the possible duplicate', async () => {
    const existing = await registeredByFrontDesk({
      legalName: { given: 'Tobias', family: 'Wren' },
      dateOfBirth: '1960-02-02',
      sex: 'male',
      phone: '+1 555 010 7777',
      email: 'tobias.family@example.test',
    });
    const { patientId } = await registerAndSignIn('tobias.own@example.test', {
      legalName: { given: 'Tobias', family: 'Wren' },
      dateOfBirth: '1960-02-02',
      sex: 'male',
      phone: '+1 555 010 7777',
    });
    expect(patientId).not.toBe(existing);
    const event = (await eventsOf(patientId)).find((e) => e.action === 'patient.self_register')!;
    expect(event.resource_ids).toEqual([existing]);
    expect((await eventsOf(existing)).map((e) => e.action)).not.toContain('patient.self_link');
  });

  it('makes a new record when the given name differs (twins sharing a parent’s email)', async () => {
    const twin = await registeredByFrontDesk({
      legalName: { given: 'Ada', family: 'Twinning' },
      dateOfBirth: '2001-05-05',
      sex: 'female',
      email: 'twins.parent@example.test',
    });
    const { patientId } = await registerAndSignIn('twins.parent@example.test', {
      legalName: { given: 'Ida', family: 'Twinning' },
      dateOfBirth: '2001-05-05',
    });
    expect(patientId).not.toBe(twin);
  });

  it('never attaches a second account to a record an account already has', async () => {
    const record = await registeredByFrontDesk({
      legalName: { given: 'Cleo', family: 'Claimed' },
      dateOfBirth: '1984-03-09',
      sex: 'female',
      email: 'cleo.shared@example.test',
    });
    // An account under another address already acts for the record (as the demo patient does).
    const holder = await addAccount(h, org, { kind: 'patient' });
    await h.db.query('update accounts set patient_id = $1 where id = $2', [
      record,
      holder.account.id,
    ]);
    const { patientId } = await registerAndSignIn('cleo.shared@example.test', {
      legalName: { given: 'Cleo', family: 'Claimed' },
    });
    expect(patientId).not.toBe(record);
    const event = (await eventsOf(patientId)).find((e) => e.action === 'patient.self_register')!;
    expect(event.resource_ids).toEqual([record]);
  });
});

describe('the display name and the pending identity in the database', () => {
  let a: TestAccount;
  beforeAll(async () => {
    a = await addAccount(h, org, { kind: 'patient', displayName: 'Quintessa Vandersloot' });
  });

  it('are not in any account row in the clear', async () => {
    await new Client(h).post(
      '/api/auth/register',
      registration(org, 'pending.canary@example.test', {
        legalName: { given: 'Pendleton', family: 'Zyzzogeton' },
        dateOfBirth: '1933-11-30',
        phone: '+1 555 019 4242',
      }),
    );
    await h.smtp.lastToken('pending.canary@example.test', 'verify-email');
    const { rows } = await h.db.query<Record<string, unknown>>('select * from accounts');
    const dump = rows
      .map((r) =>
        Object.values(r)
          .map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : String(v)))
          .join('|'),
      )
      .join('\n');
    for (const secret of ['Quintessa', 'Vandersloot', 'Zyzzogeton', '1933-11-30', '4242']) {
      expect(dump).not.toContain(secret);
    }
    expect(rows.every((r) => r.legacy_display_name === null)).toBe(true);
  });

  it('is still what the session shows', async () => {
    const c = await signIn(h, a);
    expect((await c.get('/api/auth/session')).json().account.displayName).toBe(
      'Quintessa Vandersloot',
    );
  });
});
