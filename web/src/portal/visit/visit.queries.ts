import { queryOptions } from '@tanstack/react-query';
import { fetchAppointment } from '../../api/booking.ts';

/** The one appointment a visit link opens: in memory only, gone with the page. */
export const visitQuery = (appointmentId: string) =>
  queryOptions({
    queryKey: ['visit', appointmentId],
    queryFn: ({ signal }) => fetchAppointment(appointmentId, signal),
    gcTime: 0,
    retry: false,
  });
