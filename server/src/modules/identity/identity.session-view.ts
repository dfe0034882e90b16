import type { z } from 'zod';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { mfaMethods } from './identity.mfa-email.ts';
import type { sessionStateView, sessionView } from './identity.schema.ts';
import type { SessionRow } from './identity.session-store.ts';
import { idleExpiresAt } from './identity.sessions.ts';
import type { AccountRow } from './identity.store.ts';
import { accountDisplayName } from './identity.vault.ts';

/** GET /api/auth/session: the caller's own account (or guest session) and its timing. */
export async function viewSession(
  db: Queryable,
  vault: Vault,
  session: SessionRow,
  account: AccountRow | null,
): Promise<z.infer<typeof sessionView>> {
  const timing = {
    idleTimeoutSeconds: session.idle_seconds,
    idleExpiresAt: idleExpiresAt(session).toISOString(),
    expiresAt: session.expires_at.toISOString(),
    steppedUpAt: session.stepped_up_at?.toISOString() ?? null,
  };
  if (!account) {
    return {
      stage: session.stage,
      account: {
        id: session.id,
        organizationId: session.organization_id,
        kind: 'guest',
        displayName: '',
        roles: [],
        locationIds: [],
        providerId: null,
        patientId: session.guest_patient_id,
        mfaEnabled: false,
        language: null,
      },
      mfaMethods: [],
      guest: { scope: session.guest_scope!, appointmentIds: session.guest_appointment_ids },
      ...timing,
    };
  }
  return {
    stage: session.stage,
    account: {
      id: account.id,
      organizationId: account.organization_id,
      kind: account.kind,
      displayName: await accountDisplayName(db, vault, account),
      roles: account.roles,
      locationIds: account.location_ids,
      providerId: account.provider_id,
      patientId: account.patient_id,
      mfaEnabled: account.totp_enabled_at !== null,
      language: account.language,
    },
    mfaMethods: mfaMethods(session, account),
    guest: null,
    ...timing,
  };
}

/** GET /api/auth/session/state: signed in or not, and no more than a page needs to decide. */
export function viewSessionState(
  session: SessionRow | null,
  account: AccountRow | null,
): z.infer<typeof sessionStateView> {
  if (!session) return { signedIn: false };
  return {
    signedIn: true,
    stage: session.stage,
    kind: account ? account.kind : 'guest',
    idleExpiresAt: idleExpiresAt(session).toISOString(),
  };
}
