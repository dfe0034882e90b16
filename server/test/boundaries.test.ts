import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The module boundaries are the build's, not a convention: the repository's own lint config
 * (eslint.config.js) fails a forbidden import. Each case lints a few lines as if they were a file
 * in the named place.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('module boundaries, enforced by the lint', () => {
  it("refuses a module importing another module's store", async () => {
    const code = "import { findOrganizationBySlug } from '../directory/directory.store.ts';\n";
    const messages = await restricted('server/src/modules/identity/identity.probe.ts', code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/published functions/);
    const part = "import { findVisitGuide } from '../directory/directory.visit-guide-store.ts';\n";
    expect(await restricted('server/src/modules/demo/demo.probe.ts', part)).toHaveLength(1);
  });

  it('lets a module import its own store, and another module through its service', async () => {
    const own = "import { findOrganizationBySlug } from './directory.store.ts';\n";
    expect(await restricted('server/src/modules/directory/directory.probe.ts', own)).toEqual([]);
    const published =
      "import { findOrganizationBySlug } from '../directory/directory.service.ts';\n";
    expect(await restricted('server/src/modules/identity/identity.probe.ts', published)).toEqual(
      [],
    );
  });

  it('refuses availability importing booking, and the platform importing a module', async () => {
    const cycle = "import { occupancy } from '../booking/booking.occupancy.ts';\n";
    expect(
      await restricted('server/src/modules/availability/availability.probe.ts', cycle),
    ).toHaveLength(1);
    const upward = "import { createAudit } from '../../modules/audit/audit.service.ts';\n";
    expect(await restricted('server/src/platform/db/probe.ts', upward)).toHaveLength(1);
  });

  it('lets a test read any table: tests are the proof', async () => {
    const code = "import { listAuditEvents } from '../audit/audit.store.ts';\n";
    expect(await restricted('server/src/modules/access/access.probe.test.ts', code)).toEqual([]);
  });
});
