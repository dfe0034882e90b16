import { queryOptions } from '@tanstack/react-query';
import { fetchAlert, fetchAlerts } from '../../../api/audit.ts';

export const alertsQuery = queryOptions({
  queryKey: ['audit', 'alerts'],
  queryFn: ({ signal }) => fetchAlerts(signal),
});

export const alertQuery = (alertId: string) =>
  queryOptions({
    queryKey: ['audit', 'alert', alertId],
    queryFn: ({ signal }) => fetchAlert(alertId, signal),
    gcTime: 0,
  });
