import { get, patch, post, seg } from './client.ts';
import type {
  AlertDetail,
  AlertRule,
  AlertRuleInput,
  AlertRuleUpdate,
  AlertSummary,
  AuditFilter,
  AuditPage,
  DisclosureReport,
  PatientSearch,
  PatientSearchResults,
  VerificationRun,
  VerificationState,
} from './types.ts';

/** The audit search's filters as a query string: opaque ids, action names and instants only. */
export function auditQuery(filter: AuditFilter & Record<string, string | number | undefined>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return params.toString();
}

export const searchAuditEvents = (
  filter: AuditFilter & { before?: string; limit?: number },
  signal?: AbortSignal,
) => get<AuditPage>(`/api/audit/events?${auditQuery(filter)}`, { signal });

/**
 * Where the browser downloads the export (the server names the file, writes formula-safe CSV
 * and audits the export). A link, not a fetch: the file goes to the person's downloads.
 */
export const auditExportUrl = (filter: AuditFilter, format: 'csv' | 'fhir-ndjson' = 'csv') =>
  `/api/audit/export?${auditQuery({ ...filter, format })}`;

export const fetchDisclosures = (
  patientId: string,
  period: { from: string; to: string },
  signal?: AbortSignal,
) =>
  get<DisclosureReport>(`/api/audit/patients/${seg(patientId)}/disclosures?${auditQuery(period)}`, {
    signal,
  });

export const fetchAlerts = (signal?: AbortSignal) =>
  get<{ alerts: AlertSummary[] }>('/api/audit/alerts', { signal });

export const fetchAlert = (alertId: string, signal?: AbortSignal) =>
  get<AlertDetail>(`/api/audit/alerts/${seg(alertId)}`, { signal });

export const fetchAlertRules = (signal?: AbortSignal) =>
  get<{ rules: AlertRule[] }>('/api/audit/alert-rules', { signal });

export const createAlertRule = (input: AlertRuleInput) =>
  post<AlertRule>('/api/audit/alert-rules', input);

export const updateAlertRule = (ruleId: string, change: AlertRuleUpdate) =>
  patch<AlertRule>(`/api/audit/alert-rules/${seg(ruleId)}`, change);

export const fetchVerification = (signal?: AbortSignal, background = false) =>
  get<VerificationState>('/api/audit/verification', { signal, background });

export const startVerification = (events: 'recent' | 'all') =>
  post<VerificationRun>('/api/audit/verification', { events });

/**
 * The patient an accounting request names, found by the identifiers in the request (in the body,
 * never the URL). The compliance officer receives the record's opaque id and how it matched.
 */
export const searchPatientsForAccounting = (search: PatientSearch) =>
  post<PatientSearchResults>('/api/patients/search', search);
