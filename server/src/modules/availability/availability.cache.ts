/**
 * A short-lived in-process cache of availability answers. Entries live for seconds; a booking
 * change drops at once every entry that involves its provider (in this process — other processes
 * let theirs expire within the same seconds).
 */
export interface AvailabilityCache {
  get<T>(key: string): T | undefined;
  set(key: string, organizationId: string, providerIds: readonly string[], value: unknown): void;
  invalidate(organizationId: string, providerIds: readonly string[]): void;
}

interface Entry {
  expires: number;
  organizationId: string;
  providerIds: ReadonlySet<string>;
  value: unknown;
}

/** `now` is the app's clock (epoch ms): entries expire by it, like everything that ages. */
export function createAvailabilityCache(
  ttlSeconds: number,
  now: () => number,
  maxEntries = 5000,
): AvailabilityCache {
  const entries = new Map<string, Entry>();
  return {
    get<T>(key: string) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.expires <= now()) {
        entries.delete(key);
        return undefined;
      }
      return e.value as T;
    },
    set(key, organizationId, providerIds, value) {
      if (ttlSeconds <= 0) return;
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, {
        expires: now() + ttlSeconds * 1000,
        organizationId,
        providerIds: new Set(providerIds),
        value,
      });
    },
    invalidate(organizationId, providerIds) {
      for (const [key, e] of entries) {
        if (e.organizationId === organizationId && providerIds.some((p) => e.providerIds.has(p))) {
          entries.delete(key);
        }
      }
    },
  };
}
