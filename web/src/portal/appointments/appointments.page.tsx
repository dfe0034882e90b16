import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import {
  cancelAppointment,
  checkInAppointment,
  confirmAppointment,
  rescheduleAppointment,
  type CancelReason,
  type MyAppointment,
} from '../../api/my-appointments.ts';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { LinkButton } from '../../components/link.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { RadioGroup } from '../../components/radio-group.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { dependantsQuery } from '../book/book.queries.ts';
import { CancelDialog, ConfirmActionDialog } from './action-dialogs.tsx';
import type { ActionKind } from './appointment-card.tsx';
import { AppointmentList } from './appointment-list.tsx';
import { appointmentsMessages } from './appointments.messages.ts';
import { refreshAppointments } from './appointments.queries.ts';
import { RescheduleDialog } from './reschedule-dialog.tsx';
import { useVisitTime } from './visit-time.ts';
import './visits.css';

type Outcome = { tone: 'success' | 'error'; text: string };
type Change =
  | { kind: 'confirm' | 'checkIn' }
  | { kind: 'cancel'; reason: CancelReason }
  | { kind: 'reschedule'; start: string };

const self = 'self';

/**
 * The signed-in patient's visits, upcoming and past, or — for a caregiver — a dependant's. Each
 * change is asked for in a dialog, done by the API (the rules are the server's: the list says
 * which actions are open), its outcome announced, and the lists read again.
 */
export function AppointmentsPage() {
  const t = useMessages(appointmentsMessages);
  const problemText = useProblemText();
  const when = useVisitTime();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<{ kind: ActionKind; appointment: MyAppointment } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  // Whose visits: the patient's own, or a dependant's their consent covers (caregivers).
  const dependants = useQuery(dependantsQuery);
  const [whose, setWhose] = useState<string>(self);
  const patientId = whose === self ? undefined : whose;

  const change = useMutation({
    mutationFn: async ({ a, c }: { a: MyAppointment; c: Change }) => {
      switch (c.kind) {
        case 'confirm':
          await confirmAppointment(a.id);
          return a.start;
        case 'checkIn':
          await checkInAppointment(a.id);
          return a.start;
        case 'cancel':
          await cancelAppointment(a.id, c.reason);
          return a.start;
        case 'reschedule':
          return (await rescheduleAppointment(a.id, c.start)).start;
      }
    },
    onSuccess: (start, { a, c }) => {
      const at = when(start, a.location.timeZone);
      const words = { date: at.date, time: at.time };
      const text =
        c.kind === 'confirm'
          ? t('outcome.confirmed', words)
          : c.kind === 'checkIn'
            ? t('outcome.checkedIn')
            : c.kind === 'cancel'
              ? t('outcome.cancelled', words)
              : t('outcome.rescheduled', words);
      setOutcome({ tone: 'success', text });
    },
    onError: (err) =>
      setOutcome({ tone: 'error', text: t('outcome.failed', { problem: problemText(err) }) }),
    onSettled: async () => {
      setOpen(null);
      // The outcome takes focus: the button that opened the dialog may be gone from the list.
      requestAnimationFrame(() => outcomeRef.current?.focus());
      await refreshAppointments(queryClient);
    },
  });

  const act = (c: Change) => {
    if (!open) return;
    setOutcome(null);
    change.mutate({ a: open.appointment, c });
  };
  const close = () => setOpen(null);
  const dialogProps = open && {
    appointment: open.appointment,
    pending: change.isPending,
    onClose: close,
  };

  return (
    <section className="page">
      <PageHeading lead={<p>{t('appointments.lead')}</p>}>{t('appointments.title')}</PageHeading>
      <div ref={outcomeRef} tabIndex={-1} className="outcome">
        <InlineAlert tone={outcome?.tone ?? 'success'}>{outcome?.text}</InlineAlert>
      </div>
      {(dependants.data?.length ?? 0) > 0 && (
        <RadioGroup
          label={t('appointments.whose')}
          value={whose}
          onChange={(v) => {
            setOutcome(null);
            setWhose(v);
          }}
          choices={[
            { value: self, label: t('appointments.whose.me') },
            ...(dependants.data ?? []).map((d) => ({ value: d.patientId, label: d.displayName })),
          ]}
        />
      )}
      <AppointmentList
        when="upcoming"
        patientId={patientId}
        onAction={(kind, appointment) => setOpen({ kind, appointment })}
      />
      <p>
        <LinkButton to="/book" variant="secondary">
          {t('appointments.book')}
        </LinkButton>
      </p>
      <AppointmentList when="past" patientId={patientId} onAction={null} />
      {dialogProps && (open.kind === 'confirm' || open.kind === 'checkIn') && (
        <ConfirmActionDialog
          {...dialogProps}
          kind={open.kind}
          onDo={() => act({ kind: open.kind === 'confirm' ? 'confirm' : 'checkIn' })}
        />
      )}
      {dialogProps && open.kind === 'cancel' && (
        <CancelDialog {...dialogProps} onCancel={(reason) => act({ kind: 'cancel', reason })} />
      )}
      {dialogProps && open.kind === 'reschedule' && (
        <RescheduleDialog {...dialogProps} onMove={(start) => act({ kind: 'reschedule', start })} />
      )}
    </section>
  );
}
