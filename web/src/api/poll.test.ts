import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { polled, polledIfChanged } from './poll.ts';

afterEach(() => vi.useRealTimers());

describe('polled reads', () => {
  it('asks again every interval while shown; the first read is the person’s, repeats background', async () => {
    const client = new QueryClient();
    const seen: { background: boolean; previous: number | undefined }[] = [];
    let n = 0;
    const options = polled<number>(client, {
      queryKey: ['times', 'type-1'],
      everyMs: 20_000,
      read: async ({ background, previous }) => {
        seen.push({ background, previous });
        return ++n;
      },
    });
    expect(options.refetchInterval).toBe(20_000);
    expect(options.refetchIntervalInBackground).toBe(false);
    expect(await client.fetchQuery(options)).toBe(1);
    expect(await client.fetchQuery({ ...options, staleTime: 0 })).toBe(2);
    expect(seen).toEqual([
      { background: false, previous: undefined },
      { background: true, previous: 1 },
    ]);
  });

  it('sends the last ETag, and keeps the answer shown when the server says it is current', async () => {
    vi.useFakeTimers({ now: 1_000, toFake: ['Date'] });
    const client = new QueryClient();
    const etags: (string | null)[] = [];
    const answers = [{ answer: { entries: ['a'] }, etag: 'W/"1"' }, null];
    const options = polledIfChanged<{ entries: string[] }>(client, {
      queryKey: ['schedule', 'loc-1'],
      everyMs: 5_000,
      read: async (etag) => {
        etags.push(etag);
        return answers.shift() ?? null;
      },
    });
    const first = await client.fetchQuery(options);
    vi.setSystemTime(6_000);
    const second = await client.fetchQuery({ ...options, staleTime: 0 });
    expect(etags).toEqual([null, 'W/"1"']);
    expect(first).toEqual({ answer: { entries: ['a'] }, etag: 'W/"1"', checkedAt: 1_000 });
    expect(second).toEqual({ answer: { entries: ['a'] }, etag: 'W/"1"', checkedAt: 6_000 });
  });
});
