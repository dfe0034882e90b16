import { csvDocument } from '../../platform/http/csv.ts';
import { balpMappings } from './audit.balp.ts';
import type { AuditEventView } from './audit.schema.ts';
import type { CanonicalRow } from './audit.store.ts';

export function toView(r: CanonicalRow): AuditEventView {
  return {
    id: r.id,
    seq: r.seq,
    occurredAt: r.occurred_at,
    organizationId: r.organization_id,
    actor: { type: r.actor_type, id: r.actor_id, role: r.actor_role },
    action: r.action,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    resourceIds: r.resource_ids,
    patientId: r.patient_id,
    outcome: r.outcome as AuditEventView['outcome'],
    requestId: r.request_id,
    sourceIp: r.source_ip,
    userAgentDigest: r.user_agent_digest,
    sourceCountry: r.source_country,
  };
}

const csvColumns = [
  'id',
  'seq',
  'occurred_at',
  'organization_id',
  'actor_type',
  'actor_id',
  'actor_role',
  'action',
  'resource_type',
  'resource_id',
  'resource_ids',
  'patient_id',
  'outcome',
  'request_id',
  'source_ip',
  'user_agent_digest',
  'source_country',
] as const;

export function toCsv(rows: CanonicalRow[]): string {
  return csvDocument(
    csvColumns,
    rows.map((r) =>
      csvColumns.map((c) => (c === 'resource_ids' ? (r.resource_ids?.join(' ') ?? null) : r[c])),
    ),
  );
}

const balp = 'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.';
const dcm = 'http://dicom.nema.org/resources/ontology/DCM';

// What each RESTful interaction is as a CRUDE action code and a BALP profile.
const interactions = {
  read: { action: 'R', profile: 'Read' },
  'search-type': { action: 'E', profile: 'Query' },
  create: { action: 'C', profile: 'Create' },
  update: { action: 'U', profile: 'Update' },
  delete: { action: 'D', profile: 'Delete' },
} as const;

const outcomes: Record<string, string> = { success: '0', denied: '4', failed: '8' };

/** The event's type, subtype, action code and BALP profile, from the action's mapping. */
function classify(r: CanonicalRow) {
  const m = balpMappings[r.action];
  if (!m) {
    // Not expected (audit.balp.test.ts keeps the table complete): say what it is, claim nothing.
    const own = code('urn:hourglass:audit-action', r.action);
    return { type: own, subtype: [own], action: 'E', profile: undefined };
  }
  if ('rest' in m) {
    const i = interactions[m.rest];
    return {
      type: code(
        'http://terminology.hl7.org/CodeSystem/audit-event-type',
        'rest',
        'RESTful Operation',
      ),
      subtype: [code('http://hl7.org/fhir/restful-interaction', m.rest)],
      action: i.action,
      profile: `${balp}${r.patient_id ? 'Patient' : ''}${i.profile}`,
    };
  }
  return {
    type: code(dcm, ...m.dicom),
    subtype: m.subtype ? [code(dcm, ...m.subtype)] : [],
    action: m.action,
    profile: undefined,
  };
}

/** A FHIR R4 AuditEvent in the shape of IHE Basic Audit Log Patterns (BALP). */
export function toFhirAuditEvent(r: CanonicalRow): Record<string, unknown> {
  const { type, subtype, action, profile } = classify(r);
  const entities: Record<string, unknown>[] = [];
  if (r.patient_id) {
    entities.push({
      what: { reference: `Patient/${r.patient_id}` },
      type: code('http://terminology.hl7.org/CodeSystem/audit-entity-type', '1', 'Person'),
      role: code('http://terminology.hl7.org/CodeSystem/object-role', '1', 'Patient'),
    });
  }
  for (const id of r.resource_ids ?? (r.resource_id ? [r.resource_id] : [])) {
    entities.push({
      what: { identifier: { system: `urn:hourglass:${r.resource_type}`, value: id } },
      type: code('http://terminology.hl7.org/CodeSystem/audit-entity-type', '2', 'System Object'),
    });
  }
  if (r.request_id) {
    entities.push({
      what: { identifier: { value: r.request_id } },
      type: code(
        'https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType',
        'XrequestId',
        'X-Request-Id',
      ),
    });
  }
  return {
    resourceType: 'AuditEvent',
    id: r.id,
    ...(profile ? { meta: { profile: [profile] } } : {}),
    type,
    ...(subtype.length ? { subtype } : {}),
    action,
    recorded: r.occurred_at,
    outcome: outcomes[r.outcome] ?? '8',
    agent: [
      {
        type: {
          coding: [
            code(
              'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
              'IRCP',
              'information recipient',
            ),
          ],
        },
        who: {
          identifier: { system: `urn:hourglass:${r.actor_type}`, value: r.actor_id ?? 'anonymous' },
        },
        ...(r.actor_role ? { role: [{ text: r.actor_role }] } : {}),
        requestor: true,
        ...(r.source_ip ? { network: { address: r.source_ip, type: '2' } } : {}),
      },
    ],
    source: {
      site: r.organization_id ?? 'hourglass',
      observer: { display: 'Hourglass' },
      type: [
        code(
          'http://terminology.hl7.org/CodeSystem/security-source-type',
          '4',
          'Application Server',
        ),
      ],
    },
    ...(entities.length ? { entity: entities } : {}),
  };
}

function code(system: string, value: string, display?: string) {
  return { system, code: value, ...(display ? { display } : {}) };
}

export function toFhirNdjson(rows: CanonicalRow[]): string {
  return rows.map((r) => JSON.stringify(toFhirAuditEvent(r)) + '\n').join('');
}
