import { configDefaults, defineConfig } from 'vitest/config';

// HOURGLASS_TEST_REPORT=path adds a JSON report (CI adds them up into one closing line).
const report = process.env.HOURGLASS_TEST_REPORT;
// `npm run test:int` runs only the *.int.test.ts files, which need outside peers installed from
// Debian (SoftHSM2, ClamAV); `npm test` runs everything else and needs none of them.
const peers = process.env.HOURGLASS_TEST_PEERS === 'true';
const int = '**/*.int.test.ts';

export default defineConfig({
  test: {
    include: peers ? [`src/${int}`, `test/${int}`] : ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: peers ? configDefaults.exclude : [...configDefaults.exclude, int],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: report ? ['default', ['json', { outputFile: report }]] : ['default'],
  },
});
