import { describe, expect, it } from 'vitest';
import { demoAccounts } from '../src/modules/identity/identity.demo.ts';
import { totpCode } from '../src/modules/identity/identity.totp.ts';
import { runHourglass } from './cli.ts';

describe('hourglass demo-code', () => {
  it("prints the code a demo account's authenticator shows now", async () => {
    const frontDesk = demoAccounts.find((a) => a.role === 'front_desk')!;
    const before = await totpCode(frontDesk.totpSecret, new Date());
    const { status, stdout } = await runHourglass(['demo-code', 'front_desk'], {});
    const after = await totpCode(frontDesk.totpSecret, new Date());
    expect(status).toBe(0);
    expect([before, after]).toContain(stdout.trim());
  });

  it('names the roles it knows, and has no code for the patient (who is emailed one)', async () => {
    for (const args of [['demo-code', 'patient'], ['demo-code'], ['demo-code', 'nurse']]) {
      const { status, stdout, stderr } = await runHourglass(args, {});
      expect(status).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('admin|manager|front_desk|clinician|compliance_officer');
    }
  });
});
