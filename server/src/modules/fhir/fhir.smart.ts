import { createHash, createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import type { Db } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { DomainError, Invalid } from '../../platform/http/errors.ts';
import * as store from './fhir.clients-store.ts';
import { grantedScopes, parseScope } from '../access/access.scopes.ts';
import { checkJwksUrl, fetchJwks, strictJwksPolicy, type JwksUrlPolicy } from './fhir.jwks-url.ts';

/**
 * SMART Backend Services (client_credentials with private_key_jwt): a registered client signs an
 * assertion (RS384 or ES384) with a key of its JWKS; the token endpoint checks it — signature,
 * iss = sub = the client id, aud = this token endpoint, exp within five minutes, a jti never seen
 * before — and issues a random access token for five minutes, stored only as its digest. A
 * bearer token resolves to an integration actor of the client's organization carrying its
 * scopes; the access table decides what the scopes reach (access.table.ts).
 */

export const tokenSeconds = 300;
const maxAssertionSeconds = 300;
export const assertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const signingAlgorithms = ['RS384', 'ES384'] as const;

/** An OAuth 2.0 error answer (RFC 6749 5.2): `invalid_client`, `invalid_scope`, … */
export class OAuthError extends DomainError {
  readonly error: string;
  readonly retryAfterSeconds: number | undefined;
  constructor(status: 400 | 401 | 429, error: string, description: string, retryAfter?: number) {
    super(
      status,
      status === 401 ? 'unauthorized' : status === 429 ? 'too-many-attempts' : 'validation',
      'Token request refused',
      description,
    );
    this.error = error;
    this.retryAfterSeconds = retryAfter;
  }
}

/** Token requests a client may make in one minute (valid or not). */
export const tokenRequestsPerMinute = 20;

const b64 = (s: string) => Buffer.from(s, 'base64url');

/** A JWKS's public keys, checked: RSA or EC P-384, no private members. */
export function publicKeys(jwks: {
  keys: Record<string, unknown>[];
}): { kid?: string; key: KeyObject }[] {
  return jwks.keys.map((jwk, i) => {
    if ('d' in jwk || 'p' in jwk || 'q' in jwk) {
      throw new Invalid('Register public keys only.', [
        { pointer: `/body/jwks/keys/${i}`, detail: 'a private key' },
      ]);
    }
    if (!(jwk.kty === 'RSA' || (jwk.kty === 'EC' && jwk.crv === 'P-384'))) {
      throw new Invalid('Keys are RSA (RS384) or EC P-384 (ES384).', [
        { pointer: `/body/jwks/keys/${i}/kty`, detail: 'RSA, or EC with crv P-384' },
      ]);
    }
    try {
      const key = createPublicKey({ key: jwk as never, format: 'jwk' });
      return { ...(typeof jwk.kid === 'string' ? { kid: jwk.kid } : {}), key };
    } catch {
      throw new Invalid('A key in the JWKS cannot be read.', [
        { pointer: `/body/jwks/keys/${i}`, detail: 'not a valid JWK' },
      ]);
    }
  });
}

interface Assertion {
  header: { alg?: unknown; kid?: unknown; typ?: unknown };
  claims: { iss?: unknown; sub?: unknown; aud?: unknown; exp?: unknown; jti?: unknown };
  signed: Buffer;
  signature: Buffer;
}

function parseJwt(jwt: string): Assertion {
  const parts = jwt.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) {
    throw new OAuthError(400, 'invalid_request', 'client_assertion is not a signed JWT.');
  }
  try {
    return {
      header: JSON.parse(b64(parts[0]!).toString('utf8')),
      claims: JSON.parse(b64(parts[1]!).toString('utf8')),
      signed: Buffer.from(`${parts[0]}.${parts[1]}`),
      signature: b64(parts[2]!),
    };
  } catch {
    throw new OAuthError(400, 'invalid_request', 'client_assertion is not a signed JWT.');
  }
}

function signatureValid(a: Assertion, key: KeyObject): boolean {
  if (a.header.alg === 'RS384' && key.asymmetricKeyType === 'rsa') {
    return verify('sha384', a.signed, key, a.signature);
  }
  if (a.header.alg === 'ES384' && key.asymmetricKeyType === 'ec') {
    return verify('sha384', a.signed, { key, dsaEncoding: 'ieee-p1363' }, a.signature);
  }
  return false;
}

const digest = (token: string) => createHash('sha256').update(token).digest();

export interface TokenRequest {
  scope: string;
  client_assertion: string;
}

