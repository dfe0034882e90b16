import { useEffect, useRef, useState } from 'react';
import { useMessages } from '../../i18n/use-messages.ts';
import { bookStepMessages } from './book-steps.messages.ts';
import { announcementFor, clockText, minutesLeft, secondsLeft } from './countdown.ts';

/**
 * How long the chosen time is kept. The clock ticks for the eye; a polite live region speaks only
 * when the hold is placed, at 5, 2 and 1 minutes left (countdown.ts), never every second.
 * `onExpired` fires once when it reaches zero.
 */
export function HoldCountdown({ expiresAt, onExpired }: { expiresAt: string; onExpired(): void }) {
  const t = useMessages(bookStepMessages);
  const end = Date.parse(expiresAt);
  const [left, setLeft] = useState(() => secondsLeft(end, Date.now()));
  const [spoken, setSpoken] = useState(() =>
    t('book.hold.placed', { minutes: minutesLeft(secondsLeft(end, Date.now())) }),
  );
  const before = useRef(left);
  const expired = useRef(onExpired);
  expired.current = onExpired;
  useEffect(() => {
    const tick = () => {
      const now = secondsLeft(end, Date.now());
      const mark = announcementFor(before.current, now);
      before.current = now;
      setLeft(now);
      if (mark !== null && mark > 0) setSpoken(t('book.hold.left', { minutes: mark }));
      if (now === 0) {
        clearInterval(timer);
        expired.current();
      }
    };
    const timer = setInterval(tick, 1000);
    tick();
    return () => clearInterval(timer);
  }, [end, t]);
  return (
    <div className="hold">
      <p className="hold-clock">
        {t('book.hold.clock')} <strong>{clockText(left)}</strong>
      </p>
      <p className="muted">{t('book.hold.why')}</p>
      <p role="status" className="visually-hidden">
        {spoken}
      </p>
    </div>
  );
}
