import { ApiError } from '../api/problem.ts';
import { useMessages } from '../i18n/use-messages.ts';
import { componentMessages } from './components.messages.ts';

const known = [
  'sign-in-failed',
  'code-rejected',
  'link-expired',
  'network',
  'server-error',
  'unauthorized',
  'forbidden',
  'not-found',
  'validation',
] as const;

/**
 * A problem in the reader's language: the common identity and transport problems have their own
 * message here; any other shows the server's detail (written for a person), or a general line.
 */
export function useProblemText(): (error: unknown) => string {
  const t = useMessages(componentMessages);
  return (error) => {
    if (!(error instanceof ApiError)) return t('problem.fallback');
    if (error.is('too-many-attempts')) {
      const seconds = Number(error.problem.retryAfterSeconds ?? 0);
      return t('problem.too-many-attempts', { seconds });
    }
    const slug = known.find((s) => error.is(s));
    if (slug) return t(`problem.${slug}`);
    return error.problem.detail || t('problem.fallback');
  };
}
