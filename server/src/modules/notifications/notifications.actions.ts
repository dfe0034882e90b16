import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { DomainError, NotFound } from '../../platform/http/errors.ts';
import type { NotificationsDeps } from './notifications.deps.ts';
import * as tokens from './notifications.actions-store.ts';
import type { ActionPurpose } from './notifications.actions-store.ts';
import type { MessageRow } from './notifications.store.ts';

/**
 * Action links: confirm, cancel or reschedule from a message. Each link is one purpose for one
 * message: 256 random bits in the URL's fragment (`/messages/action#token=…`, never sent to a
 * server log), only its SHA-256 stored, expiring when the appointment starts, usable once. The
 * page shows the message itself (`preview`) and nothing more until the patient is signed in (or
 * in a visit session of theirs); `use` then acts as them, through booking's own rules.
 */

export const tokenInput = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

const hash = (token: string) => createHash('sha256').update(token).digest();

export class ActionLinkExpired extends DomainError {
  constructor() {
    super(
      400,
      'link-expired',
      'This link no longer works',
      'The link has expired or was used already. Sign in to see your appointments.',
    );
  }
}

/** Mints a link of one purpose for a message being rendered. */
export async function mintActionLink(
  deps: NotificationsDeps,
  q: Queryable,
  m: MessageRow,
  purpose: ActionPurpose,
): Promise<string> {
  const { link, token } = newActionLink(deps, m, purpose);
  await tokens.insertActionToken(q, token);
  return link;
}

/** A link and the token row to store for it (a delivery batch stores its rows in one statement). */
export function newActionLink(
  deps: Pick<NotificationsDeps, 'publicUrl'>,
  m: MessageRow,
  purpose: ActionPurpose,
) {
  const token = randomBytes(32).toString('base64url');
  return {
    link: `${deps.publicUrl}/messages/${purpose}#token=${token}`,
    token: {
      tokenHash: hash(token),
      organization_id: m.organization_id,
      message_id: m.id,
      appointment_id: m.appointment_id,
      patient_id: m.patient_id,
      purpose,
      expires_at: m.appointment_start,
    },
  };
}

/** What the link's page may show before anyone signs in: the message, and what the link does. */
export async function previewAction(deps: NotificationsDeps, token: string) {
  const t = await tokens.findLiveToken(deps.db, hash(token), deps.clock.now());
  if (!t) throw new ActionLinkExpired();
  return {
    purpose: t.purpose,
    subject: t.subject,
    body: t.body,
    expiresAt: t.expires_at.toISOString(),
  };
}

/**
 * The appointment a live link is about, for identity's one-time code (ids only): the patient may
 * act without signing in once they enter the code sent to them. Messages planned before the type
 * was recorded with them (migration 0130) got it from their appointment (0176); one without a
 * type has no answer: its patient signs in.
 */
export async function resolveActionLink(db: Queryable, token: string, now: Date) {
  const t = await tokens.findLiveToken(db, hash(token), now);
  if (!t?.appointment_type_id) return undefined;
  return {
    id: t.message_id,
    organizationId: t.organization_id,
    patientId: t.patient_id,
    appointmentId: t.appointment_id,
    appointmentTypeId: t.appointment_type_id,
    channel: t.channel,
  };
}

/**
 * Uses the link as the signed-in patient (the link's own patient: another's is a 404). Cancel
 * goes through booking with the patient's reason code and cut-off; a refusal gives the link back.
 */
export async function useAction(deps: NotificationsDeps, actor: Actor, token: string) {
  if (actor.type !== 'patient' || !actor.patientId) throw new NotFound();
  const h = hash(token);
  const live = await tokens.findLiveToken(deps.db, h, deps.clock.now());
  if (!live) throw new ActionLinkExpired();
  if (live.patient_id !== actor.patientId || live.organization_id !== actor.organizationId) {
    throw new NotFound();
  }
  const t = await tokens.claimToken(deps.db, h, actor.patientId, deps.clock.now());
  if (!t) throw new ActionLinkExpired();
  try {
    if (t.purpose === 'cancel') {
      await deps.cancelAppointment(actor, t.organization_id, t.appointment_id);
    }
  } catch (err) {
    await tokens.releaseToken(deps.db, h);
    throw err;
  }
  const response = { confirm: 'confirmed', cancel: 'cancelled', reschedule: 'reschedule' }[
    t.purpose
  ];
  await deps.db.transaction(async (tx) => {
    await tokens.recordResponse(tx, t.message_id, response);
    await deps.audit.record(
      {
        actor,
        action: auditAction[t.purpose],
        resourceType: 'notification',
        resourceId: t.message_id,
        patientId: t.patient_id,
        organizationId: t.organization_id,
        outcome: 'success',
      },
      tx,
    );
  });
  return { purpose: t.purpose, appointmentId: t.appointment_id };
}

const auditAction: Record<ActionPurpose, string> = {
  confirm: 'notification.action.confirm',
  cancel: 'notification.action.cancel',
  reschedule: 'notification.action.reschedule',
};
