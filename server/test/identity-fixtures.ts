import type { LightMyRequestResponse } from 'fastify';
import type { BuildOptions, Hourglass } from '../src/app.ts';
import { createOrganization } from '../src/modules/directory/directory.service.ts';
import { createAccount } from '../src/modules/identity/identity.accounts.ts';
import { sessionCookieName } from '../src/modules/identity/identity.cookie.ts';
import type { AccountRow } from '../src/modules/identity/identity.store.ts';
import { insertBarePatient } from '../src/modules/patients/patients.published.ts';
import { newTotpSecret, totpCode } from '../src/modules/identity/identity.totp.ts';
import { createTestClock, type TestClock } from '../src/platform/time/clock.ts';
import { startTestApp, type TestApp } from './harness.ts';
import { startTestSmtp, type ReceivedMail, type TestSmtp } from './smtp.ts';

export const goodPassword = 'violet-kettle-harbor-42';

export interface Org {
  id: string;
  slug: string;
  locationId: string;
}

/** An organization with one location and one provider. */
export async function addOrganization(h: Hourglass, slug: string, name = `${slug} clinic`) {
  const id = await h.db.transaction((tx) =>
    createOrganization(tx, {
      slug,
      name,
      isDemo: false,
      locations: [
        {
          name: 'Main',
          timeZone: 'America/Chicago',
          addressLine: '',
          city: '',
          region: '',
          postalCode: '',
          country: 'US',
          phone: '',
          inPerson: true,
          telehealth: false,
        },
      ],
    }),
  );
  const { rows } = await h.db.query<{ id: string }>(
    'select id::text from locations where organization_id = $1',
    [id],
  );
  return { id, slug, locationId: rows[0]!.id } satisfies Org;
}

export async function addProvider(h: Hourglass, org: Org, displayName = 'Dr. Example') {
  const { rows } = await h.db.query<{ id: string }>(
    'insert into providers (organization_id, display_name) values ($1, $2) returning id::text',
    [org.id, displayName],
  );
  return rows[0]!.id;
}

export interface TestAccount {
  org: Org;
  account: AccountRow;
  email: string;
  password: string;
  totpSecret: string | null;
}

/** An active account; workforce accounts get TOTP enrolled unless `mfa: false`. */
export async function addAccount(
  h: Hourglass,
  org: Org,
  opts: {
    kind?: 'workforce' | 'patient';
    roles?: string[];
    email?: string;
    displayName?: string;
    mfa?: boolean;
    providerId?: string | null;
    locationIds?: string[];
    /** A patient account's record, when it exists already (one with an identity in the vault). */
    patientId?: string;
  } = {},
): Promise<TestAccount> {
  const kind = opts.kind ?? 'workforce';
  const roles = kind === 'patient' ? [] : (opts.roles ?? ['front_desk']);
  const email =
    opts.email ??
    `${kind}-${roles.join('-') || 'p'}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const mfa = opts.mfa ?? kind === 'workforce';
  const totpSecret = mfa ? newTotpSecret() : null;
  const account = await h.db.transaction(async (tx) =>
    createAccount(tx, h.vault, {
      organizationId: org.id,
      kind,
      email,
      displayName: opts.displayName ?? 'Test Person',
      password: goodPassword,
      status: 'active',
      roles,
      locationIds: opts.locationIds ?? [],
      providerId: opts.providerId ?? null,
      patientId:
        kind === 'patient' ? (opts.patientId ?? (await insertBarePatient(tx, org.id))) : null,
      totpSecret,
      totpEnabledAt: mfa ? h.clock.now() : null,
    }),
  );
  return { org, account, email, password: goodPassword, totpSecret };
}

/** A complete registration body (POST /api/auth/register); `over` replaces fields. */
export function registration(
  org: Org,
  email: string,
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    organization: org.slug,
    email,
    password: goodPassword,
    legalName: { given: 'Robin', family: 'Registrant' },
    dateOfBirth: '1984-03-09',
    sex: 'female',
    phone: '+1 555 010 2233',
    ...over,
  };
}

/** A browser-like client: keeps the session cookie and sends same-origin headers. */
export class Client {
  cookie: string | undefined;
  readonly h: Hourglass;
  readonly ip: string;
  constructor(h: Hourglass, ip = '203.0.113.10') {
    this.h = h;
    this.ip = ip;
  }

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const res = await this.h.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        'user-agent': 'Mozilla/5.0 (Windows NT 10.0) Gecko/20100101 Firefox/140.0',
        ...(method === 'GET'
          ? {}
          : { origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' }),
        ...(this.cookie ? { cookie: `${sessionCookieName}=${this.cookie}` } : {}),
        ...headers,
      },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    const set = res.headers['set-cookie'];
    const line = Array.isArray(set) ? set.at(-1) : set;
    if (line?.startsWith(`${sessionCookieName}=`)) {
      const value = line.slice(sessionCookieName.length + 1).split(';')[0]!;
      this.cookie = value || undefined;
    }
    return res;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, payload?: unknown) => this.request('POST', url, payload ?? {});
}

/** The code the account's authenticator shows now; moves the clock past the last used step. */
export async function nextCode(clock: TestClock, secret: string): Promise<string> {
  clock.advance(30_000);
  return totpCode(secret, clock.now());
}

/** The mail to `address` that arrives after `before` was taken (smtp.to(address)), awaited. */
export function nextMail(smtp: TestSmtp, address: string, before: ReceivedMail[]) {
  return smtp.waitFor(address, (m) => !before.includes(m));
}

/** The six-digit code of an emailed-code mail (sign-in, guest booking, visit link). */
export function codeIn(mail: ReceivedMail): string {
  const m = /\b(\d{6})\b/.exec(mail.text);
  if (!m) throw new Error(`no code in the mail "${mail.subject}"`);
  return m[1]!;
}

/**
 * Signs in fully (password, then TOTP when enrolled, or the emailed code for a patient without
 * it, read from the app's test SMTP server); returns the client holding the session.
 */
export async function signIn(
  h: Hourglass & { clock: TestClock; smtp?: TestSmtp },
  a: TestAccount,
  ip?: string,
) {
  const c = new Client(h, ip);
  const before = h.smtp?.to(a.email) ?? [];
  const res = await c.post('/api/auth/sign-in', {
    organization: a.org.slug,
    email: a.email,
    password: a.password,
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  if (res.json().stage === 'mfa') {
    let code: string;
    if (a.totpSecret) {
      code = await nextCode(h.clock, a.totpSecret);
    } else {
      if (!h.smtp) throw new Error('a patient signs in with an emailed code: use startIdentityApp');
      code = codeIn(await nextMail(h.smtp, a.email, before));
    }
    const v = await c.post('/api/auth/mfa/verify', { code });
    if (v.statusCode !== 200) throw new Error(`mfa failed: ${v.statusCode} ${v.body}`);
  }
  return c;
}

export type IdentityApp = TestApp & { clock: TestClock; smtp: TestSmtp };

/** The real app on a fresh database with a clock the test moves and a real SMTP server. */
export async function startIdentityApp(
  options: { extraRoutes?: BuildOptions['extraRoutes']; env?: Record<string, string> } = {},
): Promise<IdentityApp> {
  const clock = createTestClock();
  const smtp = await startTestSmtp();
  const { env, ...rest } = options;
  const h = await startTestApp({ clock, env: { ...smtp.env, ...env }, ...rest });
  const closeApp = h.close;
  return Object.assign(h, {
    clock,
    smtp,
    async close() {
      await closeApp();
      await smtp.close();
    },
  });
}
