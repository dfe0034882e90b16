import { doubleMetaphone } from 'double-metaphone';
import { normalize } from '../../platform/crypto/normalize.ts';
import type { MatchKind } from './patients.schema.ts';

/**
 * The values a family name is searched by, each later combined with the date of birth before it
 * becomes a blind index (never on its own: a name prefix or a sound code alone would fall to
 * frequency analysis in a database dump; see docs/security/encryption.md, "Search").
 *
 * - `exact`: the normalized name (no case, accents, spaces, hyphens or apostrophes).
 * - `prefix`: its first three letters (the whole name when shorter).
 * - `sounds`: its two Double Metaphone codes (primary, alternate), the classic four characters
 *   long. A name Double Metaphone cannot code (no Latin letters) sounds like itself.
 */
export interface NameKeys {
  exact: string;
  prefix: string;
  sounds: [string, string];
}

export const prefixLength = 3;
const codeLength = 4;

export function nameKeys(familyName: string): NameKeys {
  const exact = normalize.name(familyName);
  const [primary, alternate] = doubleMetaphone(exact).map((c) => c.slice(0, codeLength));
  const sounds: [string, string] = primary
    ? [primary, alternate || primary]
    : [`=${exact}`, `=${exact}`];
  return { exact, prefix: [...exact].slice(0, prefixLength).join(''), sounds };
}

/**
 * How a candidate's family name matches the query: equal, starting with the query, or sounding
 * alike (a Double Metaphone code in common). Null when it only shares the first three letters.
 */
export function matchOf(query: NameKeys, found: NameKeys): MatchKind | null {
  if (found.exact === query.exact) return 'exact';
  if (found.exact.startsWith(query.exact)) return 'prefix';
  if (found.sounds.some((s) => query.sounds.includes(s))) return 'phonetic';
  return null;
}

/** Edit distance between two normalized names (ranks matches of one kind: closest first). */
export function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[y.length]!;
}
