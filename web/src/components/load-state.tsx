import { useMessages } from '../i18n/use-messages.ts';
import { Button } from './button.tsx';
import { componentMessages } from './components.messages.ts';
import { InlineAlert } from './inline-alert.tsx';
import { Loading } from './loading.tsx';
import { useProblemText } from './problem-text.ts';

/** What LoadState reads of a TanStack query. */
export interface Loadable {
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  error: unknown;
  refetch: () => unknown;
}

/**
 * What a page's reads are doing: loading, or failed — the problem in words and a button that
 * reads the failed ones again. A failure never leaves "Loading…" on screen (a read that waits
 * on a failed one stays pending: the failure shows instead). Nothing once everything is in.
 */
export function LoadState({ queries, label }: { queries: Loadable[]; label?: string }) {
  const t = useMessages(componentMessages);
  const problemText = useProblemText();
  const failed = queries.filter((q) => q.isError);
  if (failed.length > 0) {
    return (
      <InlineAlert tone="error" title={t('load.failed')}>
        <p>{problemText(failed[0]!.error)}</p>
        <Button
          variant="secondary"
          isPending={failed.some((q) => q.isFetching)}
          onPress={() => failed.forEach((q) => void q.refetch())}
        >
          {t('load.retry')}
        </Button>
      </InlineAlert>
    );
  }
  return queries.some((q) => q.isPending) ? <Loading {...(label ? { label } : {})} /> : null;
}
