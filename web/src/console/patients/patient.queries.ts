import { queryOptions } from '@tanstack/react-query';
import { fetchIntakeForm } from '../../api/intake.ts';
import { fetchDocuments, fetchIntakeSubmissions, fetchPatient } from '../../api/patients.ts';
import type { EmergencyGrant } from '../../api/types.ts';

// Keys hold opaque ids only. Patient data lives in memory while the page shows it (gcTime 0).

export const patientQuery = (id: string) =>
  queryOptions({
    queryKey: ['patient', id],
    queryFn: ({ signal }) => fetchPatient(id, signal),
    gcTime: 0,
    retry: false,
  });

export const intakeQuery = (id: string) =>
  queryOptions({
    queryKey: ['patient', id, 'intake'],
    queryFn: ({ signal }) => fetchIntakeSubmissions(id, signal),
    gcTime: 0,
    retry: false,
  });

export const documentsQuery = (id: string) =>
  queryOptions({
    queryKey: ['patient', id, 'documents'],
    queryFn: ({ signal }) => fetchDocuments(id, signal),
    gcTime: 0,
    retry: false,
  });

/** The questions of the clinic's forms (no answers), to label what a patient answered. */
export const formQuery = (organizationId: string, key: string) =>
  queryOptions({
    queryKey: ['intake-form', organizationId, key],
    queryFn: ({ signal }) => fetchIntakeForm(organizationId, key, signal),
    staleTime: 10 * 60_000,
    retry: false,
  });

/** A break-glass grant this tab opened (ids and times only), while it lasts. */
export const grantKey = (patientId: string) => ['emergency-access', patientId] as const;
export type Grant = EmergencyGrant;
