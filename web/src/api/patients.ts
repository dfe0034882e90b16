import { get, post, seg } from './client.ts';
import type {
  DocumentView,
  EmergencyGrant,
  PatientView,
  Registration,
  RevealableField,
  Search,
  SearchResults,
  SubmissionView,
} from './types.ts';

/**
 * Patients as the console reaches them. Whatever identifies a person (names, birth dates,
 * phones, emails, MRNs) travels in request bodies; paths carry the opaque patient id.
 */

export const searchPatients = (q: Search) => post<SearchResults>('/api/patients/search', q);

/** Registers; a possible duplicate is a 409 `possible-duplicate` with `possibleMatches`. */
export const registerPatient = (r: Registration) => post<PatientView>('/api/patients', r);

export const fetchPatient = (id: string, signal?: AbortSignal) =>
  get<PatientView>(`/api/patients/${seg(id)}`, { signal });

/** One masked identifier in full; the server asks for a step-up first (the dialog opens). */
export const revealIdentifier = (id: string, field: RevealableField) =>
  post<{ field: RevealableField; value: string | null }>(`/api/patients/${seg(id)}/reveal`, {
    field,
  });

export const emergencyReasons = ['emergency_care', 'covering_clinician', 'urgent_result'] as const;
export type EmergencyReason = (typeof emergencyReasons)[number];

/** Break-glass: an hour's access to a patient's clinical record (clinicians; step-up first). */
export const openEmergencyAccess = (id: string, reason: EmergencyReason) =>
  post<EmergencyGrant>(`/api/patients/${seg(id)}/emergency-access`, { reason });

export const fetchIntakeSubmissions = (id: string, signal?: AbortSignal) =>
  get<{ submissions: SubmissionView[] }>(`/api/patients/${seg(id)}/intake`, { signal });

export const fetchDocuments = (id: string, signal?: AbortSignal) =>
  get<{ documents: DocumentView[] }>(`/api/patients/${seg(id)}/documents`, { signal });

/** Where the browser downloads a document (an attachment, `no-store`). */
export const documentPath = (patientId: string, documentId: string) =>
  `/api/patients/${seg(patientId)}/documents/${seg(documentId)}`;
