import type { Location } from '../../api/types.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { bookStepMessages } from './book-steps.messages.ts';
import { useWhen } from './use-when.ts';

export interface VisitFacts {
  typeName: string;
  start: string;
  zone: string;
  modality: 'in_person' | 'telehealth';
  providerName: string;
  location: Location | undefined;
  /** Who the visit is for, when it is not the patient who books (a dependant). */
  forName?: string | undefined;
}

/** The visit in a short list: what, when (in the patient's zone, named), with whom, where. */
export function VisitSummary({ facts }: { facts: VisitFacts }) {
  const t = useMessages(bookStepMessages);
  const when = useWhen(facts.zone);
  const l = facts.location;
  const local = useWhen(l?.timeZone ?? facts.zone);
  return (
    <dl className="summary">
      {facts.forName && (
        <>
          <dt>{t('book.summary.for')}</dt>
          <dd>{facts.forName}</dd>
        </>
      )}
      <dt>{t('book.summary.visit')}</dt>
      <dd>{facts.typeName}</dd>
      <dt>{t('book.summary.when')}</dt>
      <dd>
        {t('book.summary.at', { day: when.day(facts.start), time: when.time(facts.start) })}
        <span className="muted">
          {' '}
          {t('book.summary.zone', { zone: facts.zone.replaceAll('_', ' ') })}
        </span>
        {l && facts.modality === 'in_person' && l.timeZone !== facts.zone && (
          <>
            <br />
            <span className="muted">
              {t('book.summary.local', { time: local.time(facts.start) })}
            </span>
          </>
        )}
      </dd>
      <dt>{t('book.summary.with')}</dt>
      <dd>{facts.providerName}</dd>
      <dt>{t('book.summary.where')}</dt>
      <dd>
        {facts.modality === 'telehealth' ? (
          t('book.summary.video')
        ) : l ? (
          <>
            {l.name}
            <br />
            {l.address.line}
            <br />
            {`${l.address.city}, ${l.address.region} ${l.address.postalCode}`}
          </>
        ) : null}
      </dd>
    </dl>
  );
}
