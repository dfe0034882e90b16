import { queryOptions, type QueryClient, type QueryKey } from '@tanstack/react-query';

/**
 * Reads that a page keeps current by asking again every `everyMs` while it is shown (the booking
 * flow's times, the console's schedule). The first read is the person's own; the repeats are
 * background requests, which do not count as activity for the idle timeout. Polling stops while
 * the tab is hidden.
 */

export interface PollRead<T> {
  signal: AbortSignal;
  /** True for the repeats: the request is marked background (client.ts). */
  background: boolean;
  /** What the page shows now, if anything (the last answer). */
  previous: T | undefined;
}

export function polled<T>(
  client: QueryClient,
  opts: { queryKey: QueryKey; everyMs: number; read: (r: PollRead<T>) => Promise<T> },
) {
  return queryOptions({
    queryKey: opts.queryKey,
    queryFn: ({ signal }) => {
      const previous = client.getQueryData<T>(opts.queryKey);
      return opts.read({ signal, background: previous !== undefined, previous });
    },
    refetchInterval: opts.everyMs,
    refetchIntervalInBackground: false,
  });
}

/** What an ETag poll keeps: the answer, its ETag, and when the server last answered (200 or 304). */
export interface Polled<T> {
  answer: T;
  etag: string | null;
  checkedAt: number;
}

/**
 * A poll with `If-None-Match`: `read` answers null when the server said 304 (the ETag is still
 * current), and the answer shown stays as it was, only `checkedAt` moving on.
 */
export function polledIfChanged<T>(
  client: QueryClient,
  opts: {
    queryKey: QueryKey;
    everyMs: number;
    read: (
      etag: string | null,
      r: { signal: AbortSignal; background: boolean },
    ) => Promise<{ answer: T; etag: string | null } | null>;
  },
) {
  return polled<Polled<T>>(client, {
    queryKey: opts.queryKey,
    everyMs: opts.everyMs,
    read: async ({ signal, background, previous }) => {
      const next = await opts.read(previous?.etag ?? null, { signal, background });
      const checkedAt = Date.now();
      if (!next) {
        if (!previous) throw new Error('304 without an answer to keep');
        return { ...previous, checkedAt };
      }
      return { ...next, checkedAt };
    },
  });
}
