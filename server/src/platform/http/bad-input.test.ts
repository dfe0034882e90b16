import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { countNotes, createFixtureTables, fixtureRoutes } from '../../../test/fixture-routes.ts';

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp({
    extraRoutes: fixtureRoutes,
    env: { HOURGLASS_BODY_LIMIT_BYTES: '4096' },
  });
  await createFixtureTables(h.db);
});
afterAll(() => h.close());

const json = { 'content-type': 'application/json' };

async function expectProblem(request: InjectOptions, status: number, type: string) {
  const before = await countNotes(h.db);
  const res = await h.app.inject(request);
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  const body = res.json();
  expect(body).toMatchObject({
    type: `urn:hourglass:problem:${type}`,
    status,
    title: expect.any(String),
    detail: expect.any(String),
    instance: `urn:uuid:${body.requestId}`,
  });
  expect(await countNotes(h.db)).toBe(before);
  return body;
}

describe('bad input gets a clear problem and changes nothing', () => {
  it('a good request still works (the baseline)', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/test/notes',
      payload: { patientName: 'Baseline', age: 40 },
    });
    expect(res.statusCode).toBe(201);
    expect(await countNotes(h.db)).toBe(1);
  });

  it('malformed JSON', async () => {
    const body = await expectProblem(
      { method: 'POST', url: '/api/test/notes', headers: json, payload: '{"patientName": "Ann",' },
      400,
      'malformed-json',
    );
    expect(body.detail).toBe('The request body is not valid JSON.');
  });

  it('wrong types, with a pointer to each field', async () => {
    const body = await expectProblem(
      { method: 'POST', url: '/api/test/notes', payload: { patientName: 7, age: 'forty' } },
      400,
      'validation',
    );
    expect(body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/body/age',
      '/body/patientName',
    ]);
  });

  it('unknown fields are refused, not ignored', async () => {
    const body = await expectProblem(
      {
        method: 'POST',
        url: '/api/test/notes',
        payload: { patientName: 'A', age: 1, isAdmin: true },
      },
      400,
      'validation',
    );
    expect(body.errors[0].detail).toMatch(/isAdmin/);
  });

  it('unknown query parameters are refused too', async () => {
    await expectProblem({ method: 'GET', url: '/api/test/search?q=a&sort=x' }, 400, 'validation');
  });

  it('a body over the limit', async () => {
    await expectProblem(
      {
        method: 'POST',
        url: '/api/test/notes',
        headers: json,
        payload: JSON.stringify({ patientName: 'x'.repeat(10_000), age: 1 }),
      },
      413,
      'payload-too-large',
    );
  });

  it('bytes that are not UTF-8', async () => {
    const payload = Buffer.concat([
      Buffer.from('{"patientName": "'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('", "age": 3}'),
    ]);
    const body = await expectProblem(
      { method: 'POST', url: '/api/test/notes', headers: json, payload },
      400,
      'malformed-json',
    );
    expect(body.detail).toMatch(/UTF-8/);
  });

  it('an empty JSON body', async () => {
    await expectProblem(
      { method: 'POST', url: '/api/test/notes', headers: json, payload: '' },
      400,
      'malformed-json',
    );
  });

  it('a body that is not JSON at all', async () => {
    await expectProblem(
      {
        method: 'POST',
        url: '/api/test/notes',
        headers: { 'content-type': 'text/plain' },
        payload: 'hi',
      },
      415,
      'unsupported-media-type',
    );
  });

  it('prototype poisoning', async () => {
    await expectProblem(
      {
        method: 'POST',
        url: '/api/test/notes',
        headers: json,
        payload: '{"patientName": "A", "age": 1, "__proto__": {"admin": true}}',
      },
      400,
      'malformed-json',
    );
  });

  it('an unknown API route', async () => {
    await expectProblem({ method: 'GET', url: '/api/no-such-thing' }, 404, 'not-found');
    await expectProblem(
      { method: 'POST', url: '/api/no-such-thing', payload: {} },
      404,
      'not-found',
    );
  });

  it('a URL that is not valid percent-encoding', async () => {
    await expectProblem({ method: 'GET', url: '/api/organizations/%E0%A4%A' }, 400, 'bad-request');
  });

  it('a request refused by access policy', async () => {
    await expectProblem({ method: 'DELETE', url: '/api/test/notes' }, 401, 'unauthorized');
  });
});

describe('a failure on our side', () => {
  it('answers 500 with nothing but a request id', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/test/boom' });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body.type).toBe('urn:hourglass:problem:internal');
    expect(body.detail).toContain(body.requestId);
    expect(res.body).not.toMatch(/10\.0\.0\.7|connection|stack|\bat \S+:\d+/);
    expect(res.headers['x-request-id']).toBe(body.requestId);
  });

  it('an answer the audit trail could not record is withheld, without claiming nothing changed', async () => {
    const record = h.app.auditSink.record;
    h.app.auditSink.record = async () => {
      throw new Error('audit database unreachable at 10.0.0.7');
    };
    try {
      const res = await h.app.inject({ method: 'GET', url: '/api/test/search?q=x' });
      expect(res.statusCode).toBe(500);
      const body = res.json();
      expect(body.type).toBe('urn:hourglass:problem:audit-unavailable');
      expect(body.detail).toContain(body.requestId);
      expect(body.detail).not.toMatch(/Nothing you sent was changed/);
      expect(res.body).not.toMatch(/"count"|10\.0\.0\.7/);
    } finally {
      h.app.auditSink.record = record;
    }
  });
});
