import { calendarHref } from '../../api/booking.ts';
import { LinkButton } from '../../components/link.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { bookStepMessages } from './book-steps.messages.ts';
import { StepHeading } from './step-heading.tsx';
import { VisitSummary, type VisitFacts } from './visit-summary.tsx';

interface Props {
  appointmentId: string;
  facts: VisitFacts;
  instructions: string;
  guest: boolean;
  focus: boolean;
}

/**
 * The confirmation: date, time, place or how the video visit works, what to bring or do, and an
 * "add to calendar" file whose event says only "Appointment — <clinic>".
 */
export function DoneStep(p: Props) {
  const t = useMessages(bookStepMessages);
  return (
    <section className="step confirmation">
      <StepHeading focus={p.focus}>{t('book.done.title')}</StepHeading>
      <p>{t('book.done.lead')}</p>
      <VisitSummary facts={p.facts} />
      {p.facts.modality === 'telehealth' && (
        <section aria-labelledby="video-heading">
          <h3 id="video-heading">{t('book.done.videoTitle')}</h3>
          <p>{t(p.guest ? 'book.done.videoGuest' : 'book.done.video')}</p>
        </section>
      )}
      <section aria-labelledby="before-heading">
        <h3 id="before-heading">{t('book.done.beforeTitle')}</h3>
        <p>{p.instructions || t('book.done.noInstructions')}</p>
        {p.facts.modality === 'in_person' && <p>{t('book.done.arrive')}</p>}
      </section>
      {p.guest && <p className="notice">{t('book.done.guestLink')}</p>}
      <div className="actions">
        <a
          className="button button-secondary"
          href={calendarHref(p.appointmentId)}
          download="appointment.ics"
        >
          {t('book.done.calendar')}
        </a>
        <LinkButton to="/" variant="quiet">
          {t('book.done.home')}
        </LinkButton>
      </div>
    </section>
  );
}
