import { defineConfig } from 'vitest/config';

// Unit tests of the web app's logic (catalogs, API client): plain Node, no browser, no build
// plugins — the catalogs are read as their source strings.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
