// The API's types come from the server's own zod schemas (type-only imports, erased at build),
// so the web app cannot drift from what the server validates and serializes.
import type { z } from 'zod';
import type { sessionView } from '../../../server/src/modules/identity/identity.schema.ts';

export type {
  Organization,
  OrganizationSummary,
  Location,
} from '../../../server/src/modules/directory/directory.schema.ts';
export type {
  AnswerValue,
  Answers,
  FormView,
  Question,
} from '../../../server/src/modules/intake/intake.schema.ts';
export type { Problem } from '../../../server/src/platform/http/problem.ts';
export type Session = z.infer<typeof sessionView>;
