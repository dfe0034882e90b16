import { calendarHref, type MyAppointment } from '../../api/my-appointments.ts';
import { useSession } from '../../api/queries.ts';
import { Button } from '../../components/button.tsx';
import { Link } from '../../components/link.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { appointmentsMessages } from './appointments.messages.ts';
import { useVisitTime } from './visit-time.ts';

export type ActionKind = 'confirm' | 'cancel' | 'reschedule' | 'checkIn';

interface Props {
  appointment: MyAppointment;
  /** Null: a past visit, shown without actions. */
  onAction: ((kind: ActionKind, appointment: MyAppointment) => void) | null;
}

const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

/**
 * One visit: when (in the location's zone), what, with whom, where or by video, its state, and
 * what the patient may do now — exactly the actions the server says are open. Past the online
 * cut-off, the clinic's phone number instead of the change buttons.
 */
export function AppointmentCard({ appointment: a, onAction: onAnyAction }: Props) {
  // A series visit is the clinic's to change: shown labelled, without the patient's actions.
  const onAction = a.seriesId ? null : onAnyAction;
  const t = useMessages(appointmentsMessages);
  const when = useVisitTime();
  const zone = a.location.timeZone;
  const start = when(a.start, zone);
  const actions = a.actions;
  const session = useSession();
  // Waiting for an earlier time is the patient's own (a dependant's visit is not moved from here).
  const own = session.data?.stage === 'full' && session.data.account.patientId === a.patientId;
  const live = a.status === 'held' || a.status === 'booked' || a.status === 'checked_in';
  // The server gives a cut-off instant while the change is allowed by state; past it, it says no.
  const cutoffPassed =
    (actions.cancelCutoffAt !== null && !actions.canCancel) ||
    (actions.rescheduleCutoffAt !== null && !actions.canReschedule);
  const cutoff = actions.cancelCutoffAt ?? actions.rescheduleCutoffAt;
  const telehealth = a.modality === 'telehealth';
  const headingId = `appointment-${a.id}`;

  return (
    <article className="card visit" aria-labelledby={headingId}>
      <div className="visit-head">
        <h3 id={headingId}>{t('appointment.when', { date: start.date, time: start.time })}</h3>
        <p className={`visit-status visit-status-${a.status}`}>
          {a.status === 'cancelled' && a.cancelReason === 'rescheduled'
            ? t('appointment.status.moved')
            : t(`appointment.status.${a.status}`)}
        </p>
      </div>
      {a.seriesId && <p className="visit-series">{t('appointment.series')}</p>}
      <p className="visit-what">
        <strong>{a.appointmentType.name}</strong>{' '}
        {t('appointment.with', { provider: a.provider.displayName })}
      </p>
      {telehealth ? (
        <p>{t('appointment.video')}</p>
      ) : (
        <>
          <p>{t('appointment.place', { location: a.location.name })}</p>
          <address>
            {a.location.address.line}
            <br />
            {`${a.location.address.city}, ${a.location.address.region} ${a.location.address.postalCode}`}
          </address>
        </>
      )}
      <p className="muted">{t('appointment.zone', { zone })}</p>
      {a.status === 'held' && a.holdExpiresAt && (
        <p className="visit-note">
          {t('appointment.heldUntil', { time: when(a.holdExpiresAt, zone).time })}
        </p>
      )}
      {live && a.appointmentType.instructions && (
        <p className="visit-note">
          {t('appointment.instructions', { text: a.appointmentType.instructions })}
        </p>
      )}
      {onAction && live && (
        <>
          {telehealth && a.status === 'booked' && !actions.canJoinVideo && actions.joinOpensAt && (
            <p className="muted">
              {t('appointment.joinOpens', { time: when(actions.joinOpensAt, zone).time })}
            </p>
          )}
          {!telehealth &&
            a.status === 'booked' &&
            !actions.canCheckIn &&
            actions.checkInOpensAt &&
            Date.parse(actions.checkInOpensAt) > Date.now() && (
              <p className="muted">
                {t('appointment.checkInOpens', { time: when(actions.checkInOpensAt, zone).time })}
              </p>
            )}
          {cutoffPassed && cutoff && (
            <p className="visit-call">
              {t('appointment.call', {
                date: when(cutoff, zone).shortDate,
                time: when(cutoff, zone).time,
              })}{' '}
              <a
                className="link visit-phone"
                href={telHref(a.location.phone)}
                aria-label={t('appointment.callLink', { phone: a.location.phone })}
              >
                {a.location.phone}
              </a>
            </p>
          )}
          <div
            className="visit-actions"
            role="group"
            aria-label={t('appointment.actions', { date: start.shortDate })}
          >
            {actions.canCheckIn && (
              <Button onPress={() => onAction('checkIn', a)}>{t('appointment.checkIn')}</Button>
            )}
            {actions.canJoinVideo && a.joinUrl && (
              <a
                className="button button-primary"
                href={a.joinUrl}
                target="_blank"
                rel="noreferrer"
              >
                {t('appointment.joinVideo')}
              </a>
            )}
            {actions.canConfirm && (
              <Button onPress={() => onAction('confirm', a)}>{t('appointment.confirm')}</Button>
            )}
            {actions.canReschedule && (
              <Button variant="secondary" onPress={() => onAction('reschedule', a)}>
                {t('appointment.reschedule')}
              </Button>
            )}
            {actions.canCancel && (
              <Button variant="secondary" onPress={() => onAction('cancel', a)}>
                {t('appointment.cancel')}
              </Button>
            )}
            {a.status === 'booked' && own && (
              <Link
                className="button button-quiet"
                to="/waitlist/join"
                search={{ type: a.appointmentTypeId, modality: a.modality, move: a.id }}
              >
                {t('appointment.earlier')}
              </Link>
            )}
            {a.status !== 'held' && (
              <a className="button button-quiet" href={calendarHref(a.id)} download>
                {t('appointment.calendar')}
              </a>
            )}
          </div>
        </>
      )}
    </article>
  );
}
