import { ApiError, fieldErrorsByName } from '../../api/problem.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { setupMessages } from './setup.messages.ts';

/**
 * The field errors of a failed save, with a taken name (409 `name-taken`, pointer `/body/name`)
 * worded in the reader's language beside the name field; undefined leaves the form to the
 * server's words.
 */
export function useNameTaken(error: unknown): Record<string, string> | undefined {
  const s = useMessages(setupMessages);
  if (!(error instanceof ApiError) || !error.is('name-taken')) return undefined;
  return { ...fieldErrorsByName(error), name: s('setup.nameTaken') };
}

/** Whether a failed save names fields (so "see the messages beside them" is true). */
export const namesFields = (error: unknown) =>
  error instanceof ApiError &&
  (error.is('name-taken') || Object.keys(fieldErrorsByName(error)).length > 0);
