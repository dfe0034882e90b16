import { createHash, randomBytes } from 'node:crypto';

/** An opaque 256-bit token for cookies and links (base64url), and the hash the database keeps. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

const codeAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Recovery codes: 16 characters from a 31-letter alphabet (~79 bits), shown as xxxx-xxxx-xxxx-xxxx. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(16);
  let s = '';
  for (const b of bytes) s += codeAlphabet[b % codeAlphabet.length];
  return s.match(/.{4}/g)!.join('-');
}

/** Accepts a recovery code as typed: any case, with or without dashes and spaces. */
export function hashRecoveryCode(typed: string): Buffer {
  return hashToken(typed.toLowerCase().replace(/[\s-]/g, ''));
}
