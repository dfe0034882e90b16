import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { createFixtureTables, fixtureRoutes } from '../../../test/fixture-routes.ts';
import { createLogger, scrubLiterals } from './log.ts';

// A value no code would write on its own: if it reaches the log, PHI would too.
const canary = 'Zebediah-Quartz-4821';

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp({ extraRoutes: fixtureRoutes });
  await createFixtureTables(h.db);
});
afterAll(() => h.close());

describe('no PHI in the log', () => {
  it('requests carrying a canary in every place leave no trace of it', async () => {
    const requests = [
      { method: 'POST', url: '/api/test/notes', payload: { patientName: canary, age: 30 } },
      { method: 'POST', url: '/api/test/notes', payload: { patientName: canary, age: 'x' } },
      {
        method: 'POST',
        url: '/api/test/notes',
        payload: { patientName: 'A', age: 1, [canary]: 1 },
      },
      {
        method: 'POST',
        url: '/api/test/notes',
        headers: { 'content-type': 'application/json' },
        payload: `{"patientName": "${canary}", broken`,
      },
      { method: 'GET', url: `/api/test/search?q=${canary}` },
      { method: 'GET', url: `/api/test/search?q=${canary}&extra=${canary}` },
      { method: 'GET', url: `/api/test/records/${canary}` },
      { method: 'GET', url: `/api/organizations/${canary.toLowerCase()}` },
      {
        method: 'GET',
        url: '/api/organizations',
        headers: {
          authorization: `Bearer ${canary}`,
          cookie: `sid=${canary}`,
          'x-patient': canary,
        },
      },
      { method: 'GET', url: `/no-such-page/${canary}` },
    ] as const;
    const statuses = [];
    for (const r of requests) statuses.push((await h.app.inject(r as never)).statusCode);
    // The database error case really failed on our side and was logged as an error.
    expect(statuses).toContain(500);
    const text = h.logs.join('');
    expect(h.logs.length).toBeGreaterThanOrEqual(requests.length);
    expect(text).toContain('"route":"/api/test/records/:id"');
    expect(text).toContain('invalid input syntax for type uuid');
    expect(text).not.toContain(canary);
    expect(text.toLowerCase()).not.toContain(canary.toLowerCase());
  });

  it('the logger redacts PHI-named fields that code passes by mistake', () => {
    const lines: string[] = [];
    const log = createLogger(
      'info',
      new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }),
    );
    log.info({ email: canary, patient: { phone: canary, dateOfBirth: canary, id: 'p_1' } }, 'oops');
    expect(lines.join('')).not.toContain(canary);
    expect(lines.join('')).toContain('p_1');
  });

  it('database error messages lose the values they quote', () => {
    expect(scrubLiterals(`invalid input syntax for type uuid: "${canary}"`)).not.toContain(canary);
    expect(scrubLiterals(`Key (email)=(${canary}@example.org) already exists.`)).not.toContain(
      canary,
    );
  });
});
