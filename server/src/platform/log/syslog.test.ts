import { describe, expect, it } from 'vitest';
import { freePort } from '../../../test/ports.ts';
import { createSyslogClient } from './syslog.ts';

// While the collector is unreachable messages queue, up to a limit; what the limit drops is
// counted and reported, never lost silently.

describe('the syslog client', () => {
  it('reports how many messages its full queue dropped, once per interval', async () => {
    const reports: number[] = [];
    const client = createSyslogClient({
      url: `tcp://127.0.0.1:${await freePort()}`,
      maxQueue: 2,
      dropReportMs: 20,
      onDropped: (count) => reports.push(count),
    });
    for (let i = 0; i < 5; i++) {
      client.send({ facility: 16, severity: 6, msgId: 'app', message: `m${i}` });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reports).toEqual([3]);
    expect(client.dropped).toBe(3);
    client.send({ facility: 16, severity: 6, msgId: 'app', message: 'm5' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reports).toEqual([3, 1]);
    await client.close();
  });
});
