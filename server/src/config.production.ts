import type { Config } from './config.ts';

// Loaded by config.ts after the variables parse: refusals that only production makes.

/** The production profile refuses configurations that would put PHI at risk. */
export function productionProblems(config: Config): string[] {
  const problems: string[] = [];
  if (config.clockStart) {
    problems.push(
      'HOURGLASS_CLOCK_START moves the clock of sessions, bookings and the audit trail: it is for demos and tests. Remove it.',
    );
  }
  if (!isLoopback(config.host) && !config.tls && !config.behindTlsProxy) {
    problems.push(
      `HOURGLASS_HOST=${config.host} listens beyond this machine without TLS. Set HOURGLASS_TLS_CERT_FILE and HOURGLASS_TLS_KEY_FILE, or HOURGLASS_BEHIND_TLS_PROXY=true when a proxy terminates TLS, or listen on 127.0.0.1.`,
    );
  }
  if (config.keyring.kind === 'local') {
    problems.push(
      'The keyring is the generated development keyring. Set HOURGLASS_KEYRING=env with HOURGLASS_KEYRING_KEYS from your secret store.',
    );
  }
  if (config.audit.signingKey.kind === 'development') {
    problems.push(
      'The audit trail would be signed with the generated development key. Set HOURGLASS_AUDIT_SIGNING_KEY (base64 PKCS#8 Ed25519) from your secret store.',
    );
  }
  if (config.audit.sealIntervalMs === 0) {
    problems.push(
      'HOURGLASS_AUDIT_SEAL_INTERVAL_MS=0 turns audit sealing off. Leave it unset (5000) or set a positive interval.',
    );
  }
  if (config.demoData) {
    problems.push('Demo data is enabled. Unset HOURGLASS_DEMO_DATA or set it to false.');
  }
  if (config.mail.allowSelfSigned) {
    problems.push(
      'HOURGLASS_SMTP_ALLOW_SELF_SIGNED is set. Production mail must verify the SMTP server certificate; unset it.',
    );
  }
  if (config.sms && !config.sms.apiUrl.startsWith('https://')) {
    problems.push('HOURGLASS_SMS_API_URL is not https. SMS travels to its vendor over TLS only.');
  }
  if (!config.databaseUrl) {
    problems.push(
      'No DATABASE_URL is set. The embedded database is for evaluation only (it runs without fsync); point DATABASE_URL at PostgreSQL.',
    );
  }
  return problems;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
