import type {
  Answers,
  FormView,
  Organization,
  OrganizationSummary,
  Problem,
  Session,
} from './types.ts';

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail);
    this.problem = problem;
  }
}

/**
 * One JSON request to the API. Anything sensitive travels in the body only: paths carry opaque
 * ids, and nothing here logs or stores what it sends.
 */
async function request<T>(
  method: 'GET' | 'PUT' | 'POST',
  path: string,
  opts: { body?: unknown; signal?: AbortSignal | undefined } = {},
): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: {
      accept: 'application/json',
      ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    credentials: 'same-origin',
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const body: unknown = await res.json();
  if (!res.ok) throw new ApiError(body as Problem);
  return body as T;
}

const getJson = <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, { signal });
const id = encodeURIComponent;
const intakePath = (patientId: string, formId: string) =>
  `/api/patients/${id(patientId)}/intake/${id(formId)}`;

export const api = {
  organizations: (signal?: AbortSignal) =>
    getJson<{ organizations: OrganizationSummary[] }>('/api/organizations', signal),
  organization: (slug: string, signal?: AbortSignal) =>
    getJson<Organization>(`/api/organizations/${id(slug)}`, signal),
  session: (signal?: AbortSignal) => getJson<Session>('/api/auth/session', signal),
  intakeForm: (organizationId: string, appointmentType: string, signal?: AbortSignal) =>
    getJson<FormView>(
      `/api/organizations/${id(organizationId)}/intake-forms/${id(appointmentType)}`,
      signal,
    ),
  intakeDraft: (patientId: string, formId: string, signal?: AbortSignal) =>
    getJson<{ draft: { answers: Answers; expiresAt: string } | null }>(
      `${intakePath(patientId, formId)}/draft`,
      signal,
    ),
  saveIntakeDraft: (patientId: string, formId: string, answers: Answers) =>
    request<{ expiresAt: string }>('PUT', `${intakePath(patientId, formId)}/draft`, {
      body: { answers },
    }),
  submitIntake: (patientId: string, formId: string, answers: Answers) =>
    request<{ id: string; version: number }>(
      'POST',
      `${intakePath(patientId, formId)}/submissions`,
      { body: { answers } },
    ),
};
