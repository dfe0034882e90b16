import type { TestProject } from 'vitest/node';
import { buildRunTemplates, type RunTemplates } from './template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated templates test databases are copied from (test/template.ts). */
    testTemplates: RunTemplates;
  }
}

/** Runs once before any test file: builds the migrated templates every test database copies. */
export default async function setup(project: TestProject) {
  project.provide(
    'testTemplates',
    await buildRunTemplates(process.env.HOURGLASS_TEST_DATABASE_URL),
  );
}
