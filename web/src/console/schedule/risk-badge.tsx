import { useQueries } from '@tanstack/react-query';
import { fetchNoShowRisk, type AppointmentRisk } from '../../api/overbook.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { overbookMessages } from './overbook.messages.ts';

/**
 * The no-show risk of the shown days' bookings (computed by the server from the clinic's own
 * history), by appointment id. Only for those who read the schedule's entries.
 */
export function useRisks(
  locationId: string | undefined,
  dates: readonly string[],
  enabled: boolean,
): Map<string, AppointmentRisk> {
  const results = useQueries({
    queries: dates.map((date) => ({
      queryKey: ['no-show-risk', locationId, date],
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchNoShowRisk(locationId!, date, signal),
      enabled: enabled && Boolean(locationId),
      staleTime: 60_000,
    })),
  });
  const map = new Map<string, AppointmentRisk>();
  for (const r of results) for (const e of r.data?.entries ?? []) map.set(e.appointmentId, e);
  return map;
}

/** The level as words (never colour alone); the score is in the appointment's dialog. */
export function RiskBadge({ risk }: { risk: AppointmentRisk | undefined }) {
  const t = useMessages(overbookMessages);
  if (!risk) return null;
  return (
    <span className={`risk risk-${risk.level}`}>
      {t('risk.label', { level: t(`risk.${risk.level}`) })}
    </span>
  );
}

/** The level and the score, for the appointment's details. */
export function RiskDetail({ risk }: { risk: AppointmentRisk | undefined }) {
  const t = useMessages(overbookMessages);
  if (!risk) return null;
  return <>{t('risk.detail', { level: t(`risk.${risk.level}`), score: risk.score })}</>;
}
