import { queryOptions } from '@tanstack/react-query';
import { fetchAlertRules } from '../../../api/audit.ts';

export const rulesQuery = queryOptions({
  queryKey: ['audit', 'rules'],
  queryFn: ({ signal }) => fetchAlertRules(signal),
});
