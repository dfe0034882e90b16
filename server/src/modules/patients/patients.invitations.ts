import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { DomainError, Invalid, NotFound } from '../../platform/http/errors.ts';
import type { createAudit } from '../audit/audit.service.ts';
import { organizationOf } from './patients.policy.ts';
import type { Consent } from './patients.schema.ts';
import { activeProxies, insertProxy } from './patients.relations.store.ts';

/** How long a caregiver invitation's link works. */
export const caregiverInvitationLifetimeMs = 72 * 3_600_000;

/** Sends one plain-text email (the app's mailer, composed in app.ts). */
export type SendMail = (to: string, subject: string, lines: string[]) => Promise<void>;

export class CaregiverLinkExpired extends DomainError {
  constructor() {
    super(
      400,
      'link-expired',
      'This invitation no longer works',
      'The invitation has expired or was used already. Ask the patient to invite you again.',
    );
  }
}

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest();

interface InvitationRow {
  id: string;
  organization_id: string;
  patient_id: string;
  scope: Consent['scope'];
  valid_until: Date | null;
  invited_by_id: string;
}

/**
 * Caregiver invitations: a patient names a caregiver by an email no account of the clinic uses;
 * the link mailed there (an opaque 256-bit token, only its hash kept, 72 hours, single use) lets
 * the caregiver, once signed in with a patient account of their own, accept: the consent is then
 * the same proxy consent a grant by email makes, and the patient revokes it the same way.
 */
export function createCaregiverInvitations(deps: {
  db: Db;
  audit: ReturnType<typeof createAudit>;
  mail: SendMail;
  publicUrl: string;
}) {
  const { db, audit } = deps;
  const record = (actor: Actor, tx: Queryable, action: string, patientId: string, id: string) =>
    audit.record(
      {
        actor,
        action,
        resourceType: 'patient.consent',
        resourceId: id,
        patientId,
        organizationId: organizationOf(actor),
        outcome: 'success',
      },
      tx,
    );

  return {
    /** Called by a grant by email that found no account: access was checked by the caller. */
    async invite(
      actor: Actor,
      patientId: string,
      grant: { proxyEmail: string; scope: Consent['scope']; validUntil?: string | undefined },
      now: Date,
    ): Promise<void> {
      if (actor.type !== 'patient') throw new NotFound();
      const token = randomBytes(32).toString('base64url');
      const id = randomUUID();
      await db.transaction(async (tx) => {
        await tx.query(
          `insert into caregiver_invitations (id, organization_id, patient_id, token_hash, scope,
             valid_until, invited_by_id, created_at, expires_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            id,
            organizationOf(actor),
            patientId,
            hashOf(token),
            grant.scope,
            grant.validUntil ? new Date(grant.validUntil) : null,
            actor.id,
            now,
            new Date(now.getTime() + caregiverInvitationLifetimeMs),
          ],
        );
        await record(actor, tx, 'patient.consent.invite', patientId, id);
      });
      // No name in the message: whoever reads it learns only that someone invited this address.
      await deps.mail(grant.proxyEmail.trim(), 'You are invited to help with appointments', [
        'A patient of a clinic that uses Hourglass invited you to book and manage their appointments.',
        `Sign in or create an account, then accept within 72 hours: ${deps.publicUrl}/caregiver#token=${token}`,
        'If you did not expect this, ignore this message: nothing changes unless you accept.',
      ]);
    },

    /** The caregiver, signed in with a patient account, accepts: the consent starts now. */
    async accept(actor: Actor, token: string, now: Date): Promise<{ consentId: string }> {
      if (actor.type !== 'patient' || actor.guest) throw new NotFound();
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<InvitationRow>(
          `update caregiver_invitations set accepted_at = $3, accepted_by_id = $4
            where token_hash = $1 and organization_id = $2 and accepted_at is null
              and expires_at > $3
           returning id, organization_id, patient_id, scope, valid_until, invited_by_id`,
          [hashOf(token), actor.organizationId, now, actor.id],
        );
        const inv = rows[0];
        if (!inv) throw new CaregiverLinkExpired();
        if (inv.invited_by_id === actor.id || actor.patientId === inv.patient_id) {
          throw new Invalid('A patient cannot be their own proxy.');
        }
        if (inv.valid_until && inv.valid_until <= now) throw new CaregiverLinkExpired();
        const existing = await activeProxies(
          tx,
          inv.organization_id,
          actor.id,
          inv.patient_id,
          now,
        );
        if (existing[0]) return { consentId: existing[0].id };
        const consentId = randomUUID();
        await insertProxy(tx, {
          id: consentId,
          organization_id: inv.organization_id,
          patient_id: inv.patient_id,
          proxy_account_id: actor.id,
          kind: 'proxy',
          scope: inv.scope,
          granted_by_type: 'patient',
          granted_by_id: inv.invited_by_id,
          valid_until: inv.valid_until,
          reason: null,
        });
        await record(actor, tx, 'patient.consent.accept', inv.patient_id, consentId);
        return { consentId };
      });
    },
  };
}
export type CaregiverInvitations = ReturnType<typeof createCaregiverInvitations>;
