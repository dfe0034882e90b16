import { useQuery } from '@tanstack/react-query';
import { fetchOverbookAllowance } from '../../api/overbook.ts';
import { ApiError } from '../../api/problem.ts';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { overbookMessages } from './overbook.messages.ts';

interface Props {
  providerId: string;
  appointmentTypeId: string;
  locationId: string;
  start: string;
}

export const allowanceKey = ['overbook-allowance'] as const;

/**
 * What remains of the clinic's overbooking policy at this time, as the database reckons it: the
 * extra places free now, and the hourly and daily limits with what is used of them.
 */
export function OverbookAllowance(props: Props) {
  const t = useMessages(overbookMessages);
  const allowance = useQuery({
    queryKey: [...allowanceKey, props],
    queryFn: ({ signal }) => fetchOverbookAllowance(props, signal),
  });
  const a = allowance.data;
  if (!a) return null;
  if (!a.allowed) return <InlineAlert tone="warning">{t('overbook.notAllowed')}</InlineAlert>;
  return (
    <InlineAlert
      tone={a.remaining > 0 ? 'info' : 'warning'}
      title={t('overbook.remaining', { count: a.remaining })}
    >
      <ul>
        <li>{t('overbook.atOnce', { free: a.atOnce.free, max: a.atOnce.max })}</li>
        {a.perHour.max !== null && (
          <li>{t('overbook.perHour', { used: a.perHour.used, max: a.perHour.max })}</li>
        )}
        {a.perDay.max !== null && (
          <li>{t('overbook.perDay', { used: a.perDay.used, max: a.perDay.max })}</li>
        )}
      </ul>
    </InlineAlert>
  );
}

/** The refusal of an overbooking in the reader's language, or undefined for any other problem. */
export function useOverbookProblem() {
  const t = useMessages(overbookMessages);
  return (error: unknown): string | undefined => {
    if (!(error instanceof ApiError) || !error.is('overbook-cap-reached')) return undefined;
    const cap = (error.problem as { cap?: string }).cap;
    return cap === 'per_hour'
      ? t('overbook.cap.per_hour')
      : cap === 'per_day'
        ? t('overbook.cap.per_day')
        : t('overbook.cap.at_once');
  };
}
