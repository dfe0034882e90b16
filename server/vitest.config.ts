import { defineConfig } from 'vitest/config';

// HOURGLASS_TEST_REPORT=path adds a JSON report (CI adds them up into one closing line).
const report = process.env.HOURGLASS_TEST_REPORT;
// *.pg.test.ts need real PostgreSQL (many connections at once): part of the PostgreSQL run only.
const onPostgres = Boolean(process.env.HOURGLASS_TEST_DATABASE_URL);

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: onPostgres ? [] : ['**/*.pg.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: report ? ['default', ['json', { outputFile: report }]] : ['default'],
  },
});
