import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinic, staffOf } from '../../../test/clinic.ts';
import {
  addAccount,
  addOrganization,
  Client,
  signIn,
  startIdentityApp,
  type IdentityApp,
  type Org,
} from '../../../test/identity-fixtures.ts';
import { ada } from '../patients/patients.fixtures.ts';
import { createPatients } from '../patients/patients.service.ts';
import { createAudit } from './audit.service.ts';
import { listAuditEvents } from './audit.store.ts';
import { addAlertRule, sealAndRunAlerts } from './audit.testkit.ts';

// Every refused request leaves exactly one audit event, whoever writes it: the route, or a
// service that wrote it outside any transaction (failed and throttled sign-ins, reveals).
let h: IdentityApp;
let org: Org;

beforeAll(async () => {
  h = await startIdentityApp();
  org = await addOrganization(h, 'refusals');
});
afterAll(() => h.close());

/** The events the request behind a response left. */
async function eventsOf(res: LightMyRequestResponse) {
  const events = await listAuditEvents(h.db, { requestId: String(res.headers['x-request-id']) });
  return events.map((e) => ({
    action: e.action,
    outcome: e.outcome,
    actor: e.actor_id,
    organization: e.organization_id,
    resource: e.resource_id,
  }));
}

const stepUpWindowMs = 5 * 60_000;

describe('sign-in attempts', () => {
  it('leave one event each: failed for a wrong password, denied while throttled', async () => {
    const a = await addAccount(h, org, { kind: 'patient' });
    const c = new Client(h, '192.0.2.31');
    const attempt = (password: string) =>
      c.post('/api/auth/sign-in', { organization: org.slug, email: a.email, password });
    const failed = {
      action: 'identity.sign_in',
      outcome: 'failed',
      actor: null,
      organization: org.id,
      resource: a.account.id,
    };
    for (let i = 0; i < 3; i++) {
      const res = await attempt('wrong-password-guess');
      expect(res.statusCode).toBe(401);
      expect(await eventsOf(res)).toEqual([failed]);
    }
    for (const password of ['wrong-password-guess', a.password]) {
      const res = await attempt(password);
      expect(res.statusCode).toBe(429);
      expect(await eventsOf(res)).toEqual([{ ...failed, outcome: 'denied', resource: null }]);
    }
  });

  it('leave one failed event when the request itself is malformed', async () => {
    const res = await new Client(h, '192.0.2.32').post('/api/auth/sign-in', {
      organization: org.slug,
    });
    expect(res.statusCode).toBe(400);
    expect(await eventsOf(res)).toEqual([
      expect.objectContaining({ action: 'identity.sign_in', outcome: 'failed' }),
    ]);
  });

  it('leave one denied event when step-up is throttled', async () => {
    const a = await addAccount(h, org, { kind: 'patient' });
    const c = await signIn(h, a, '192.0.2.33');
    for (let i = 0; i < 3; i++) {
      const res = await c.post('/api/auth/step-up', { password: 'wrong-password-guess' });
      expect(res.statusCode).toBe(400);
      expect((await eventsOf(res)).map((e) => [e.action, e.outcome])).toEqual([
        ['identity.step_up', 'failed'],
      ]);
    }
    const res = await c.post('/api/auth/step-up', { password: a.password });
    expect(res.statusCode).toBe(429);
    expect(await eventsOf(res)).toEqual([
      expect.objectContaining({
        action: 'identity.step_up',
        outcome: 'denied',
        actor: a.account.id,
      }),
    ]);
  });
});

describe('emailed links', () => {
  it('leave one event per attempt, failed while the link is refused, denied while throttled', async () => {
    const c = new Client(h, '192.0.2.34');
    const outcomes: [number, string[]][] = [];
    for (let i = 0; i < 4; i++) {
      const res = await c.post('/api/auth/password-reset/complete', {
        token: 'x'.repeat(43),
        newPassword: 'violet-kettle-harbor-43',
      });
      outcomes.push([res.statusCode, (await eventsOf(res)).map((e) => `${e.action} ${e.outcome}`)]);
    }
    const reset = 'identity.password.reset';
    expect(outcomes.slice(0, 3)).toEqual(Array(3).fill([400, [`${reset} failed`]]));
    expect(outcomes.at(-1)).toEqual([429, [`${reset} denied`]]);
  });
});

