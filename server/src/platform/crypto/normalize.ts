/**
 * Normalizations applied before a blind index, so that look-ups match what a person means:
 * "Ann.Lee@Example.org " and "ann.lee@example.org" are one email. Exact match only; nothing here
 * supports prefix or range search (the patients module's search keys are exact matches over
 * derived values, see patients.search-keys.ts).
 */

// Letters NFKD does not decompose into a base letter and a mark.
const folded: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

export const normalize = {
  email: (v: string) => v.trim().toLowerCase(),
  /** Digits only, so "+1 (555) 010-0000" and "15550100000" agree. */
  phone: (v: string) => v.replace(/\D/g, ''),
  /**
   * Case, accents, spaces, hyphens and apostrophes do not distinguish family names; letters
   * without a decomposition are folded too ("Søren", "Soren"; "Straße", "Strasse").
   */
  name: (v: string) =>
    v
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[ßæœøłđðþı]/gu, (c) => folded[c]!)
      .replace(/[^\p{L}\p{N}]/gu, ''),
  /** An ISO calendar date, YYYY-MM-DD. */
  date: (v: string) => v.trim(),
  identifier: (v: string) => v.toUpperCase().replace(/[^A-Z0-9]/g, ''),
};
