import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// HOURGLASS_TEST_REPORT=path adds a JSON report (CI adds them up into one closing line).
const report = process.env.HOURGLASS_TEST_REPORT;
// *.pg.test.ts need real PostgreSQL (many connections at once): part of the PostgreSQL run only.
const onPostgres = Boolean(process.env.HOURGLASS_TEST_DATABASE_URL);
// `npm run test:int` runs only the *.int.test.ts files, which need outside peers installed from
// Debian (SoftHSM2, ClamAV, rsyslog); `npm test` runs everything else and needs none of them.
const peers = process.env.HOURGLASS_TEST_PEERS === 'true';
const int = '**/*.int.test.ts';

export default defineConfig({
  test: {
    include: peers ? [`src/${int}`, `test/${int}`] : ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [
      ...configDefaults.exclude,
      ...(peers ? [] : [int]),
      ...(onPostgres ? [] : ['**/*.pg.test.ts']),
    ],
    // Builds the migrated template every test database is copied from (test/template.ts).
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A worker runs file after file without starting afresh: the app's modules are imported and
    // PGlite's WebAssembly compiled once per worker, not once per file (about 3 s each). Every
    // suite still gets a database of its own. Vitest's default for `run` is one worker fewer than
    // the cores: on a 2-core machine that is one, and the suite waits on the database and
    // subprocesses often enough to keep two busy.
    isolate: false,
    maxWorkers: Math.max(2, availableParallelism() - 1),
    reporters: report ? ['default', ['json', { outputFile: report }]] : ['default'],
  },
});
