import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/problem.ts';
import {
  cancelAppointment,
  cancelReasons,
  type CancelReason,
  type OverrideReason,
} from '../../api/schedule.ts';
import type { AppointmentType, ScheduleEntry } from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Select } from '../../components/select.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { useVisitProblem } from './format.ts';
import { OverrideSelect } from './override-select.tsx';
import { scheduleMessages } from './schedule.messages.ts';

/** Whether a change to a visit is inside the type's cut-off (then staff give a reason). */
export const insideCutoff = (start: string, hours: number) =>
  Date.parse(start) - hours * 3_600_000 < Date.now();

/** Cancelling with a reason, and inside the cut-off with the reason for the late change. */
export function CancelPanel({
  entry,
  type,
  zone,
  onBack,
  onDone,
}: {
  entry: ScheduleEntry;
  type: AppointmentType;
  zone: string;
  onBack: () => void;
  onDone: (message: string) => void;
}) {
  const t = useMessages(scheduleMessages);
  const visitProblem = useVisitProblem(zone);
  const client = useQueryClient();
  const [reason, setReason] = useState<CancelReason>('patient_request');
  const [late, setLate] = useState(insideCutoff(entry.start, type.cancelCutoffHours));
  const [override, setOverride] = useState<OverrideReason>('patient_called');
  const cancel = useMutation({
    mutationFn: () =>
      cancelAppointment(entry.id, entry.version, reason, late ? override : undefined),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['schedule'] });
      onDone(t('desk.appt.done.cancel'));
    },
    onError: (err) => {
      if (err instanceof ApiError && err.is('cutoff-passed')) setLate(true);
      if (err instanceof ApiError && err.is('precondition-failed')) {
        void client.invalidateQueries({ queryKey: ['schedule'] });
      }
    },
  });
  return (
    <section aria-labelledby="cancel-title" className="panel">
      <h3 id="cancel-title">{t('desk.cancel.title')}</h3>
      <Select
        label={t('desk.cancel.reason')}
        selectedKey={reason}
        onSelectionChange={(k) => setReason(k as CancelReason)}
        options={cancelReasons.map((r) => ({ value: r, label: t(`desk.reason.${r}`) }))}
      />
      {late && (
        <OverrideSelect
          label={t('desk.cancel.override')}
          description={t('desk.cancel.override.why', { hours: type.cancelCutoffHours })}
          value={override}
          onChange={setOverride}
        />
      )}
      <InlineAlert tone="error">{cancel.isError && visitProblem(cancel.error)}</InlineAlert>
      <FormActions>
        <Button variant="danger" isPending={cancel.isPending} onPress={() => cancel.mutate()}>
          {t('desk.cancel.confirm')}
        </Button>
        <Button variant="quiet" onPress={onBack}>
          {t('desk.appt.back')}
        </Button>
      </FormActions>
    </section>
  );
}
