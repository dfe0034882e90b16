import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/harness.ts';
import { freePort } from '../../../test/ports.ts';
import { createSyslogClient } from './syslog.ts';

// The real peer: Debian's rsyslogd, listening on local TCP and TLS (gtls) ports, writing what it
// parsed out of each RFC 5424 message — facility, severity, app, msgid, message — one per line.
const dir = mkdtempSync(path.join(tmpdir(), 'hourglass-rsyslog-'));
const out = path.join(dir, 'received.log');
let rsyslog: ChildProcess;
let tcpPort: number;
let tlsPort: number;

async function listening(port: number) {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`rsyslogd did not listen on ${port}`);
}

async function received(match: RegExp): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    let text = '';
    try {
      text = readFileSync(out, 'utf8');
    } catch {
      // not written yet
    }
    const lines = text.split('\n').filter((l) => match.test(l));
    if (lines.length) return lines;
    await new Promise((r) => setTimeout(r, 100));
  }
  return [];
}

beforeAll(async () => {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const made = spawnSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  if (made.status !== 0) throw new Error(`openssl failed: ${String(made.stderr)}`);
  tcpPort = await freePort();
  tlsPort = await freePort();
  const conf = path.join(dir, 'rsyslog.conf');
  writeFileSync(
    conf,
    `global(workDirectory="${dir}" DefaultNetstreamDriverCAFile="${cert}"
       DefaultNetstreamDriverCertFile="${cert}" DefaultNetstreamDriverKeyFile="${key}")
module(load="imtcp")
input(type="imtcp" port="${tcpPort}" address="127.0.0.1")
input(type="imtcp" port="${tlsPort}" address="127.0.0.1" streamDriver.name="gtls"
      streamDriver.mode="1" streamDriver.authMode="anon")
template(name="parsed" type="string"
  string="%syslogfacility%|%syslogseverity%|%app-name%|%msgid%|%msg%\\n")
action(type="omfile" file="${out}" template="parsed")
`,
  );
  rsyslog = spawn('rsyslogd', ['-n', '-f', conf, '-i', path.join(dir, 'rsyslogd.pid')], {
    stdio: 'ignore',
  });
  await listening(tcpPort);
  await listening(tlsPort);
});

afterAll(() => {
  rsyslog?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

describe('log shipping to syslog (RFC 5424)', () => {
  it('ships application logs and sealed audit events with their checkpoint over TCP', async () => {
    const h = await startTestApp({
      env: {
        HOURGLASS_SYSLOG_URL: `tcp://127.0.0.1:${tcpPort}`,
        HOURGLASS_AUDIT_SEAL_INTERVAL_MS: '600000',
        HOURGLASS_DATA_DIR: dir,
      },
    });
    try {
      const res = await h.app.inject({ method: 'GET', url: '/api/audit/events' });
      expect(res.statusCode).toBe(401);
      // The app's sealer tries again next tick when other suites' transactions are still running.
      for (let i = 0; i < 50 && (await h.sealer!.sealOnce()).length === 0; i++);
    } finally {
      await h.close();
    }
    const audit = await received(/^13\|5\|hourglass\|audit\|/);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.split('|').slice(4).join('|'))).toMatchObject({
      type: 'audit_event',
      action: 'audit.search.request',
      outcome: 'denied',
    });
    expect(
      await received(/^13\|5\|hourglass\|checkpoint\|\{"type":"audit_checkpoint","v":1,"no":"1"/),
    ).toHaveLength(1);
    const app = await received(/^16\|6\|hourglass\|app\|/);
    expect(app.some((l) => l.includes('"msg":"request"') && l.includes('"status":401'))).toBe(true);
  });

  it('ships over TLS to a collector whose certificate it trusts', async () => {
    const client = createSyslogClient({
      url: `tls://127.0.0.1:${tlsPort}`,
      ca: readFileSync(path.join(dir, 'cert.pem')),
    });
    client.send({ facility: 13, severity: 4, msgId: 'audit', message: '{"type":"tls-check"}' });
    await client.close();
    expect(await received(/^13\|4\|hourglass\|audit\|\{"type":"tls-check"\}$/)).toHaveLength(1);
  });
});
