import type { Queryable } from '../../platform/db/db.ts';
import type { DirectoryNames } from '../directory/directory.lookup.ts';
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
 * A message's variables from the organization's names (a delivery batch reads them once): the
 * clinic and location, the date and time in the patient's zone and language, the modality, the
 * reason code's words, links. Nothing about the patient.
 */
export function variablesFrom(
  names: Pick<DirectoryNames, 'organizationName' | 'locations'>,
  m: MessageRow,
  language: Language,
  zone: string,
  publicUrl: string,
  now: Date,
): Record<BaseVariable, string> {
  const location = names.locations.get(m.location_id);
  const a = location?.address;
  const address = a ? [a.line, a.city, a.region, a.postalCode].filter(Boolean).join(', ') : '';
  const locale = language === 'es' ? 'es-US' : 'en-US';
  const start = m.appointment_start;
  const w = words[language];
  const portalLink = `${publicUrl}/portal`;
  const date = formatter(locale, zone, 'date').format(start);
  return {
    clinicName: names.organizationName,
    locationName: location?.name ?? '',
    locationAddress: address,
    date,
    day: dayWords(start, now, zone, w.day, date),
    time: formatter(locale, zone, 'time').format(start),
    modality: w.modality[m.modality] ?? '',
    reason: (m.reason_code && w.reason[m.reason_code]) || w.reason.other!,
    portalLink,
  };
}

/**
 * "today", "tomorrow" or "on <date>": the appointment's day in `zone` as the patient reads the
 * message when it goes (`now`). A nudge moved out of the night may go the evening before.
 */
function dayWords(
  start: Date,
  now: Date,
  zone: string,
  w: { today: string; tomorrow: string; on: string },
  date: string,
): string {
  const day = formatter('en-CA', zone, 'day');
  const startDay = day.format(start);
  const today = day.format(now);
  if (startDay === today) return w.today;
  const next = new Date(`${today}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  if (startDay === next.toISOString().slice(0, 10)) return w.tomorrow;
  return w.on.replace('{date}', date);
}

const styles = {
  date: { dateStyle: 'full' },
  time: { timeStyle: 'short' },
  /** YYYY-MM-DD with the en-CA locale: a calendar day to compare. */
  day: { year: 'numeric', month: '2-digit', day: '2-digit' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/** Building a formatter costs far more than using one: one per locale, zone and style. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, zone: string, style: keyof typeof styles) {
  const key = `${locale}|${zone}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: zone, ...styles[style] });
    formatters.set(key, f);
  }
  return f;
}

/** The variables that are action links, each minted only when the template uses it. */
const actionLinks = [
  ['confirmLink', 'confirm'],
  ['cancelLink', 'cancel'],
  ['rescheduleLink', 'reschedule'],
] as const;
type BaseVariable = Exclude<TemplateVariable, (typeof actionLinks)[number][0] | 'offerLink'>;

export interface RenderOptions {
  /** The template read already (a batch reads the saved ones once). */
  template?: Template;
  /** Mints an action link (a batch collects the token rows and stores them in one statement). */
  mint?: (purpose: (typeof actionLinks)[number][1]) => Promise<string> | string;
}

export async function render(
  deps: NotificationsDeps,
  m: MessageRow,
  channel: TemplateChannel,
  language: Language,
  base: Record<BaseVariable, string>,
  opts: RenderOptions = {},
): Promise<Rendered> {
  const t =
    opts.template ?? (await templateFor(deps.db, m.organization_id, m.kind, channel, language));
  const mint = opts.mint ?? ((purpose) => mintActionLink(deps, deps.db, m, purpose));
  const values: Partial<Record<TemplateVariable, string>> = { ...base };
  for (const [variable, purpose] of actionLinks) {
    if (new RegExp(`\\{\\{\\s*${variable}\\s*\\}\\}`).test(t.subject + t.body)) {
      values[variable] = await mint(purpose);
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
