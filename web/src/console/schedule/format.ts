import { useIntl } from 'react-intl';
import { ApiError } from '../../api/problem.ts';
import { useProblemText } from '../../components/problem-text.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { scheduleMessages } from './schedule.messages.ts';

/** Times and dates in the location's zone, in the reader's language. */
export function useZoneFormat(zone: string) {
  const intl = useIntl();
  return {
    time: (iso: string) => intl.formatTime(iso, { timeStyle: 'short', timeZone: zone }),
    /** A row's label: minutes from local midnight. */
    minute: (m: number) =>
      intl.formatTime(Date.UTC(2000, 0, 1, Math.floor(m / 60), m % 60), {
        timeStyle: 'short',
        timeZone: 'UTC',
      }),
    /** A local date (YYYY-MM-DD). */
    date: (d: string, style: 'full' | 'medium' | 'weekday' = 'full') =>
      intl.formatDate(`${d}T12:00:00Z`, {
        timeZone: 'UTC',
        ...(style === 'weekday'
          ? { weekday: 'short', day: 'numeric', month: 'short' }
          : { dateStyle: style }),
      }),
    dateOf: (iso: string) => intl.formatDate(iso, { dateStyle: 'full', timeZone: zone }),
  };
}

/**
 * A scheduling problem in the reader's words: the visit-day guards say when it becomes
 * possible, in the location's zone; anything else falls back to the app's problem text.
 */
export function useVisitProblem(zone: string) {
  const t = useMessages(scheduleMessages);
  const problemText = useProblemText();
  const f = useZoneFormat(zone);
  const status = (s: unknown) =>
    typeof s === 'string' && `desk.status.${s}` in scheduleMessages.en
      ? t(`desk.status.${s}` as 'desk.status.booked')
      : String(s ?? '');
  return (error: unknown): string => {
    if (!(error instanceof ApiError)) return problemText(error);
    const p = error.problem as Record<string, unknown>;
    const at = (k: string) => (typeof p[k] === 'string' ? f.time(p[k]) : '');
    switch (error.slug) {
      case 'check-in-not-open':
        return t('desk.problem.check-in-not-open', { time: at('opensAt') });
      case 'check-in-closed':
        return t('desk.problem.check-in-closed', { time: at('closedAt') });
      case 'check-in-in-person-only':
        return t('desk.problem.check-in-in-person-only');
      case 'visit-not-started':
        return t('desk.problem.visit-not-started', { time: at('startsAt') });
      case 'invalid-transition':
        return t('desk.problem.invalid-transition', { state: status(p.currentState) });
      case 'cutoff-passed':
        return t('desk.problem.cutoff-passed');
      case 'precondition-failed':
        return t('desk.conflict.changed');
      default:
        return problemText(error);
    }
  };
}
