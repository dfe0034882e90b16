import { ApiError, networkError, problemOf } from './problem.ts';

export { ApiError } from './problem.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal | undefined;
  /**
   * Polling and other requests the person did not cause: sent with `X-Hourglass-Background: 1`,
   * which the server does not count as activity, and not counted here either.
   */
  background?: boolean;
  /** Not retried after a step-up (the step-up call itself). */
  noStepUp?: boolean;
}

type Listener = () => void;
const activityListeners = new Set<Listener>();
const signedOutListeners = new Set<Listener>();
let stepUp: (() => Promise<boolean>) | null = null;
let lastActivity = Date.now();

/** Called after every request the person caused that the server answered. */
export function onActivity(fn: Listener): () => void {
  activityListeners.add(fn);
  return () => activityListeners.delete(fn);
}

/** When the server last saw this person act, as far as this tab knows. */
export const lastActivityAt = () => lastActivity;

/** Called when the server answers 401 `unauthorized`: the session is gone. */
export function onSignedOut(fn: Listener): () => void {
  signedOutListeners.add(fn);
  return () => signedOutListeners.delete(fn);
}

/**
 * The step-up dialog registers here: a request answered 403 `step-up-required` waits for it
 * (the person confirms with a password or code) and is sent once more. The handler answers
 * false when the person cancels: the request then fails with its own problem.
 */
export function setStepUpHandler(handler: (() => Promise<boolean>) | null): void {
  stepUp = handler;
}

async function send<T>(method: Method, path: string, opts: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.background) headers['x-hourglass-background'] = '1';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    throw networkError();
  }
  if (!opts.background) {
    lastActivity = Date.now();
    for (const fn of activityListeners) fn();
  }
  const text = await res.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!res.ok) throw problemOf(res.status, body);
  return body as T;
}

/**
 * The one place the web app calls `fetch`: same-origin cookie, JSON bodies, problems as
 * `ApiError`. Anything sensitive travels in the body only: paths carry opaque ids, and nothing
 * here logs or stores what it sends.
 */
export async function request<T>(method: Method, path: string, opts: RequestOptions = {}) {
  try {
    return await send<T>(method, path, opts);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.is('unauthorized')) for (const fn of signedOutListeners) fn();
    if (!err.is('step-up-required') || !stepUp || opts.noStepUp) throw err;
    if (!(await stepUp())) throw err;
    return send<T>(method, path, opts);
  }
}

export const get = <T>(path: string, opts: Omit<RequestOptions, 'body'> = {}) =>
  request<T>('GET', path, opts);
export const post = <T = void>(path: string, body?: unknown, opts: RequestOptions = {}) =>
  request<T>('POST', path, { ...opts, body });
export const put = <T = void>(path: string, body: unknown, opts: RequestOptions = {}) =>
  request<T>('PUT', path, { ...opts, body });
export const patch = <T = void>(path: string, body: unknown, opts: RequestOptions = {}) =>
  request<T>('PATCH', path, { ...opts, body });

/** A path segment from an id or slug. */
export const seg = encodeURIComponent;
