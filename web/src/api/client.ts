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
  /**
   * Past the browser's HTTP cache (public answers like availability say `max-age`): for reads
   * that must show what changed a moment ago (a time just booked, a live poll).
   */
  fresh?: boolean;
  /** Conditional and idempotency headers only (no header may carry PHI). */
  headers?: { 'if-match'?: string; 'if-none-match'?: string; 'idempotency-key'?: string };
}

/** What `send` read besides the body: the status and the ETag. */
interface Meta {
  status: number;
  etag: string | null;
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

async function send<T>(
  method: Method,
  path: string,
  opts: RequestOptions,
  meta?: (m: Meta) => void,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.background) headers['x-hourglass-background'] = '1';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(opts.fresh ? { cache: 'no-cache' as const } : {}),
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
  meta?.({ status: res.status, etag: res.headers.get('etag') });
  const text = await res.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!res.ok && res.status !== 304) throw problemOf(res.status, body);
  return body as T;
}

/**
 * The one place the web app calls `fetch`: same-origin cookie, JSON bodies, problems as
 * `ApiError`. Anything sensitive travels in the body only: paths carry opaque ids, and nothing
 * here logs or stores what it sends.
 */
export async function request<T>(
  method: Method,
  path: string,
  opts: RequestOptions = {},
  meta?: (m: Meta) => void,
) {
  try {
    return await send<T>(method, path, opts, meta);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.is('unauthorized')) for (const fn of signedOutListeners) fn();
    if (!err.is('step-up-required') || !stepUp || opts.noStepUp) throw err;
    if (!(await stepUp())) throw err;
    return send<T>(method, path, opts, meta);
  }
}

/**
 * A GET with `If-None-Match`: `null` when the server answers 304 (what `etag` named is still
 * current), else the body with its new ETag.
 */
export async function getIfChanged<T>(
  path: string,
  etag: string | null,
  opts: Omit<RequestOptions, 'body' | 'headers'> = {},
): Promise<{ body: T; etag: string | null } | null> {
  let m: Meta = { status: 0, etag: null };
  const body = await request<T>(
    'GET',
    path,
    { ...opts, ...(etag ? { headers: { 'if-none-match': etag } } : {}) },
    (x) => (m = x),
  );
  return m.status === 304 ? null : { body, etag: m.etag };
}

export const get = <T>(path: string, opts: Omit<RequestOptions, 'body'> = {}) =>
  request<T>('GET', path, opts);
export const post = <T = void>(path: string, body?: unknown, opts: RequestOptions = {}) =>
  request<T>('POST', path, { ...opts, body });
export const put = <T = void>(path: string, body: unknown, opts: RequestOptions = {}) =>
  request<T>('PUT', path, { ...opts, body });
export const patch = <T = void>(path: string, body: unknown, opts: RequestOptions = {}) =>
  request<T>('PATCH', path, { ...opts, body });

export const del = <T = void>(path: string, opts: Omit<RequestOptions, 'body'> = {}) =>
  request<T>('DELETE', path, opts);

/** A path segment from an id or slug. */
export const seg = encodeURIComponent;