describe('administration', () => {
  const someone = '00000000-0000-4000-8000-00000000c0ff';
  const roles = { roles: ['front_desk'] };

  it('refused to a front desk user leaves one denied event', async () => {
    const desk = await addAccount(h, org, { roles: ['front_desk'] });
    const c = await signIn(h, desk);
    const res = await c.request('PUT', `/api/admin/accounts/${someone}/roles`, roles);
    expect(res.statusCode).toBe(403);
    expect(await eventsOf(res)).toEqual([
      {
        action: 'identity.account.roles_change',
        outcome: 'denied',
        actor: desk.account.id,
        organization: org.id,
        resource: null,
      },
    ]);
  });

  it('refused to an admin without a fresh step-up leaves one denied event', async () => {
    const admin = await addAccount(h, org, { roles: ['admin'] });
    const other = await addAccount(h, org, { roles: ['front_desk'] });
    const c = await signIn(h, admin);
    h.clock.advance(stepUpWindowMs + 60_000);
    const changes = [
      [
        'identity.account.roles_change',
        'PUT',
        `/api/admin/accounts/${other.account.id}/roles`,
        roles,
      ],
      [
        'identity.session_policy.change',
        'PUT',
        '/api/admin/session-policy',
        {
          workforceIdleMinutes: 10,
          workforceAbsoluteHours: 8,
          patientIdleMinutes: 20,
          patientAbsoluteHours: 12,
        },
      ],
    ] as const;
    for (const [action, method, url, body] of changes) {
      const res = await c.request(method, url, body);
      expect(res.statusCode, url).toBe(403);
      expect((await eventsOf(res)).map((e) => [e.action, e.outcome, e.actor])).toEqual([
        [action, 'denied', admin.account.id],
      ]);
    }
  });

  it('refused for a conflict inside its transaction leaves one failed event', async () => {
    const admin = await addAccount(h, org, { roles: ['admin'] });
    const c = await signIn(h, admin);
    // Without the admin role for oneself: the check runs inside the change's transaction.
    const res = await c.request('PUT', `/api/admin/accounts/${admin.account.id}/roles`, roles);
    expect(res.statusCode).toBe(409);
    expect((await eventsOf(res)).map((e) => [e.action, e.outcome])).toEqual([
      ['identity.account.roles_change', 'failed'],
    ]);
  });

  it('records which accounts a listing showed', async () => {
    const admin = await addAccount(h, org, { roles: ['admin'] });
    const c = await signIn(h, admin);
    const res = await c.get('/api/admin/accounts');
    expect(res.statusCode).toBe(200);
    const shown = (res.json().accounts as { id: string }[]).map((a) => a.id);
    expect(shown).toContain(admin.account.id);
    const events = await listAuditEvents(h.db, { requestId: String(res.headers['x-request-id']) });
    expect(events.map((e) => [e.action, e.resource_ids])).toEqual([
      ['identity.account.list', shown],
    ]);
  });
});

describe('a reveal without a fresh step-up', () => {
  it('leaves exactly one denied event', async () => {
    const clinic = await createClinic(h.db, { slug: 'refusals-reveal' });
    const patient = await createPatients({
      db: h.db,
      vault: h.vault,
      audit: createAudit(h.db),
    }).register(staffOf(clinic.orgId), ada());
    const clinicOrg = { id: clinic.orgId, slug: 'refusals-reveal', locationId: clinic.locationId };
    const desk = await addAccount(h, clinicOrg, {
      roles: ['front_desk'],
      locationIds: [clinic.locationId],
    });
    const c = await signIn(h, desk);
    h.clock.advance(stepUpWindowMs + 60_000);
    const res = await c.post(`/api/patients/${patient.id}/reveal`, { field: 'mrn' });
    expect(res.statusCode).toBe(403);
    expect((await eventsOf(res)).map((e) => [e.action, e.outcome, e.actor])).toEqual([
      ['patient.identifier.reveal', 'denied', desk.account.id],
    ]);
  });
});

describe('the repeated denials alert', () => {
  it('sees password guessing: failed sign-ins of one address and of one account', async () => {
    const guessed = await addOrganization(h, 'refusals-guessed');
    await addAlertRule(h, guessed.id, { kind: 'repeated_denials', threshold: 3 });
    const a = await addAccount(h, guessed, { kind: 'patient' });
    const c = new Client(h, '198.51.100.7');
    for (let i = 0; i < 3; i++) {
      const res = await c.post('/api/auth/sign-in', {
        organization: guessed.slug,
        email: a.email,
        password: `guess number ${i} here`,
      });
      expect(res.statusCode).toBe(401);
    }
    const alerts = (await sealAndRunAlerts(h)).filter((x) => x.organization_id === guessed.id);
    expect(alerts.map((x) => [x.kind, x.subject, x.count]).sort()).toEqual([
      ['repeated_denials', `account:${a.account.id}`, 3],
      ['repeated_denials', 'ip:198.51.100.7', 3],
    ]);
  });
});
