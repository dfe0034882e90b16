import { useInfiniteQuery } from '@tanstack/react-query';
import type { MyAppointment, When } from '../../api/my-appointments.ts';
import { Button } from '../../components/button.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { AppointmentCard, type ActionKind } from './appointment-card.tsx';
import { appointmentsMessages } from './appointments.messages.ts';
import { myAppointmentsQuery } from './appointments.queries.ts';

interface Props {
  when: When;
  /** A dependant's visits (their consent covers them); the patient's own without it. */
  patientId?: string | undefined;
  onAction: ((kind: ActionKind, appointment: MyAppointment) => void) | null;
}

/** One list (upcoming or past) under its heading, a page at a time. */
export function AppointmentList({ when, patientId, onAction }: Props) {
  const t = useMessages(appointmentsMessages);
  const list = useInfiniteQuery(myAppointmentsQuery(when, patientId));
  const headingId = `appointments-${when}`;
  const items = list.data?.pages.flatMap((p) => p.appointments) ?? [];
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(`appointments.${when}`)}</h2>
      {list.isPending && <Loading label={t('appointments.loading')} />}
      {list.isError && (
        <>
          <InlineAlert tone="error">{t('appointments.error')}</InlineAlert>
          <Button variant="secondary" onPress={() => void list.refetch()}>
            {t('appointments.retry')}
          </Button>
        </>
      )}
      {list.isSuccess && items.length === 0 && <p>{t(`appointments.${when}.empty`)}</p>}
      {items.length > 0 && (
        <ul className="visits">
          {items.map((a) => (
            <li key={a.id}>
              <AppointmentCard appointment={a} onAction={onAction} />
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <Button
          variant="secondary"
          isPending={list.isFetchingNextPage}
          onPress={() => void list.fetchNextPage()}
        >
          {t('appointments.more')}
        </Button>
      )}
    </section>
  );
}
