import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/problem.ts';
import { cancelReasons, type CancelReason, type OverrideReason } from '../../api/schedule.ts';
import { cancelFollowing, fetchSeries } from '../../api/series.ts';
import { Button } from '../../components/button.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Select } from '../../components/select.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { insideCutoff } from './cancel-panel.tsx';
import { OverrideSelect } from './override-select.tsx';
import { scheduleMessages } from './schedule.messages.ts';
import { seriesMessages } from './series.messages.ts';

interface Props {
  seriesId: string;
  appointmentId: string;
  /** The visit's start and the type's cancel cut-off: inside it staff say why (`overrideReason`). */
  start: string;
  cutoffHours: number;
  onDone: (message: string) => void;
}

/**
 * The series an appointment belongs to (rendered only for a series visit, so other visits never
 * ask for one): which visit of how many, and "cancel this and the following" — the series ends
 * before this visit. Cancelling this visit alone is the dialog's own Cancel.
 */
export function SeriesPanel({ seriesId, appointmentId, start, cutoffHours, onDone }: Props) {
  const t = useMessages(seriesMessages);
  const s = useMessages(scheduleMessages);
  const problemText = useProblemText();
  const client = useQueryClient();
  const [reason, setReason] = useState<CancelReason>('patient_request');
  const [late, setLate] = useState(insideCutoff(start, cutoffHours));
  const [override, setOverride] = useState<OverrideReason>('patient_called');
  const series = useQuery({
    queryKey: ['series', seriesId],
    queryFn: ({ signal }) => fetchSeries(seriesId, signal),
  });
  const cancel = useMutation({
    mutationFn: () => cancelFollowing(seriesId, appointmentId, reason, late ? override : undefined),
    onSuccess: (after) => {
      void client.invalidateQueries({ queryKey: ['schedule'] });
      void client.invalidateQueries({ queryKey: ['series', seriesId] });
      const from = after.occurrences.findIndex((o) => o.id === appointmentId);
      const count = after.occurrences.slice(from).filter((o) => o.status === 'cancelled').length;
      onDone(t('series.cancelledFollowing', { count }));
    },
    onError: (err) => {
      if (err instanceof ApiError && err.is('cutoff-passed')) setLate(true);
    },
  });
  if (!series.data) return null;
  const occurrences = series.data.occurrences;
  const n = occurrences.findIndex((o) => o.id === appointmentId) + 1;
  return (
    <section className="series-panel" aria-label={t('series.label')}>
      <p>{t('series.of', { n, total: occurrences.length })}</p>
      <div className="field-row">
        <Select
          label={s('desk.cancel.reason')}
          selectedKey={reason}
          onSelectionChange={(k) => setReason(k as CancelReason)}
          options={cancelReasons.map((r) => ({ value: r, label: s(`desk.reason.${r}`) }))}
        />
      </div>
      {late && (
        <OverrideSelect
          label={s('desk.cancel.override')}
          description={s('desk.cancel.override.why', { hours: cutoffHours })}
          value={override}
          onChange={setOverride}
        />
      )}
      <Button variant="danger" isPending={cancel.isPending} onPress={() => cancel.mutate()}>
        {t('series.cancelFollowing')}
      </Button>
      {cancel.isError && <InlineAlert tone="error">{problemText(cancel.error)}</InlineAlert>}
    </section>
  );
}
