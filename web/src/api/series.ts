import type { z } from 'zod';
import { get, post, seg } from './client.ts';
import type {
  seriesCommitted,
  seriesInput,
  seriesPreview,
} from '../../../server/src/modules/booking/booking.series.ts';
import type { seriesView } from '../../../server/src/modules/booking/booking.series-split.ts';

/** Recurring series: preview, commit, read, and "this and following" (staff). */

export type SeriesInput = z.input<typeof seriesInput>;
export type SeriesPreview = z.infer<typeof seriesPreview>;
export type SeriesCommitted = z.infer<typeof seriesCommitted>;
export type Series = z.infer<typeof seriesView>;

export const previewSeries = (input: SeriesInput) =>
  post<SeriesPreview>('/api/series/preview', input);

export const commitSeries = (input: SeriesInput) => post<SeriesCommitted>('/api/series', input);

export const fetchSeries = (id: string, signal?: AbortSignal) =>
  get<Series>(`/api/series/${seg(id)}`, { signal });

/** Inside the type's cut-off staff give `overrideReason` (else a 409 `cutoff-passed`). */
export const cancelFollowing = (
  id: string,
  appointmentId: string,
  reasonCode: string,
  overrideReason?: string,
) =>
  post<Series>(`/api/series/${seg(id)}/following`, {
    action: 'cancel',
    appointmentId,
    reasonCode,
    ...(overrideReason ? { overrideReason } : {}),
  });
