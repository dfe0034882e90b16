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

let h: IdentityApp;
let org: Org;

beforeAll(async () => {
  h = await startIdentityApp();
  org = await addOrganization(h, 'session-state');
});
afterAll(() => h.close());

const background = { 'x-hourglass-background': '1' };

describe('GET /api/auth/session/state, the probe every page makes', () => {
  it('answers 200 signed in: false to a visitor with no session', async () => {
    const res = await new Client(h).get('/api/auth/session/state');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ signedIn: false });
  });

  it('tells a signed-in patient the stage and kind, and no name or record id', async () => {
    const a = await addAccount(h, org, { kind: 'patient' });
    const c = await signIn(h, a);
    const res = await c.get('/api/auth/session/state');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      signedIn: true,
      stage: 'full',
      kind: 'patient',
      idleExpiresAt: new Date(h.clock.now().getTime() + minutes(30)).toISOString(),
    });
    expect(res.body).not.toContain(a.account.id);
    expect(res.body).not.toContain(org.id);
  });

  it('says signed out, still 200, once the session has timed out or ended', async () => {
    const c = await signIn(h, await addAccount(h, org, { roles: ['front_desk'] }));
    expect((await c.get('/api/auth/session/state')).json().signedIn).toBe(true);
    h.clock.advance(minutes(16));
    const timedOut = await c.request('GET', '/api/auth/session/state', undefined, background);
    expect(timedOut.statusCode).toBe(200);
    expect(timedOut.json()).toEqual({ signedIn: false });

    const d = await signIn(h, await addAccount(h, org, { kind: 'patient' }));
    const ended = d.cookie;
    expect((await d.request('POST', '/api/auth/sign-out', {})).statusCode).toBe(204);
    // The browser still sending the ended session's cookie.
    d.cookie = ended;
    const after = await d.get('/api/auth/session/state');
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual({ signedIn: false });
  });

  it('does not keep an idle session alive when asked in the background', async () => {
    const c = await signIn(h, await addAccount(h, org, { roles: ['front_desk'] }));
    const signedInAt = h.clock.now().getTime();
    h.clock.advance(minutes(10));
    const polled = await c.request('GET', '/api/auth/session/state', undefined, background);
    expect(polled.json().idleExpiresAt).toBe(new Date(signedInAt + minutes(15)).toISOString());
  });
});
