import type { Organization, OrganizationSummary, Problem } from './types.ts';

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail);
    this.problem = problem;
  }
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, {
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
    ...(signal ? { signal } : {}),
  });
  const body: unknown = await res.json();
  if (!res.ok) throw new ApiError(body as Problem);
  return body as T;
}

export const api = {
  organizations: (signal?: AbortSignal) =>
    getJson<{ organizations: OrganizationSummary[] }>('/api/organizations', signal),
  organization: (slug: string, signal?: AbortSignal) =>
    getJson<Organization>(`/api/organizations/${encodeURIComponent(slug)}`, signal),
};