/** Checks the assertion and issues a token for the granted scopes. */
export async function issueToken(
  db: Db,
  req: TokenRequest,
  ctx: { audience: string; now: number; jwksPolicy?: JwksUrlPolicy },
): Promise<{
  clientId: string;
  organizationId: string;
  answer: { access_token: string; token_type: string; expires_in: number; scope: string };
}> {
  const invalid = () =>
    new OAuthError(401, 'invalid_client', 'The client assertion is not accepted.');
  const a = parseJwt(req.client_assertion);
  const { iss, sub, aud, exp, jti } = a.claims;
  if (typeof iss !== 'string' || iss !== sub || !/^[0-9a-f-]{36}$/.test(iss)) throw invalid();
  const client = await store.findActiveClient(db, iss);
  if (!client) throw invalid();
  // Counted before the signature is checked: a flood of forged assertions is refused too.
  const windowStart = Math.floor(ctx.now / 60_000) * 60_000;
  if (
    (await store.countTokenRequest(db, client.id, new Date(windowStart))) > tokenRequestsPerMinute
  ) {
    const retryAfter = Math.ceil((windowStart + 60_000 - ctx.now) / 1000);
    throw new OAuthError(
      429,
      'invalid_request',
      `Too many token requests for this client; retry in ${retryAfter} seconds.`,
      retryAfter,
    );
  }
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(ctx.audience)) throw invalid();
  const nowSeconds = ctx.now / 1000;
  if (typeof exp !== 'number' || exp <= nowSeconds || exp > nowSeconds + maxAssertionSeconds) {
    throw invalid();
  }
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > 200) throw invalid();
  let jwks = client.jwks;
  if (!jwks) {
    try {
      jwks = await fetchJwks(
        client.jwks_uri!,
        ctx.jwksPolicy ?? strictJwksPolicy,
        ctx.now,
        typeof a.header.kid === 'string' ? a.header.kid : undefined,
      );
    } catch {
      // The keys could not be had (unreachable, refused, too large, not a JWKS): not accepted.
      throw invalid();
    }
  }
  let keys: { kid?: string; key: KeyObject }[];
  try {
    keys = publicKeys(jwks);
  } catch {
    throw invalid();
  }
  keys = keys.filter((k) => a.header.kid === undefined || k.kid === a.header.kid);
  if (!keys.some((k) => signatureValid(a, k.key))) throw invalid();
  const requested = req.scope.split(' ').filter(Boolean);
  if (requested.some((s) => !parseScope(s))) {
    throw new OAuthError(
      400,
      'invalid_scope',
      'Ask for SMART system scopes, e.g. system/Appointment.rs.',
    );
  }
  const scopes = grantedScopes(requested, client.scopes);
  if (scopes.length === 0) {
    throw new OAuthError(
      400,
      'invalid_scope',
      'None of the scopes asked for is registered for this client.',
    );
  }
  const token = randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    // The replay check commits with the token: a jti is spent only by a token issued for it.
    if (!(await store.useAssertion(tx, client.id, jti, new Date(exp * 1000), new Date(ctx.now)))) {
      throw invalid();
    }
    await store.insertToken(
      tx,
      {
        hash: digest(token),
        clientId: client.id,
        organizationId: client.organization_id,
        scopes,
        expiresAt: new Date(ctx.now + tokenSeconds * 1000),
      },
      new Date(ctx.now),
    );
  });
  return {
    clientId: client.id,
    organizationId: client.organization_id,
    answer: {
      access_token: token,
      token_type: 'bearer',
      expires_in: tokenSeconds,
      scope: scopes.join(' '),
    },
  };
}

/** The integration actor a live bearer token stands for, or undefined. */
export async function bearerActor(db: Db, token: string, now: number): Promise<Actor | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const row = await store.findLiveToken(db, digest(token), new Date(now));
  if (!row) return undefined;
  return {
    type: 'user',
    id: row.client_id,
    organizationId: row.organization_id,
    roles: ['integration'],
    smartScopes: row.scopes,
  };
}

/** Registers a client (an admin of the organization, in the route). */
export async function registerClient(
  db: Db,
  organizationId: string,
  input: {
    name: string;
    jwks?: { keys: Record<string, unknown>[] } | undefined;
    jwks_uri?: string | undefined;
    scopes: string[];
  },
  jwksPolicy: JwksUrlPolicy = strictJwksPolicy,
): Promise<string> {
  if ((input.jwks === undefined) === (input.jwks_uri === undefined)) {
    throw new Invalid('Register either a JWKS or a JWKS URL.', [
      { pointer: '/body', detail: 'one of jwks, jwks_uri' },
    ]);
  }
  if (input.jwks) publicKeys(input.jwks);
  if (input.jwks_uri) checkJwksUrl(input.jwks_uri, jwksPolicy);
  for (const [i, s] of input.scopes.entries()) {
    if (!parseScope(s)) {
      throw new Invalid('Scopes are SMART system scopes, e.g. system/Appointment.rs.', [
        { pointer: `/body/scopes/${i}`, detail: 'not a system scope this server grants' },
      ]);
    }
  }
  return store.insertClient(db, {
    organizationId,
    name: input.name,
    jwks: input.jwks,
    jwksUri: input.jwks_uri,
    scopes: input.scopes,
  });
}
