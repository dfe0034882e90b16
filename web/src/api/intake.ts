import { get, put, post, seg } from './client.ts';
import type { Answers, FormView } from './types.ts';

const intakePath = (patientId: string, formId: string) =>
  `/api/patients/${seg(patientId)}/intake/${seg(formId)}`;

export const fetchIntakeForm = (
  organizationId: string,
  appointmentType: string,
  signal?: AbortSignal,
) =>
  get<FormView>(`/api/organizations/${seg(organizationId)}/intake-forms/${seg(appointmentType)}`, {
    signal,
  });

export const fetchIntakeDraft = (patientId: string, formId: string, signal?: AbortSignal) =>
  get<{ draft: { answers: Answers; expiresAt: string } | null }>(
    `${intakePath(patientId, formId)}/draft`,
    { signal },
  );

export const saveIntakeDraft = (patientId: string, formId: string, answers: Answers) =>
  put<{ expiresAt: string }>(`${intakePath(patientId, formId)}/draft`, { answers });

export const submitIntake = (patientId: string, formId: string, answers: Answers) =>
  post<{ id: string; version: number }>(`${intakePath(patientId, formId)}/submissions`, {
    answers,
  });
