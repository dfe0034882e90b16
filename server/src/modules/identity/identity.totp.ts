import { generate, generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 TOTP: SHA-1, 6 digits, 30 s steps, one step of tolerance either side for clock skew. */
export const totpPeriodSeconds = 30;
const tolerance = totpPeriodSeconds;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, issuer: string, label: string): string {
  return generateURI({ issuer, label, secret });
}

/** The code an authenticator shows at `at` (tests and the demo banner). */
export function totpCode(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/**
 * Checks a code at `at`; returns its time step when valid and later than `afterStep` (a code, once
 * accepted, is refused for the rest of its window), or null.
 */
export async function checkTotp(
  secret: string,
  code: string,
  at: Date,
  afterStep: number | null,
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(at.getTime() / 1000),
    epochTolerance: tolerance,
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
  }).catch(() => ({ valid: false as const }));
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
