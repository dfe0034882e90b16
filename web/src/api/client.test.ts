import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { get, onActivity, onSignedOut, post, setStepUpHandler } from './client.ts';
import { ApiError, fieldErrorsByName } from './problem.ts';

type Answer = { status: number; body?: unknown; type?: string };
let answers: Answer[];
let sent: { url: string; init: RequestInit }[];

beforeEach(() => {
  answers = [];
  sent = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    const next = answers.shift();
    if (!next) throw new TypeError('Failed to fetch');
    const text =
      next.body === undefined
        ? ''
        : typeof next.body === 'string'
          ? next.body
          : JSON.stringify(next.body);
    return new Response(next.status === 204 ? null : text, {
      status: next.status,
      headers: { 'content-type': next.type ?? 'application/problem+json' },
    });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  setStepUpHandler(null);
});

const problem = (status: number, slug: string, extra: object = {}) => ({
  type: `urn:hourglass:problem:${slug}`,
  title: slug,
  status,
  detail: `detail of ${slug}`,
  instance: 'urn:uuid:1',
  requestId: '1',
  ...extra,
});

describe('the API client', () => {
  it('turns a problem into a typed ApiError with its field errors by pointer and by field name', async () => {
    answers.push({
      status: 400,
      body: problem(400, 'validation', {
        errors: [
          { pointer: '/body/email', detail: 'not an email' },
          { pointer: '/body/legalName/given', detail: 'required' },
          { pointer: '/query/limit', detail: 'too big' },
        ],
      }),
    });
    const err = await post('/api/auth/register', { email: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const api = err as ApiError;
    expect([api.status, api.slug, api.message]).toEqual([
      400,
      'validation',
      'detail of validation',
    ]);
    expect(api.is('validation')).toBe(true);
    expect(api.fieldErrors['/body/email']).toBe('not an email');
    expect(fieldErrorsByName(api)).toEqual({
      email: 'not an email',
      'legalName.given': 'required',
    });
  });

  it('reads an error that is not a problem (a proxy page) as a server error, and no answer as a network error', async () => {
    answers.push({ status: 502, body: '<html>Bad gateway</html>', type: 'text/html' });
    const bad = (await get('/api/x').catch((e: unknown) => e)) as ApiError;
    expect([bad.status, bad.slug]).toEqual([502, 'server-error']);
    const offline = (await get('/api/x').catch((e: unknown) => e)) as ApiError;
    expect([offline.status, offline.slug]).toEqual([0, 'network']);
  });

  it('sends JSON with the same-origin cookie and answers 204 with nothing', async () => {
    answers.push({ status: 204 });
    await expect(post('/api/auth/sign-out', { a: 1 })).resolves.toBeUndefined();
    const { init } = sent[0]!;
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBe('{"a":1}');
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it('on step-up-required waits for the step-up, then sends the request once more', async () => {
    answers.push({ status: 403, body: problem(403, 'step-up-required') });
    answers.push({ status: 200, body: { recoveryCodes: ['a'] }, type: 'application/json' });
    const stepUp = vi.fn(async () => true);
    setStepUpHandler(stepUp);
    await expect(post('/api/account/recovery-codes')).resolves.toEqual({ recoveryCodes: ['a'] });
    expect(stepUp).toHaveBeenCalledTimes(1);
    expect(sent.map((s) => s.url)).toEqual([
      '/api/account/recovery-codes',
      '/api/account/recovery-codes',
    ]);
  });

  it('when the step-up is cancelled, fails with the step-up problem and sends nothing more', async () => {
    answers.push({ status: 403, body: problem(403, 'step-up-required') });
    setStepUpHandler(async () => false);
    const err = (await post('/api/account/recovery-codes').catch((e: unknown) => e)) as ApiError;
    expect(err.is('step-up-required')).toBe(true);
    expect(sent).toHaveLength(1);
  });

  it('does not ask for a step-up on the step-up call itself, nor on a plain 403', async () => {
    const stepUp = vi.fn(async () => true);
    setStepUpHandler(stepUp);
    answers.push({ status: 403, body: problem(403, 'step-up-required') });
    await expect(post('/api/auth/step-up', {}, { noStepUp: true })).rejects.toBeInstanceOf(
      ApiError,
    );
    answers.push({ status: 403, body: problem(403, 'forbidden') });
    await expect(get('/api/admin/accounts')).rejects.toBeInstanceOf(ApiError);
    expect(stepUp).not.toHaveBeenCalled();
  });

  it('tells listeners when the session is gone (401 unauthorized), not on a wrong password', async () => {
    const gone = vi.fn();
    const off = onSignedOut(gone);
    answers.push({ status: 401, body: problem(401, 'sign-in-failed') });
    await get('/api/x').catch(() => undefined);
    expect(gone).not.toHaveBeenCalled();
    answers.push({ status: 401, body: problem(401, 'unauthorized') });
    await get('/api/x').catch(() => undefined);
    expect(gone).toHaveBeenCalledTimes(1);
    off();
  });

  it('marks polling as background: a header for the server, and no activity here', async () => {
    const activity = vi.fn();
    const off = onActivity(activity);
    answers.push({ status: 200, body: {}, type: 'application/json' });
    await get('/api/schedule', { background: true });
    expect((sent[0]!.init.headers as Record<string, string>)['x-hourglass-background']).toBe('1');
    expect(activity).not.toHaveBeenCalled();
    answers.push({ status: 200, body: {}, type: 'application/json' });
    await get('/api/schedule');
    expect(activity).toHaveBeenCalledTimes(1);
    off();
  });
});
