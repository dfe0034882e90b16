import type { Queryable } from '../../platform/db/db.ts';
import { directoryNames } from '../directory/directory.lookup.ts';
import { fill, type TemplateVariable } from './notifications.template-lint.ts';
import {
  shippedTemplate,
  words,
  type Language,
  type Template,
  type TemplateChannel,
} from './notifications.templates.ts';
import * as store from './notifications.store.ts';
import type { MessageRow } from './notifications.store.ts';
import { mintActionLink } from './notifications.actions.ts';
import type { NotificationsDeps } from './notifications.deps.ts';

export interface Rendered {
  subject: string;
  body: string;
  templateKey: string;
  templateVersion: number;
}

/** The clinic's saved wording of a template, else the shipped one. */
export async function templateFor(
  q: Queryable,
  org: string,
  kind: MessageRow['kind'],
  channel: TemplateChannel,
  language: Language,
): Promise<Template> {
  return (
    (await store.findTemplate(q, org, kind, channel, language)) ??
    shippedTemplate(kind, channel, language)
  );
}

/**
 * The values a message may show: the clinic, the place, the time in the patient's zone and
 * language, the modality, the reason code's words, links. Nothing about the patient.
 */
export async function variablesFor(
  q: Queryable,
  m: MessageRow,
  language: Language,
  zone: string,
  publicUrl: string,
): Promise<Record<BaseVariable, string>> {
  const names = await directoryNames(q, m.organization_id, {
    typeIds: [],
    providerIds: [],
    locationIds: [m.location_id],
  });
  const location = names.locations.get(m.location_id);
  const a = location?.address;
  const address = a ? [a.line, a.city, a.region, a.postalCode].filter(Boolean).join(', ') : '';
  const locale = language === 'es' ? 'es-US' : 'en-US';
  const start = m.appointment_start;
  const w = words[language];
  const portalLink = `${publicUrl}/portal`;
  return {
    clinicName: names.organizationName,
    locationName: location?.name ?? '',
    locationAddress: address,
    date: new Intl.DateTimeFormat(locale, { timeZone: zone, dateStyle: 'full' }).format(start),
    time: new Intl.DateTimeFormat(locale, { timeZone: zone, timeStyle: 'short' }).format(start),
    modality: w.modality[m.modality] ?? '',
    reason: (m.reason_code && w.reason[m.reason_code]) || w.reason.other!,
    portalLink,
  };
}

/** The variables that are action links, each minted only when the template uses it. */
const actionLinks = [
  ['confirmLink', 'confirm'],
  ['cancelLink', 'cancel'],
  ['rescheduleLink', 'reschedule'],
] as const;
type BaseVariable = Exclude<TemplateVariable, (typeof actionLinks)[number][0] | 'offerLink'>;

export async function render(
  deps: NotificationsDeps,
  m: MessageRow,
  channel: TemplateChannel,
  language: Language,
  base: Record<BaseVariable, string>,
): Promise<Rendered> {
  const t = await templateFor(deps.db, m.organization_id, m.kind, channel, language);
  const values: Partial<Record<TemplateVariable, string>> = { ...base };
  for (const [variable, purpose] of actionLinks) {
    if (new RegExp(`\\{\\{\\s*${variable}\\s*\\}\\}`).test(t.subject + t.body)) {
      values[variable] = await mintActionLink(deps, deps.db, m, purpose);
    }
  }
  // A waitlist offer's link, minted by the waitlist (its token hash kept on the offer).
  if (/\{\{\s*offerLink\s*\}\}/.test(t.subject + t.body)) {
    values.offerLink =
      (await deps.offerLink?.(deps.db, m.appointment_id, m.patient_id)) ?? base.portalLink;
  }
  return {
    subject: fill(t.subject, values),
    body: fill(t.body, values),
    templateKey: `${m.kind}/${channel}/${language}`,
    templateVersion: t.version,
  };
}
