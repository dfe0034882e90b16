import type { Problem } from './types.ts';

const typeBase = 'urn:hourglass:problem:';

/**
 * An answer that was not a success: the server's RFC 9457 problem, or one made up here when the
 * network failed or the answer was not a problem. `slug` is the stable part of the type
 * (`sign-in-failed`, `step-up-required`…); `fieldErrors` maps each JSON pointer to its detail.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly slug: string;
  readonly problem: Problem;
  readonly fieldErrors: Readonly<Record<string, string>>;

  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
    this.problem = problem;
    this.status = problem.status;
    this.slug = problem.type.startsWith(typeBase) ? problem.type.slice(typeBase.length) : 'unknown';
    const fields: Record<string, string> = {};
    for (const e of problem.errors ?? []) fields[e.pointer] ??= e.detail;
    this.fieldErrors = fields;
  }

  is(slug: string): boolean {
    return this.slug === slug;
  }
}

const made = (status: number, slug: string, detail: string): Problem => ({
  type: typeBase + slug,
  title: slug,
  status,
  detail,
  instance: '',
  requestId: '',
});

function isProblem(body: unknown): body is Problem {
  if (!body || typeof body !== 'object') return false;
  const p = body as Record<string, unknown>;
  return typeof p.type === 'string' && typeof p.status === 'number' && typeof p.detail === 'string';
}

/** The problem an unsuccessful response stands for, whatever its body holds. */
export function problemOf(status: number, body: unknown): ApiError {
  if (isProblem(body)) return new ApiError(body);
  return new ApiError(made(status, status >= 500 ? 'server-error' : 'unknown', ''));
}

/** No answer at all: offline, DNS, connection refused. */
export const networkError = () => new ApiError(made(0, 'network', ''));

/**
 * Server field errors by form field name: `/body/legalName/given` → `legalName.given`. Pointers
 * outside the body (path, query) are left to the page.
 */
export function fieldErrorsByName(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const byName: Record<string, string> = {};
  for (const [pointer, detail] of Object.entries(error.fieldErrors)) {
    if (!pointer.startsWith('/body/')) continue;
    byName[pointer.slice('/body/'.length).split('/').join('.')] = detail;
  }
  return byName;
}
