import { readFileSync } from 'node:fs';
import pino, { type DestinationStream } from 'pino';
import type { Config } from './config.ts';
import { createLogger } from './platform/log/log.ts';
import { createSyslogClient, syslogLogStream } from './platform/log/syslog.ts';

/**
 * Where the server's log lines go: stdout (or the stream tests capture), and the syslog collector
 * when one is configured. `syslog` is the client itself (audit shipping sends through it too).
 */
export function createLogs(config: Config, logStream: DestinationStream | undefined) {
  const syslog = config.syslog
    ? createSyslogClient({
        url: config.syslog.url,
        ...(config.syslog.caFile ? { ca: readFileSync(config.syslog.caFile) } : {}),
        // Called from a timer, after `localLog` below exists. Only to stdout: a warning queued
        // for the unreachable collector would push out one more message waiting there.
        onDropped: (dropped) =>
          localLog.warn(
            { dropped },
            'syslog queue full while the collector is unreachable: dropped',
          ),
      })
    : undefined;
  const localLog = createLogger(config.logLevel, logStream);
  const log = createLogger(
    config.logLevel,
    syslog && config.logLevel !== 'silent'
      ? pino.multistream([
          { level: config.logLevel, stream: logStream ?? process.stdout },
          { level: config.logLevel, stream: syslogLogStream(syslog) },
        ])
      : logStream,
  );
  return { syslog, log };
}
