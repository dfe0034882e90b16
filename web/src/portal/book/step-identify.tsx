import { lazy, Suspense, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { Link, LinkButton } from '../../components/link.tsx';
import { Loading } from '../../components/loading.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { bookStepMessages } from './book-steps.messages.ts';
import { StepHeading } from './step-heading.tsx';

const GuestForm = lazy(() => import('./guest-form.tsx').then((m) => ({ default: m.GuestForm })));

interface Props {
  /** Where sign-in comes back to: this same place, the chosen time included. */
  returnTo: string;
  chosen: string;
  organization: string;
  focus: boolean;
  /** The guest proved their email: book for this patient record. */
  onGuest(patientId: string): void;
  onBack(): void;
}

/** Signed out with a time chosen: sign in (and come back here), or book as a guest. */
export function IdentifyStep(p: Props) {
  const t = useMessages(bookStepMessages);
  const [guest, setGuest] = useState(false);
  return (
    <section className="step">
      <StepHeading focus={p.focus}>{t('book.identify.title')}</StepHeading>
      <p>{t('book.identify.chosen', { when: p.chosen })}</p>
      {!guest && (
        <>
          <div className="identify-options">
            <div className="card">
              <h3>{t('book.identify.account')}</h3>
              <p className="muted">{t('book.identify.accountHint')}</p>
              <LinkButton to="/sign-in" search={{ redirect: p.returnTo }}>
                {t('book.identify.signIn')}
              </LinkButton>
            </div>
            <div className="card">
              <h3>{t('book.identify.guest')}</h3>
              <p className="muted">{t('book.identify.guestHint')}</p>
              <Button variant="secondary" onPress={() => setGuest(true)}>
                {t('book.identify.asGuest')}
              </Button>
            </div>
          </div>
          <p className="aside">
            {t('book.identify.noAccount')} <Link to="/register">{t('book.identify.register')}</Link>
          </p>
        </>
      )}
      {guest && (
        <Suspense fallback={<Loading />}>
          <GuestForm
            organization={p.organization}
            onVerified={p.onGuest}
            onCancel={() => setGuest(false)}
          />
        </Suspense>
      )}
      <div className="actions">
        <Button variant="quiet" onPress={p.onBack}>
          {t('book.back')}
        </Button>
      </div>
    </section>
  );
}
