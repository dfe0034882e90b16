import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/db.ts';
import { normalize } from '../../platform/crypto/normalize.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import { anonymous, type Actor } from '../../platform/http/actor.ts';
import { NotFound } from '../../platform/http/errors.ts';
import { findOrganizationBySlug } from '../directory/directory.service.ts';
import { admitAttempt, failAttempt } from './identity.attempts.ts';
import { checkSendAllowance, claimCode, codePolicy, issueCode } from './identity.codes.ts';
import { auditEntry, notify, type IdentityDeps, type RequestInfo } from './identity.deps.ts';
import { CodeRejected, emailCodeRejected } from './identity.errors.ts';
import { patientRecordFor, type SelfServiceIdentity } from './identity.records.ts';
import { addGuestAppointment } from './identity.session-store.ts';
import { guestActorFor, startGuestSession, type IssuedSession } from './identity.sessions.ts';
import { checkThrottle, recordFailure, recordSuccess, throttleKeys } from './identity.throttle.ts';

/**
 * Guest booking: a patient without an account proves the email they give with a six-digit code,
 * and gets a short guest session for one patient record (a certain match that no account claims,
 * else a new record: identity.records.ts). The session reaches only the appointments it books.
 */

export type GuestDetails = Omit<SelfServiceIdentity, 'preferredName'>;

/** What a guest's codes are counted and found by: the email's blind index (no PHI). */
async function guestSubjects(tx: Queryable, vault: Vault, organizationId: string, email: string) {
  const all = await vault.blindIndexes(tx, organizationId, 'one_time_codes', 'guest_email', email);
  return all.map((b) => `guest:${b.toString('hex')}`);
}

async function guestSubject(tx: Queryable, vault: Vault, organizationId: string, email: string) {
  const b = await vault.blindIndex(tx, organizationId, 'one_time_codes', 'guest_email', email);
  return `guest:${b.toString('hex')}`;
}

/**
 * POST /api/guest/start: mails a code to the email given. What they gave is sealed with the code
 * until it is entered; nothing touches the patient directory before that. Throttled per email and
 * address like registration, at most 5 codes an hour per email.
 */
export async function startGuest(
  deps: IdentityDeps,
  req: RequestInfo,
  input: GuestDetails & { organization: string },
): Promise<void> {
  const now = deps.clock.now();
  const email = normalize.email(input.email);
  const org = await findOrganizationBySlug(deps.db, input.organization);
  if (!org) throw new NotFound('No organization with that address.');
  const keys = throttleKeys(org.id, `guest:${email}`, req.ip);
  await checkThrottle(deps.db, 'reset', keys, now);
  await recordFailure(deps.db, 'reset', keys, now); // counts requests: no mail flooding
  const details: GuestDetails = {
    legalName: input.legalName,
    dateOfBirth: input.dateOfBirth,
    sex: input.sex,
    ...(input.phone !== undefined ? { phone: input.phone } : {}),
    email,
  };
  const code = await deps.db.transaction(async (tx) => {
    const subject = await guestSubject(tx, deps.vault, org.id, email);
    await checkSendAllowance(tx, org.id, 'guest', subject, now);
    const issued = await issueCode(
      tx,
      deps.vault,
      { organizationId: org.id, purpose: 'guest', subject, payload: JSON.stringify(details) },
      now,
    );
    await deps.audit.record(
      auditEntry(anonymous, 'identity.guest.start', req, {
        resourceType: 'one-time-code',
        resourceId: issued.id,
        organizationId: org.id,
      }),
      tx,
    );
    return issued.code;
  });
  await notify(deps, email, 'Your Hourglass booking code', [
    `Your code to book a visit is ${code}.`,
    `It works once, for ${codePolicy.lifetimeMs / 60_000} minutes. If you did not ask for it, ignore this message.`,
  ]);
}

/**
 * POST /api/guest/verify: the code for the email starts a guest session (booking) for the
 * person's record. A wrong code counts against the code and is throttled like a TOTP attempt.
 */
export async function verifyGuest(
  deps: IdentityDeps,
  req: RequestInfo,
  input: { organization: string; email: string; code: string },
): Promise<IssuedSession & { patientId: string }> {
  const now = deps.clock.now();
  const email = normalize.email(input.email);
  const org = await findOrganizationBySlug(deps.db, input.organization);
  const keys = throttleKeys(org?.id ?? `slug:${input.organization}`, `guest:${email}`, req.ip);
  const attempt = auditEntry(anonymous, 'identity.guest.verify', req, {
    resourceType: 'session',
    organizationId: org?.id ?? null,
  });
  await admitAttempt(deps, 'mfa', keys, now, attempt);
  const issued = org
    ? await deps.db.transaction(async (tx) => {
        const claimed = await claimCode(
          tx,
          deps.vault,
          {
            organizationId: org.id,
            purpose: 'guest',
            subjects: await guestSubjects(tx, deps.vault, org.id, email),
            code: input.code,
          },
          now,
        );
        if (!claimed?.payload) return null;
        const details = JSON.parse(claimed.payload) as GuestDetails;
        const id = randomUUID();
        const actor = pendingGuest(id, org.id);
        const patientId = await patientRecordFor(deps, tx, actor, org.id, details);
        const session = await startGuestSession(tx, {
          id,
          organizationId: org.id,
          patientId,
          scope: 'booking',
          appointmentIds: [],
          appointmentTypeIds: [],
          now,
          userAgent: req.userAgent,
          ip: req.ip,
        });
        await deps.audit.record(
          auditEntry(guestActorFor(session.session), 'identity.guest.verify', req, {
            resourceType: 'session',
            resourceId: id,
            organizationId: org.id,
            patientId,
          }),
          tx,
        );
        return { ...session, patientId };
      })
    : null;
  if (!issued) {
    await failAttempt(deps, 'mfa', keys, now, attempt);
    throw new CodeRejected(emailCodeRejected);
  }
  await recordSuccess(deps.db, 'mfa', keys);
  return issued;
}

/** The guest as the actor of its record's audit events, before its session row exists. */
function pendingGuest(sessionId: string, organizationId: string): Actor {
  return {
    type: 'patient',
    id: sessionId,
    organizationId,
    guest: { scope: 'booking', appointmentIds: [], appointmentTypeIds: [] },
  };
}

/**
 * Booking's `onAppointmentCreated` (composed in app.ts): a guest session remembers each
 * appointment it creates (hold, reschedule), in the booking's own transaction, so it may confirm,
 * view, cancel or reschedule it afterwards, and fill in its visit type's intake form.
 */
export async function rememberGuestAppointment(
  tx: Queryable,
  appointment: { id: string; appointmentTypeId: string },
  actor: Actor,
): Promise<void> {
  if (actor.type !== 'patient' || !actor.guest || !actor.session) return;
  await addGuestAppointment(tx, actor.session.id, appointment.id, appointment.appointmentTypeId);
  // The request's actor learns it too: a reschedule reads the new appointment back at once.
  actor.guest.appointmentIds.push(appointment.id);
  actor.guest.appointmentTypeIds.push(appointment.appointmentTypeId);
}
