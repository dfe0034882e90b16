import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const safeProduction = {
  HOURGLASS_PROFILE: 'production',
  HOURGLASS_HOST: '0.0.0.0',
  HOURGLASS_BEHIND_TLS_PROXY: 'true',
  HOURGLASS_KEYRING: 'env',
  HOURGLASS_KEYRING_KEYS: '1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
  DATABASE_URL: 'postgres://hourglass@db.internal:5432/hourglass',
  // A throwaway Ed25519 key made for this test only.
  HOURGLASS_AUDIT_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEICY7rCHvPHyC4WbLA+6iQpf4NJMzyN/DTbmM690kdaP8',
};

function refusal(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('starts a newcomer on the embedded database with demo data on localhost:8080', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      profile: 'development',
      host: '127.0.0.1',
      port: 8080,
      databaseUrl: undefined,
      demoData: true,
      keyring: { kind: 'local' },
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('accepts a production configuration that is safe', () => {
    const config = loadConfig(safeProduction);
    expect(config.profile).toBe('production');
    expect(config.demoData).toBe(false);
  });

  it('refuses an audit signing key that is not an Ed25519 private key', () => {
    expect(refusal({ HOURGLASS_AUDIT_SIGNING_KEY: 'bm90LWEta2V5' })).toEqual([
      expect.stringMatching(/^HOURGLASS_AUDIT_SIGNING_KEY: must be a base64 PKCS#8 Ed25519/),
    ]);
  });

  it('names the variable and what is wrong with a bad value', () => {
    expect(refusal({ HOURGLASS_PORT: 'eighty' })[0]).toMatch(/^HOURGLASS_PORT: /);
    expect(refusal({ HOURGLASS_PROFILE: 'staging' })[0]).toMatch(/^HOURGLASS_PROFILE: /);
    expect(refusal({ HOURGLASS_DEMO_DATA: 'maybe' })[0]).toMatch(/true or false/);
  });

  it('names a misspelled HOURGLASS_* variable, with the setting it was probably meant to be', () => {
    const config = loadConfig({ HOURGLASS_HOLD_MINTUES: '20', HOURGLASS_FROBNICATE: 'x' });
    expect(config.holdMinutes).toBe(10);
    expect(config.warnings).toEqual([
      'HOURGLASS_FROBNICATE is not a Hourglass setting.',
      'HOURGLASS_HOLD_MINTUES is not a Hourglass setting (did you mean HOURGLASS_HOLD_MINUTES?).',
    ]);
    expect(loadConfig({ HOURGLASS_HOLD_MINUTES: '20' }).warnings).toEqual([]);
  });

  it("leaves the test and benchmark tooling's own variables alone", () => {
    const config = loadConfig({
      HOURGLASS_TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
      HOURGLASS_BENCH_RUN_MS: '1000',
      PATH: '/usr/bin',
    });
    expect(config.warnings).toEqual([]);
  });

  describe('the production profile refuses to start', () => {
    it('when a HOURGLASS_* variable is not one Hourglass reads (a misspelled setting)', () => {
      expect(
        refusal({ ...safeProduction, HOURGLASS_SMTP_ULR: 'smtps://mail.example:465' }),
      ).toEqual([
        'HOURGLASS_SMTP_ULR is not a Hourglass setting (did you mean HOURGLASS_SMTP_URL?). Correct or remove it.',
      ]);
    });

    it('when the clock is set to start elsewhere (demos and tests only)', () => {
      const start = '2030-01-16T15:20:00Z';
      expect(refusal({ ...safeProduction, HOURGLASS_CLOCK_START: start })).toEqual([
        expect.stringMatching(/^HOURGLASS_CLOCK_START .*Remove it\.$/),
      ]);
      expect(loadConfig({ HOURGLASS_CLOCK_START: start }).clockStart).toEqual(new Date(start));
      expect(refusal({ HOURGLASS_CLOCK_START: 'next tuesday' })[0]).toMatch(
        /HOURGLASS_CLOCK_START/,
      );
    });

    it('when it would listen beyond this machine without TLS', () => {
      const problems = refusal({ ...safeProduction, HOURGLASS_BEHIND_TLS_PROXY: 'false' });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/without TLS.*HOURGLASS_TLS_CERT_FILE/);
    });

    it('but listens on loopback without TLS, or with certificate files', () => {
      expect(() =>
        loadConfig({
          ...safeProduction,
          HOURGLASS_HOST: '127.0.0.1',
          HOURGLASS_BEHIND_TLS_PROXY: 'false',
        }),
      ).not.toThrow();
      expect(() =>
        loadConfig({
          ...safeProduction,
          HOURGLASS_BEHIND_TLS_PROXY: 'false',
          HOURGLASS_TLS_CERT_FILE: '/etc/hourglass/cert.pem',
          HOURGLASS_TLS_KEY_FILE: '/etc/hourglass/key.pem',
        }),
      ).not.toThrow();
    });

    it('with the generated development keyring', () => {
      const problems = refusal({ ...safeProduction, HOURGLASS_KEYRING: 'local' });
      expect(problems).toEqual([
        expect.stringMatching(/development keyring.*HOURGLASS_KEYRING=env/),
      ]);
    });

    it('with environment key material that is not a 32-byte key, without echoing it', () => {
      const problems = refusal({ ...safeProduction, HOURGLASS_KEYRING_KEYS: 'a2V5LW1hdGVyaWFs' });
      expect(problems).toEqual([expect.stringMatching(/must decode to 32 bytes/)]);
      expect(problems.join()).not.toContain('a2V5LW1hdGVyaWFs');
    });

    it('with a PKCS#11 keyring missing its module, token or PIN', () => {
      const problems = refusal({
        ...safeProduction,
        HOURGLASS_KEYRING: 'pkcs11',
        HOURGLASS_PKCS11_MODULE: '/usr/lib/softhsm/libsofthsm2.so',
      });
      expect(problems).toEqual([
        expect.stringMatching(/HOURGLASS_PKCS11_TOKEN and HOURGLASS_PKCS11_PIN/),
      ]);
      const ok = loadConfig({
        ...safeProduction,
        HOURGLASS_KEYRING: 'pkcs11',
        HOURGLASS_PKCS11_MODULE: '/usr/lib/softhsm/libsofthsm2.so',
        HOURGLASS_PKCS11_TOKEN: 'clinic',
        HOURGLASS_PKCS11_PIN: '1234',
      });
      expect(ok.keyring).toEqual({
        kind: 'pkcs11',
        module: '/usr/lib/softhsm/libsofthsm2.so',
        token: 'clinic',
        pin: '1234',
        keyLabel: 'hourglass-kek',
      });
    });

    it('with demo data enabled', () => {
      const problems = refusal({ ...safeProduction, HOURGLASS_DEMO_DATA: 'true' });
      expect(problems).toEqual([expect.stringMatching(/Demo data is enabled/)]);
    });

    it('on the embedded database', () => {
      const problems = refusal({ ...safeProduction, DATABASE_URL: undefined });
      expect(problems).toEqual([expect.stringMatching(/No DATABASE_URL.*fsync/)]);
    });

    it('with the generated development audit signing key', () => {
      const problems = refusal({ ...safeProduction, HOURGLASS_AUDIT_SIGNING_KEY: undefined });
      expect(problems).toEqual([
        expect.stringMatching(/development key.*HOURGLASS_AUDIT_SIGNING_KEY/),
      ]);
    });

    it('with audit sealing turned off', () => {
      const problems = refusal({ ...safeProduction, HOURGLASS_AUDIT_SEAL_INTERVAL_MS: '0' });
      expect(problems).toEqual([expect.stringMatching(/turns audit sealing off/)]);
    });

    it('listing every problem at once', () => {
      expect(refusal({ HOURGLASS_PROFILE: 'production', HOURGLASS_HOST: '0.0.0.0' })).toHaveLength(
        4,
      );
    });
  });
});
