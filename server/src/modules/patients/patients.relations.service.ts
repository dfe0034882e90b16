import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/db.ts';
import { systemClock } from '../../platform/time/clock.ts';
import { readingEncrypted } from '../../platform/crypto/unreadable.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { requireAccess, type Permission } from '../access/access.table.ts';
import { organizationOf } from './patients.policy.ts';
import type { Consent, Preferences } from './patients.schema.ts';
import type { Patients, PatientsDeps } from './patients.service.ts';
import type { CaregiverInvitations } from './patients.invitations.ts';
import { preferencesOf } from './patients.messaging.ts';
import {
  activeProxies,
  findPreferences,
  findProxy,
  insertProxy,
  listProxies,
  revokeProxy,
  upsertPreferences,
  type ProxyRow,
} from './patients.relations.store.ts';

/** A part of the record another module adds to a patient's export (intake answers, ...). */
export type ExportContributor = (
  tx: Queryable,
  organizationId: string,
  patientId: string,
) => Promise<Record<string, unknown>>;

/** What the identity module answers about accounts (identity.lookup.ts), passed in by app.ts. */
export interface ProxyAccounts {
  patientAccountByEmail(organizationId: string, email: string): Promise<string | null>;
  displayNames(organizationId: string, ids: string[]): Promise<Map<string, string>>;
}

