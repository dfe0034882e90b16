import { lazy, Suspense, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { Loading } from '../../components/loading.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { bookStepMessages } from './book-steps.messages.ts';

const ZoneSelect = lazy(() => import('./zone-select.tsx').then((m) => ({ default: m.ZoneSelect })));

/** The zone times are shown in: named on the page, changeable with one press. */
export function ZoneChoice({
  zone,
  clinicZones,
  onChange,
}: {
  zone: string;
  clinicZones: string[];
  onChange(zone: string): void;
}) {
  const t = useMessages(bookStepMessages);
  const [changing, setChanging] = useState(false);
  if (changing) {
    return (
      <div className="zone-choice">
        <Suspense fallback={<Loading />}>
          <ZoneSelect zone={zone} clinicZones={clinicZones} onChange={onChange} />
        </Suspense>
      </div>
    );
  }
  return (
    <div className="zone-choice">
      <p>{t('book.when.shownIn', { zone: zone.replaceAll('_', ' ') })}</p>
      <Button variant="quiet" onPress={() => setChanging(true)}>
        {t('book.when.changeZone')}
      </Button>
    </div>
  );
}
