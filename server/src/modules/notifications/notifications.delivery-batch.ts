import type { Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { directoryNames, type DirectoryNames } from '../directory/directory.lookup.ts';
import type { MessagingPreferences } from '../patients/patients.messaging.ts';
import { newActionLink } from './notifications.actions.ts';
import type { Channel } from './notifications.channels.ts';
import type { DeliveryOutcome } from './notifications.delivery.ts';
import { addressOn, candidates, type Addresses } from './notifications.delivery-addresses.ts';
import * as batchStore from './notifications.delivery-store.ts';
import type { NotificationsDeps } from './notifications.deps.ts';
import type { OutwardChannel, Plan } from './notifications.plan.ts';
import { render, variablesFrom, type Rendered } from './notifications.render.ts';
import * as store from './notifications.store.ts';
import {
  languageOf,
  shippedTemplate,
  type Language,
  type Template,
  type TemplateChannel,
} from './notifications.templates.ts';

const system: Actor = { type: 'system', job: 'notifications.deliver' };

/** What a claimed batch shares, read once in the claim's transaction (one statement each). */
export interface BatchContext {
  /** By patient id; absent: the patient never set preferences. */
  prefs: Map<string, MessagingPreferences>;
  /** By organization: its name and the batch's locations (names, addresses, zones). */
  names: Map<string, DirectoryNames>;
  plan(key: { org: string; typeId: string | null }): Plan;
  /** Saved templates by `org|kind|channel|language` (else the shipped one). */
  templates: Map<string, Template>;
  /** By PHI-handling channel: the organizations whose agreement with its vendor is in force. */
  agreements: Map<string, Set<string>>;
}

export interface Claimed {
  m: store.MessageRow;
  prefs: MessagingPreferences | undefined;
  zone: string;
  ctx: BatchContext;
  /** Its candidate channels' addresses, read with the batch's (loadAddresses). */
  addresses: Addresses;
}

export async function loadBatchContext(
  deps: NotificationsDeps,
  tx: Queryable,
  rows: store.MessageRow[],
  now: Date,
): Promise<BatchContext> {
  const byOrg = new Map<string, store.MessageRow[]>();
  for (const m of rows) byOrg.set(m.organization_id, [...(byOrg.get(m.organization_id) ?? []), m]);
  const orgs = [...byOrg.keys()];
  const prefs = new Map<string, MessagingPreferences>();
  const names = new Map<string, DirectoryNames>();
  for (const [org, ms] of byOrg) {
    const patients = [...new Set(ms.map((m) => m.patient_id))];
    for (const [id, p] of await deps.preferencesMany(tx, org, patients)) prefs.set(id, p);
    const locationIds = [...new Set(ms.map((m) => m.location_id))];
    names.set(org, await directoryNames(tx, org, { typeIds: [], providerIds: [], locationIds }));
  }
  const agreements = new Map<string, Set<string>>();
  for (const adapter of Object.values(deps.channels)) {
    if (adapter?.handlesPhi) {
      agreements.set(adapter.name, await batchStore.agreementsInForce(tx, orgs, adapter.name, now));
    }
  }
  return {
    prefs,
    names,
    plan: await batchStore.plansFor(
      tx,
      rows.map((m) => ({ org: m.organization_id, typeId: m.appointment_type_id })),
    ),
    templates: await batchStore.savedTemplates(tx, orgs),
    agreements,
  };
}

/** A claimed message with its channels in order and its first choice rendered. */
interface Prepared {
  c: Claimed;
  language: Language;
  values: ReturnType<typeof variablesFrom>;
  /** Channels left to try after `first`, in the plan's order. */
  rest: OutwardChannel[];
  first: { name: OutwardChannel; adapter: Channel; to: string; r: Rendered } | undefined;
}

type SentRow = store.Sent & { id: string };

/**
 * Sends a claimed batch and records it: each message's first channel is rendered, the batch's
 * action-link tokens stored in one statement (before any link leaves), the messages sent
 * `parallel` at a time (a failed channel falls through to the next), and every vendor id
 * recorded `sent` in one transaction, with its audit event, before the batch's outcomes are
 * answered (a job acknowledges only then). A worker dying between a vendor and that record
 * leaves the batch's messages `sending`: never sent again by itself, and a staff resend carries
 * the same idempotency key (the email's Message-ID and the SMS idempotency token derive from it).
 */
export async function sendBatch(
  deps: NotificationsDeps,
  claimed: (Claimed | 'early' | 'deferred' | 'gone')[],
  parallel: number,
): Promise<DeliveryOutcome[]> {
  const outcomes: DeliveryOutcome[] = claimed.map((c) => (typeof c === 'string' ? c : 'sent'));
  const work = claimed.flatMap((c, i) => (typeof c === 'string' ? [] : [{ c, i }]));
  const tokens: batchStore.NewActionToken[] = [];
  const prepared = await Promise.all(
    work.map(({ c, i }) =>
      prepare(deps, c, tokens).then(
        (p) => ({ p, i }),
        (err: unknown) => ({ err, i, c }),
      ),
    ),
  );
  await batchStore.insertActionTokens(deps.db, tokens);
  const sent: SentRow[] = [];
  const failed: { id: string; i: number }[] = [];
  const queue = [...prepared];
  const next = async (): Promise<void> => {
    const item = queue.shift();
    if (!item) return;
    if ('err' in item) {
      deps.log.error({ err: item.err, messageId: item.c.m.id }, 'notification not sent');
      failed.push({ id: item.c.m.id, i: item.i });
    } else {
      try {
        sent.push({ id: item.p.c.m.id, ...(await sendPrepared(deps, item.p)) });
      } catch (err) {
        deps.log.error({ err, messageId: item.p.c.m.id }, 'notification not sent');
        failed.push({ id: item.p.c.m.id, i: item.i });
      }
    }
    return next();
  };
  await Promise.all(Array.from({ length: Math.min(parallel, queue.length) }, next));
  await record(deps, work, sent);
  for (const f of failed) {
    await store.markFailed(deps.db, f.id);
    outcomes[f.i] = 'failed';
  }
  return outcomes;
}

/** The vendor ids of a batch, `sent`, with one audit event each, in one transaction. */
async function record(deps: NotificationsDeps, work: { c: Claimed }[], sent: SentRow[]) {
  if (sent.length === 0) return;
  const byId = new Map(work.map(({ c }) => [c.m.id, c.m]));
  await deps.db.transaction(async (tx) => {
    const recorded = await batchStore.markSentMany(tx, sent);
    for (const id of recorded) {
      const m = byId.get(id)!;
      await deps.audit.record(
        {
          actor: system,
          action: 'notification.sent',
          resourceType: 'notification',
          resourceId: id,
          patientId: m.patient_id,
          organizationId: m.organization_id,
          outcome: 'success',
        },
        tx,
      );
    }
  });
}

function templateOf(c: Claimed, channel: TemplateChannel, language: Language): Template {
  const key = `${c.m.organization_id}|${c.m.kind}|${channel}|${language}`;
  return c.ctx.templates.get(key) ?? shippedTemplate(c.m.kind, channel, language);
}

/** The first channel with an address, rendered; its action-link tokens are collected, not stored. */
async function prepare(
  deps: NotificationsDeps,
  c: Claimed,
  tokens: batchStore.NewActionToken[],
): Promise<Prepared> {
  const language = languageOf(c.prefs?.language);
  const names = c.ctx.names.get(c.m.organization_id)!;
  const values = variablesFrom(names, c.m, language, c.zone, deps.publicUrl, deps.clock.now());
  const rest = candidates(deps, c);
  while (rest.length > 0) {
    const name = rest.shift()!;
    const to = addressOn(c.addresses, name);
    if (!to) continue;
    const channel: TemplateChannel = name;
    const r = await render(deps, c.m, channel, language, values, {
      template: templateOf(c, channel, language),
      mint: (purpose) => {
        const { link, token } = newActionLink(deps, c.m, purpose);
        tokens.push(token);
        return link;
      },
    });
    return { c, language, values, rest, first: { name, adapter: deps.channels[name]!, to, r } };
  }
  return { c, language, values, rest, first: undefined };
}

/** The first channel that takes the message (rendering each fallback as it comes), else the portal. */
async function sendPrepared(deps: NotificationsDeps, p: Prepared): Promise<store.Sent> {
  const { c, language } = p;
  let attempt = p.first;
  while (attempt) {
    try {
      const { vendorId, recipientDigest } = await attempt.adapter.send({
        idempotencyKey: c.m.idempotency_key,
        to: attempt.to,
        subject: attempt.r.subject,
        text: attempt.r.body,
      });
      return {
        channel: attempt.name,
        language,
        vendorId,
        recipientDigest,
        ...attempt.r,
        sentAt: deps.clock.now(),
      };
    } catch {
      // The adapter logged what it may (no address); the next channel is tried.
      deps.log.warn({ messageId: c.m.id, channel: attempt.name }, 'channel failed: falling back');
    }
    attempt = await nextAttempt(deps, p);
  }
  const r = await render(deps, c.m, 'portal', language, p.values, {
    template: templateOf(c, 'portal', language),
  });
  return {
    channel: 'portal',
    language,
    vendorId: `portal:${c.m.id}`,
    ...r,
    sentAt: deps.clock.now(),
  };
}

async function nextAttempt(deps: NotificationsDeps, p: Prepared): Promise<Prepared['first']> {
  while (p.rest.length > 0) {
    const name = p.rest.shift()!;
    const to = addressOn(p.c.addresses, name);
    if (!to) continue;
    const channel: TemplateChannel = name;
    const r = await render(deps, p.c.m, channel, p.language, p.values, {
      template: templateOf(p.c, channel, p.language),
    });
    return { name, adapter: deps.channels[name]!, to, r };
  }
  return undefined;
}
