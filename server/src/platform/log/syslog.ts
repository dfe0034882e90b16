import { hostname } from 'node:os';
import net from 'node:net';
import { Writable } from 'node:stream';
import tls from 'node:tls';

/**
 * RFC 5424 syslog over TCP or TLS (RFC 5425 octet-counting framing), for shipping structured
 * application and audit logs to a central store. Sending never blocks the caller: messages queue
 * while the connection is down (bounded; the oldest are dropped and counted) and go out in order.
 */
export interface SyslogClient {
  send(m: { facility: number; severity: number; msgId: string; message: string }): void;
  /** Sends what is queued and closes the connection. */
  close(): Promise<void>;
  readonly dropped: number;
}

export const facilities = { audit: 13, local0: 16 } as const;

export interface SyslogOptions {
  url: string;
  /** TLS: the CA that signed the collector's certificate (PEM), when not a public one. */
  ca?: string | Buffer;
  appName?: string;
  maxQueue?: number;
  /** Told how many messages the full queue dropped (at most once per `dropReportMs`): no silent loss. */
  onDropped?: (count: number) => void;
  dropReportMs?: number;
}

/** RFC 5424 §6: <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG */
export function formatRfc5424(m: {
  facility: number;
  severity: number;
  msgId: string;
  message: string;
  appName: string;
  host: string;
  at: Date;
}): string {
  const field = (s: string, max: number) => s.replace(/[^\x21-\x7e]/g, '').slice(0, max) || '-';
  return `<${m.facility * 8 + m.severity}>1 ${m.at.toISOString()} ${field(m.host, 255)} ${field(m.appName, 48)} ${process.pid} ${field(m.msgId, 32)} - ${m.message}`;
}

/** RFC 5425 §4.3 octet counting: MSG-LEN SP SYSLOG-MSG */
export function frame(message: string): Buffer {
  const bytes = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${bytes.length} `), bytes]);
}

export function createSyslogClient(opts: SyslogOptions): SyslogClient {
  const url = new URL(opts.url);
  const secure = url.protocol === 'tls:';
  const port = Number(url.port);
  const host = url.hostname;
  const appName = opts.appName ?? 'hourglass';
  const maxQueue = opts.maxQueue ?? 10_000;
  const me = hostname();
  const queue: Buffer[] = [];
  let socket: net.Socket | undefined;
  let connected = false;
  let closing = false;
  let dropped = 0;
  let unreported = 0;
  let report: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;

  /** One report per interval, however many were dropped in it, so the report cannot flood. */
  function droppedOne() {
    dropped++;
    unreported++;
    if (report || !opts.onDropped) return;
    report = setTimeout(() => {
      report = undefined;
      const count = unreported;
      unreported = 0;
      opts.onDropped?.(count);
    }, opts.dropReportMs ?? 1000);
    report.unref();
  }

  function connect() {
    if (closing || socket) return;
    const s = secure
      ? tls.connect({
          host,
          port,
          ...(net.isIP(host) ? {} : { servername: host }),
          ...(opts.ca ? { ca: opts.ca } : {}),
        })
      : net.connect({ host, port });
    socket = s;
    s.once(secure ? 'secureConnect' : 'connect', () => {
      connected = true;
      flush();
    });
    s.on('error', () => undefined);
    s.once('close', () => {
      socket = undefined;
      connected = false;
      if (!closing) {
        retry = setTimeout(connect, 1000);
        retry.unref();
      }
    });
    s.unref();
  }

  function flush() {
    while (connected && socket && queue.length > 0) socket.write(queue.shift()!);
  }

  connect();
  return {
    send(m) {
      queue.push(frame(formatRfc5424({ ...m, appName, host: me, at: new Date() })));
      if (queue.length > maxQueue) {
        queue.shift();
        droppedOne();
      }
      flush();
    },
    async close() {
      closing = true;
      if (retry) clearTimeout(retry);
      const s = socket;
      if (!s) return;
      s.ref(); // keep the process up until what is queued is out
      if (!connected) {
        await new Promise<void>((resolve) => {
          s.once(secure ? 'secureConnect' : 'connect', () => resolve());
          s.once('close', () => resolve());
          setTimeout(resolve, 2000);
        });
        connected = !s.destroyed;
      }
      flush();
      await new Promise<void>((resolve) => s.end(() => resolve()));
    },
    get dropped() {
      return dropped;
    },
  };
}

const pinoLevels: Record<number, number> = { 10: 7, 20: 7, 30: 6, 40: 4, 50: 3, 60: 2 };

/** A pino destination that ships each JSON log line as one RFC 5424 message (facility local0). */
export function syslogLogStream(client: SyslogClient): Writable {
  return new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) {
        if (!line.trim()) continue;
        let severity = 6;
        try {
          severity = pinoLevels[(JSON.parse(line) as { level?: number }).level ?? 30] ?? 6;
        } catch {
          // not JSON: ship as informational
        }
        client.send({ facility: facilities.local0, severity, msgId: 'app', message: line });
      }
      done();
    },
  });
}
