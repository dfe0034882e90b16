import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/problem.ts';
import { changeVisit, type VisitAction } from '../../api/schedule.ts';
import type { AppointmentRisk } from '../../api/overbook.ts';
import type { AppointmentType, ScheduleEntry } from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Link } from '../../components/link.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { CancelPanel } from './cancel-panel.tsx';
import { MessageLogPanel } from './message-log-panel.tsx';
import { messageLogMessages } from './message-log.messages.ts';
import { useVisitProblem, useZoneFormat } from './format.ts';
import { overbookMessages } from './overbook.messages.ts';
import { ReschedulePanel } from './reschedule-panel.tsx';
import { RiskDetail } from './risk-badge.tsx';
import { scheduleMessages } from './schedule.messages.ts';
import { SeriesPanel } from './series-panel.tsx';

interface Props {
  entry: ScheduleEntry;
  /** The panel it opens on: its actions, or (a link about a message) its message log. */
  initialPanel?: 'messages' | undefined;
  /** Its no-show risk, where the reader may see it. */
  risk?: AppointmentRisk | undefined;
  type: AppointmentType | undefined;
  providerName: string;
  organization: string;
  zone: string;
  onClose: () => void;
  onDone: (message: string) => void;
  onOverbook: () => void;
}

/** One appointment of the grid and what can be done to it now. */
export function AppointmentDialog({
  entry,
  initialPanel,
  risk,
  type,
  providerName,
  organization,
  zone,
  onClose,
  onDone,
  onOverbook,
}: Props) {
  const t = useMessages(scheduleMessages);
  const r = useMessages(overbookMessages);
  const m = useMessages(messageLogMessages);
  const f = useZoneFormat(zone);
  const visitProblem = useVisitProblem(zone);
  const client = useQueryClient();
  const [panel, setPanel] = useState<'actions' | 'cancel' | 'reschedule' | 'messages'>(
    initialPanel ?? 'actions',
  );
  const visit = useMutation({
    mutationFn: (action: VisitAction) => changeVisit(entry.id, entry.version, action),
    onSuccess: (_, action) => {
      void client.invalidateQueries({ queryKey: ['schedule'] });
      onDone(t(`desk.appt.done.${action}`));
    },
    onError: (err) => {
      if (err instanceof ApiError && err.is('precondition-failed')) {
        void client.invalidateQueries({ queryKey: ['schedule'] });
      }
    },
  });
  const name = entry.patient?.displayName ?? t('schedule.patient.unnamed');
  const live = entry.status === 'booked' || entry.status === 'held';
  const inPerson = entry.modality === 'in_person';

  return (
    <Dialog
      isOpen
      size="wide"
      onOpenChange={(open) => !open && onClose()}
      title={t('desk.appt.title', { time: f.time(entry.start) })}
    >
      <dl className="facts">
        <dt>{t('desk.appt.patient')}</dt>
        <dd>
          {name}
          {entry.patient && (
            <>
              {' · '}
              <Link to="/console/patients/$patientId" params={{ patientId: entry.patient.id }}>
                {t('desk.appt.openPatient')}
              </Link>
            </>
          )}
        </dd>
        <dt>{t('desk.appt.when')}</dt>
        <dd>
          {t('desk.appt.whenValue', {
            date: f.dateOf(entry.start),
            start: f.time(entry.start),
            end: f.time(entry.end),
          })}
        </dd>
        <dt>{t('desk.appt.provider')}</dt>
        <dd>{providerName}</dd>
        <dt>{t('desk.appt.type')}</dt>
        <dd>{type?.name ?? ''}</dd>
        <dt>{t('desk.appt.modality')}</dt>
        <dd>{t(`desk.modality.${entry.modality}`)}</dd>
        <dt>{t('desk.appt.status')}</dt>
        <dd>
          {t(`desk.status.${entry.status}`)}
          {entry.overbooked && ` · ${t('schedule.overbooked')}`}
          {entry.holdExpiresAt &&
            ` · ${t('schedule.heldUntil', { time: f.time(entry.holdExpiresAt) })}`}
        </dd>
        {risk && (
          <>
            <dt>{r('risk.title')}</dt>
            <dd>
              <RiskDetail risk={risk} />
            </dd>
          </>
        )}
      </dl>
      {panel === 'cancel' && type && (
        <CancelPanel
          entry={entry}
          type={type}
          zone={zone}
          onBack={() => setPanel('actions')}
          onDone={onDone}
        />
      )}
      {panel === 'reschedule' && type && (
        <ReschedulePanel
          entry={entry}
          type={type}
          organization={organization}
          zone={zone}
          onBack={() => setPanel('actions')}
          onDone={onDone}
        />
      )}
      {panel === 'messages' && (
        <MessageLogPanel appointmentId={entry.id} zone={zone} onBack={() => setPanel('actions')} />
      )}
      {panel === 'actions' && (
        <>
          {entry.seriesId && entry.status === 'booked' && (
            <SeriesPanel
              seriesId={entry.seriesId}
              appointmentId={entry.id}
              start={entry.start}
              cutoffHours={type?.cancelCutoffHours ?? 0}
              onDone={onDone}
            />
          )}
          <InlineAlert tone="error">{visit.isError && visitProblem(visit.error)}</InlineAlert>
          <div className="action-bar">
            {entry.status === 'booked' && inPerson && (
              <Button isPending={visit.isPending} onPress={() => visit.mutate('check-in')}>
                {t('desk.appt.checkIn')}
              </Button>
            )}
            {(entry.status === 'checked_in' || (entry.status === 'booked' && !inPerson)) && (
              <Button isPending={visit.isPending} onPress={() => visit.mutate('complete')}>
                {t('desk.appt.complete')}
              </Button>
            )}
            {entry.status === 'booked' && (
              <Button
                variant="secondary"
                isPending={visit.isPending}
                onPress={() => visit.mutate('no-show')}
              >
                {t('desk.appt.noShow')}
              </Button>
            )}
            {entry.status === 'booked' && (
              <Button variant="secondary" onPress={() => setPanel('reschedule')}>
                {t('desk.appt.reschedule')}
              </Button>
            )}
            {live && (
              <Button variant="danger" onPress={() => setPanel('cancel')}>
                {t('desk.appt.cancel')}
              </Button>
            )}
            {live && (
              <Button variant="quiet" onPress={onOverbook}>
                {t('desk.appt.overbook')}
              </Button>
            )}
            {entry.patient && (
              <Button variant="quiet" onPress={() => setPanel('messages')}>
                {m('log.open')}
              </Button>
            )}
          </div>
          <FormActions>
            <Button variant="quiet" onPress={onClose}>
              {t('desk.appt.close')}
            </Button>
          </FormActions>
        </>
      )}
    </Dialog>
  );
}