/** Preferences, proxies and guardians, and the patient's own export (right of access). */
export function createPatientRelations(
  deps: PatientsDeps & {
    patients: Patients;
    contributors?: ExportContributor[];
    accounts?: ProxyAccounts;
    /** Invitations mailed to a caregiver with no account yet (app.ts); without it, none are sent. */
    invitations?: CaregiverInvitations;
  },
) {
  const { db, vault, audit, patients } = deps;
  const access = (actor: Actor, permission: Permission, patientId: string) =>
    requireAccess({ actor, q: db, relations: deps.relations }, permission, patientId);
  const clock = deps.clock ?? systemClock;
  const record = (
    actor: Actor,
    tx: Queryable,
    action: string,
    patientId: string,
    resourceId?: string,
    resourceIds?: string[],
  ) =>
    audit.record(
      {
        actor,
        action,
        resourceType: action.split('.').slice(0, 2).join('.'),
        resourceId: resourceId ?? patientId,
        patientId,
        organizationId: organizationOf(actor),
        outcome: 'success',
        ...(resourceIds ? { resourceIds } : {}),
      },
      tx,
    );

  const consentOf = async (
    tx: Queryable,
    row: ProxyRow,
    withReason: boolean,
  ): Promise<Consent> => ({
    id: row.id,
    kind: row.kind,
    proxyAccountId: row.proxy_account_id,
    scope: row.scope,
    grantedBy: { type: row.granted_by_type, id: row.granted_by_id },
    grantedAt: row.granted_at.toISOString(),
    validUntil: row.valid_until?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    ...(withReason && row.reason
      ? {
          reason: await readingEncrypted(() =>
            vault.decrypt(tx, reasonAt(row.organization_id, row.id), row.reason!),
          ),
        }
      : {}),
  });

  /** The proxies' display names, for the patient's own view of their consents. */
  const named = async (organizationId: string, consents: Consent[]): Promise<Consent[]> => {
    if (!deps.accounts) return consents;
    const names = await deps.accounts.displayNames(
      organizationId,
      consents.map((c) => c.proxyAccountId),
    );
    return consents.map((c) => ({ ...c, proxyName: names.get(c.proxyAccountId) ?? null }));
  };

  return {
    async getPreferences(actor: Actor, patientId: string): Promise<Preferences | null> {
      await access(actor, 'patient:preferences.read', patientId);
      return db.transaction(async (tx) => {
        const p = await patients.loadForService(actor, tx, patientId);
        const row = await findPreferences(tx, p.organizationId, patientId);
        await record(actor, tx, 'patient.preferences.read', patientId);
        return row ? preferencesOf(row) : null;
      });
    },

    async setPreferences(
      actor: Actor,
      patientId: string,
      prefs: Preferences,
    ): Promise<Preferences> {
      await access(actor, 'patient:preferences.update', patientId);
      return db.transaction(async (tx) => {
        const p = await patients.loadForService(actor, tx, patientId);
        await upsertPreferences(tx, p.organizationId, patientId, {
          channels: prefs.channels,
          language: prefs.language,
          quietStart: prefs.quietHours?.start ?? null,
          quietEnd: prefs.quietHours?.end ?? null,
          timeZone: prefs.timeZone,
        });
        await record(actor, tx, 'patient.preferences.update', patientId);
        return prefs;
      });
    },

    /**
     * A patient names a caregiver by the email they sign in with. The answer is the same whether
     * or not a patient account of the clinic uses that email (an email is not a way to learn who
     * has an account here): when one does, and it is not already the patient's caregiver, the
     * consent is recorded; otherwise nothing is.
     */
    async grantProxyByEmail(
      actor: Actor,
      patientId: string,
      grant: { proxyEmail: string; scope: Consent['scope']; validUntil?: string | undefined },
      now = clock.now(),
    ): Promise<void> {
      await access(actor, 'patient:proxy.grant', patientId);
      if (actor.type !== 'patient') throw new NotFound();
      validUntilAfter(grant.validUntil, now);
      // Asked before the transaction: identity reads on its own connection.
      const proxyAccountId = await deps.accounts?.patientAccountByEmail(
        actor.organizationId,
        grant.proxyEmail,
      );
      // The patient's own email: they know it is theirs, so saying so tells nothing.
      if (proxyAccountId === actor.id) throw new Invalid('A patient cannot be their own proxy.');
      if (!proxyAccountId) {
        await deps.invitations?.invite(actor, patientId, grant, now);
        return;
      }
      if ((await activeProxies(db, actor.organizationId, proxyAccountId, patientId, now)).length) {
        return;
      }
      await this.grantProxy(actor, patientId, { ...grant, proxyAccountId }, now);
    },

    /** A patient grants another account (by its id: staff tools) proxy access, as a consent. */
    async grantProxy(
      actor: Actor,
      patientId: string,
      grant: {
        proxyAccountId: string;
        scope: Consent['scope'];
        validUntil?: string | undefined;
      },
      now = clock.now(),
    ): Promise<Consent> {
      await access(actor, 'patient:proxy.grant', patientId);
      if (actor.type !== 'patient') throw new NotFound();
      validUntilAfter(grant.validUntil, now);
      const { proxyAccountId } = grant;
      if (proxyAccountId === actor.id) throw new Invalid('A patient cannot be their own proxy.');
      const consent = await db.transaction(async (tx) => {
        const p = await patients.loadForService(actor, tx, patientId);
        const id = randomUUID();
        await insertProxy(tx, {
          id,
          organization_id: p.organizationId,
          patient_id: patientId,
          proxy_account_id: proxyAccountId,
          kind: 'proxy',
          scope: grant.scope,
          granted_by_type: 'patient',
          granted_by_id: actor.id,
          valid_until: grant.validUntil ? new Date(grant.validUntil) : null,
          reason: null,
        });
        await record(actor, tx, 'patient.consent.grant', patientId, id);
        return consentOf(tx, (await findProxy(tx, p.organizationId, id))!, false);
      });
      return (await named(actor.organizationId, [consent]))[0]!;
    },

    /** Staff record a guardian for a minor, with the reason (kept encrypted). */
    async addGuardian(
      actor: Actor,
      patientId: string,
      g: {
        guardianAccountId: string;
        scope: Consent['scope'];
        reason: string;
        validUntil?: string;
      },
      now = clock.now(),
    ): Promise<Consent> {
      await access(actor, 'patient:guardian.add', patientId);
      validUntilAfter(g.validUntil, now);
      return db.transaction(async (tx) => {
        const p = await patients.loadForService(actor, tx, patientId);
        if (!isMinor(p.identity.dateOfBirth, now)) {
          throw new Conflict(
            'not-a-minor',
            'Not a minor',
            'Guardians are recorded for patients under 18; an adult grants proxy access themselves.',
          );
        }
        const id = randomUUID();
        await insertProxy(tx, {
          id,
          organization_id: p.organizationId,
          patient_id: patientId,
          proxy_account_id: g.guardianAccountId,
          kind: 'guardian',
          scope: g.scope,
          granted_by_type: 'user',
          granted_by_id: actor.type === 'user' ? actor.id : '',
          valid_until: g.validUntil ? new Date(g.validUntil) : null,
          // The id is made here so the reason can be encrypted bound to its row before the insert.
          reason: await vault.encrypt(tx, reasonAt(p.organizationId, id), g.reason),
        });
        await record(actor, tx, 'patient.consent.guardian', patientId, id);
        return consentOf(tx, (await findProxy(tx, p.organizationId, id))!, true);
      });
    },

    /** The patient, or front desk / admin on their behalf, ends a consent. */
    async revoke(actor: Actor, patientId: string, consentId: string): Promise<Consent> {
      await access(actor, 'patient:consents.revoke', patientId);
      return db.transaction(async (tx) => {
        const p = await patients.loadForService(actor, tx, patientId);
        const row = await findProxy(tx, p.organizationId, consentId);
        if (!row || row.patient_id !== patientId) throw new NotFound();
        if (
          !(await revokeProxy(
            tx,
            p.organizationId,
            consentId,
            actor.type === 'anonymous' || actor.type === 'system' ? 'system' : actor.id,
          ))
        ) {
          throw new Conflict(
            'already-revoked',
            'Already revoked',
            'This consent was revoked before.',
          );
        }
        await record(actor, tx, 'patient.consent.revoke', patientId, consentId);
        return consentOf(tx, (await findProxy(tx, p.organizationId, consentId))!, false);
      });
    },

    async listConsents(actor: Actor, patientId: string): Promise<Consent[]> {
      await access(actor, 'patient:consents.read', patientId);
      const consents = await db.transaction(async (tx) => {
        const p = await patients.loadForService(actor, tx, patientId);
        const rows = await listProxies(tx, p.organizationId, patientId);
        const ids = rows.map((r) => r.id);
        await record(actor, tx, 'patient.consent.list', patientId, undefined, ids);
        return Promise.all(rows.map((r) => consentOf(tx, r, true)));
      });
      // The patient sees whom they trusted by name; staff tools keep the account ids.
      return actor.type === 'patient' && actor.patientId === patientId
        ? named(actor.organizationId, consents)
        : consents;
    },

    /**
     * The scope an account holds for a patient right now, or null: what the identity module's
     * proxy policy will ask.
     */
    async proxyScope(
      organizationId: string,
      accountId: string,
      patientId: string,
      now = clock.now(),
    ) {
      const rows = await activeProxies(db, organizationId, accountId, patientId, now);
      if (rows.some((r) => r.scope === 'scheduling_and_messages')) return 'scheduling_and_messages';
      return rows.length > 0 ? 'scheduling' : null;
    },

    /** Right of access: the patient's own record as JSON. Every export is audited. */
    async exportOwnRecord(actor: Actor, now = clock.now()) {
      if (actor.type !== 'patient') throw new Forbidden();
      const own = actor.patientId;
      if (!own) throw new NotFound();
      await access(actor, 'patient:export', own);
      return db.transaction(async (tx) => {
        const p = await patients.loadForService(actor, tx, own);
        const prefs = await findPreferences(tx, p.organizationId, p.id);
        const consents = await Promise.all(
          (await listProxies(tx, p.organizationId, p.id)).map((r) => consentOf(tx, r, true)),
        );
        const extra: Record<string, unknown> = {};
        for (const c of deps.contributors ?? [])
          Object.assign(extra, await c(tx, p.organizationId, p.id));
        const parts = { consents, ...extra };
        await record(actor, tx, 'patient.export', p.id, p.id, recordIdsIn(parts));
        return {
          format: 'hourglass-patient-record/1' as const,
          exportedAt: now.toISOString(),
          patient: { id: p.id, registeredAt: p.createdAt.toISOString(), ...p.identity },
          preferences: prefs ? preferencesOf(prefs) : null,
          consents,
          ...extra,
        };
      });
    },
  };
}

export type PatientRelations = ReturnType<typeof createPatientRelations>;

function reasonAt(organizationId: string, id: string) {
  return {
    organizationId,
    dataClass: 'identifiers' as const,
    table: 'patient_proxies',
    column: 'reason',
    rowId: id,
  };
}

function validUntilAfter(validUntil: string | undefined, now: Date) {
  if (validUntil && new Date(validUntil) <= now) {
    throw new Invalid('validUntil must be in the future.', [
      { pointer: '/body/validUntil', detail: 'must be in the future' },
    ]);
  }
}

/** The ids of every record an export holds (consents, appointments, ...), for its audit event. */
function recordIdsIn(parts: Record<string, unknown>): string[] {
  const ids: string[] = [];
  for (const part of Object.values(parts)) {
    if (!Array.isArray(part)) continue;
    for (const item of part as unknown[]) {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id === 'string') ids.push(id);
    }
  }
  return ids;
}

/** Under 18 on `now`'s UTC calendar date. */
export function isMinor(dateOfBirth: string, now: Date): boolean {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const adult = `${String(y + 18).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return now.toISOString().slice(0, 10) < adult;
}
