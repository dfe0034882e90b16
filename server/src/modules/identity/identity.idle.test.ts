import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  addOrganization,
  Client,
  signIn,
  startIdentityApp,
  type IdentityApp,
  type Org,
} from '../../../test/identity-fixtures.ts';
import { minutes } from '../../platform/time/clock.ts';
import { listAuditEvents } from '../audit/audit.store.ts';

let h: IdentityApp;
let org: Org;

beforeAll(async () => {
  h = await startIdentityApp();
  org = await addOrganization(h, 'idle');
});
afterAll(() => h.close());

const background = { 'x-hourglass-background': '1' };

describe('the idle timeout the portal shows', () => {
  it('is in the session view as the instant the session ends if nothing happens', async () => {
    const c = await signIn(h, await addAccount(h, org, { kind: 'patient' }));
    const view = (await c.get('/api/auth/session')).json();
    expect(view.idleTimeoutSeconds).toBe(30 * 60);
    expect(view.idleExpiresAt).toBe(new Date(h.clock.now().getTime() + minutes(30)).toISOString());
  });

  it('is not moved by background requests, which still need a live session', async () => {
    const c = await signIn(h, await addAccount(h, org, { roles: ['front_desk'] }));
    const signedInAt = h.clock.now().getTime();
    h.clock.advance(minutes(10));
    const polled = await c.request('GET', '/api/auth/session', undefined, background);
    expect(polled.statusCode).toBe(200);
    expect(polled.json().idleExpiresAt).toBe(new Date(signedInAt + minutes(15)).toISOString());
    h.clock.advance(minutes(5));
    // Fifteen minutes without a person acting: the polling did not keep it alive.
    expect((await c.request('GET', '/api/auth/session', undefined, background)).statusCode).toBe(
      401,
    );
  });

  it('starts again with "stay signed in", which is audited', async () => {
    const a = await addAccount(h, org, { roles: ['front_desk'] });
    const c = await signIn(h, a);
    h.clock.advance(minutes(14));
    const extended = await c.request('POST', '/api/auth/session/extend', {}, background);
    expect(extended.statusCode).toBe(204);
    h.clock.advance(minutes(14));
    const view = await c.request('GET', '/api/auth/session', undefined, background);
    expect(view.statusCode).toBe(200);
    expect(view.json().idleExpiresAt).toBe(
      new Date(h.clock.now().getTime() + minutes(1)).toISOString(),
    );
    const events = (await listAuditEvents(h.db)).filter(
      (e) => e.action === 'identity.session.extend' && e.actor_id === a.account.id,
    );
    expect(events.map((e) => e.outcome)).toEqual(['success']);
  });

  it('never runs past the absolute lifetime', async () => {
    const c = await signIn(h, await addAccount(h, org, { roles: ['front_desk'] }));
    const signedInAt = h.clock.now().getTime();
    let extended = 0;
    for (let i = 0; i < 60; i++) {
      h.clock.advance(minutes(14));
      if ((await c.post('/api/auth/session/extend')).statusCode !== 204) break;
      extended++;
    }
    // Workforce sessions last 12 hours at most: 51 extensions of 14 minutes fit, the 52nd not.
    expect(extended).toBe(51);
    expect(h.clock.now().getTime() - signedInAt).toBeGreaterThanOrEqual(12 * 60 * minutes(1));
    expect((await c.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('cannot be extended by a session owing its second factor, nor by nobody', async () => {
    const a = await addAccount(h, org, { roles: ['front_desk'] });
    const c = new Client(h);
    await c.post('/api/auth/sign-in', {
      organization: org.slug,
      email: a.email,
      password: a.password,
    });
    expect((await c.post('/api/auth/session/extend')).statusCode).toBe(403);
    expect((await new Client(h).post('/api/auth/session/extend')).statusCode).toBe(401);
  });
});
