import type { FhirResource } from './fhir.resources.ts';
import { appointmentTypeSystem } from './fhir.resources.ts';
import { patientResource, type PatientRecord } from './fhir.patients.ts';

/**
 * The right-of-access export (GET /api/me/record) as a FHIR `collection` Bundle: the Patient,
 * each Appointment with its status history (an extension: R4 has no element for it), each
 * intake submission as a QuestionnaireResponse, and each proxy or guardian consent as a Consent.
 * Built from the JSON export, so both formats always hold the same record.
 */

export const statusHistoryExtension = 'urn:hourglass:fhir:status-history';

interface ExportedAppointment {
  id: string;
  start: string;
  end: string;
  status: string;
  appointmentType: { id: string; name: string };
  provider: { id: string; displayName: string };
  location: { id: string; name: string };
  history?: { at: string; from: string | null; to: string; by: string }[];
}
interface ExportedConsent {
  id: string;
  kind: 'proxy' | 'guardian';
  proxyName?: string | null;
  grantedAt: string;
  validUntil: string | null;
  revokedAt: string | null;
}
interface ExportedIntake {
  formId: string;
  version: number;
  submittedAt: string;
  answers: unknown;
}
export interface ExportedRecord {
  exportedAt: string;
  patient: Omit<PatientRecord, 'id'> & { id: string };
  consents?: ExportedConsent[];
  appointments?: ExportedAppointment[];
  intakeSubmissions?: ExportedIntake[];
}

const fhirStatus: Record<string, string> = {
  held: 'pending',
  booked: 'booked',
  checked_in: 'arrived',
  completed: 'fulfilled',
  no_show: 'noshow',
  cancelled: 'cancelled',
  expired: 'cancelled',
};

function appointmentOf(a: ExportedAppointment, patientId: string): FhirResource {
  const status = fhirStatus[a.status] ?? 'cancelled';
  const participation = status === 'cancelled' ? 'declined' : 'accepted';
  const concept = {
    coding: [{ system: appointmentTypeSystem, code: a.appointmentType.id }],
    ...(a.appointmentType.name ? { text: a.appointmentType.name } : {}),
  };
  const history = (a.history ?? []).map((h) => ({
    url: statusHistoryExtension,
    extension: [
      { url: 'at', valueInstant: h.at },
      { url: 'status', valueCode: h.to },
      { url: 'by', valueCode: h.by },
    ],
  }));
  return {
    resourceType: 'Appointment',
    id: a.id,
    ...(history.length ? { extension: history } : {}),
    status,
    serviceType: [concept],
    appointmentType: concept,
    start: new Date(a.start).toISOString(),
    end: new Date(a.end).toISOString(),
    participant: [
      { actor: { reference: `Patient/${patientId}` }, status: participation },
      {
        actor: { reference: `Practitioner/${a.provider.id}`, display: a.provider.displayName },
        status: participation,
      },
      {
        actor: { reference: `Location/${a.location.id}`, display: a.location.name },
        status: participation,
      },
    ],
  };
}

/** One answer value as FHIR's answer choice; undefined for what has none (null, objects). */
function answerOf(v: unknown): object | undefined {
  if (typeof v === 'string') return v === '' ? undefined : { valueString: v };
  if (typeof v === 'boolean') return { valueBoolean: v };
  if (typeof v === 'number') {
    return Number.isInteger(v) ? { valueInteger: v } : { valueDecimal: v };
  }
  return undefined;
}

function questionnaireResponseOf(s: ExportedIntake, i: number, patientId: string): FhirResource {
  const answers = (s.answers ?? {}) as Record<string, unknown>;
  const item = Object.entries(answers).flatMap(([linkId, value]) => {
    const answer = (Array.isArray(value) ? value : [value])
      .map(answerOf)
      .filter((a) => a !== undefined);
    return answer.length ? [{ linkId, answer }] : [];
  });
  return {
    resourceType: 'QuestionnaireResponse',
    id: `intake-${i + 1}`,
    questionnaire: `urn:hourglass:intake-form:${s.formId}|${s.version}`,
    status: 'completed',
    subject: { reference: `Patient/${patientId}` },
    authored: s.submittedAt,
    ...(item.length ? { item } : {}),
  };
}

function consentOf(c: ExportedConsent, patientId: string, now: number): FhirResource {
  const ended = c.revokedAt !== null || (c.validUntil !== null && Date.parse(c.validUntil) <= now);
  return {
    resourceType: 'Consent',
    id: c.id,
    status: ended ? 'inactive' : 'active',
    scope: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' },
      ],
    },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: { reference: `Patient/${patientId}` },
    dateTime: c.grantedAt,
    policyRule: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }],
    },
    provision: {
      type: 'permit',
      period: {
        start: c.grantedAt,
        ...((c.revokedAt ?? c.validUntil) ? { end: c.revokedAt ?? c.validUntil } : {}),
      },
      actor: [
        {
          role: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
                code: c.kind === 'guardian' ? 'GUARD' : 'POWATT',
              },
            ],
          },
          reference: { display: c.proxyName ?? (c.kind === 'guardian' ? 'Guardian' : 'Proxy') },
        },
      ],
    },
  };
}

export function recordBundle(record: ExportedRecord): FhirResource {
  const patientId = record.patient.id;
  const now = Date.parse(record.exportedAt);
  const resources: FhirResource[] = [
    patientResource(record.patient),
    ...(record.appointments ?? []).map((a) => appointmentOf(a, patientId)),
    ...(record.intakeSubmissions ?? []).map((s, i) => questionnaireResponseOf(s, i, patientId)),
    ...(record.consents ?? []).map((c) => consentOf(c, patientId, now)),
  ];
  return {
    resourceType: 'Bundle',
    id: `record-${patientId}`,
    type: 'collection',
    timestamp: record.exportedAt,
    entry: resources.map((resource) => ({
      fullUrl: `urn:uuid:${/^[0-9a-f-]{36}$/.test(String(resource.id)) ? String(resource.id) : crypto.randomUUID()}`,
      resource,
    })),
  };
}
