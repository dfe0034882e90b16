import type { AppointmentTypeView, Location, Modality, ProviderView } from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { RadioGroup } from '../../components/radio-group.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { bookStepMessages } from './book-steps.messages.ts';
import { FirstAvailable } from './first-available.tsx';
import type { TimeOption } from './slots.ts';
import { StepHeading } from './step-heading.tsx';
import { useLanguageNames } from './use-when.ts';

interface Props {
  organization: string;
  type: AppointmentTypeView;
  modality: Modality;
  locations: Location[];
  providers: ProviderView[];
  locationId: string | undefined;
  providerId: string | undefined;
  zone: string;
  focus: boolean;
  onModality(m: Modality): void;
  onLocation(id: string | undefined): void;
  onProvider(id: string | undefined): void;
  onPick(slot: TimeOption): void;
  onMore(): void;
  onBack(): void;
}

const ANY = 'any';

/**
 * Where and with whom: a location (in person) and a provider, or "first available" — with the
 * soonest time for the choices so far shown at once, so it is one press away.
 */
export function WhereStep(p: Props) {
  const t = useMessages(bookStepMessages);
  const languages = useLanguageNames();
  const scope = p.type.scope;
  const places = p.locations.filter(
    (l) =>
      scope.some((s) => s.locationId === l.id) &&
      (p.modality === 'telehealth' ? l.telehealth : l.inPerson),
  );
  const people = p.providers.filter((pr) =>
    scope.some(
      (s) =>
        s.providerId === pr.id && (p.locationId === undefined || s.locationId === p.locationId),
    ),
  );
  const name = (id: string) => p.providers.find((x) => x.id === id)?.displayName ?? '';
  const place = (id: string) => p.locations.find((x) => x.id === id)?.name ?? '';
  return (
    <section className="step">
      <StepHeading focus={p.focus}>{t('book.where.title')}</StepHeading>
      <p className="muted">{t('book.where.visit', { type: p.type.name })}</p>
      {p.type.modalities.length > 1 && (
        <RadioGroup
          label={t('book.where.how')}
          cards
          value={p.modality}
          onChange={(v) => p.onModality(v as Modality)}
          choices={p.type.modalities.map((m) => ({
            value: m,
            label: m === 'telehealth' ? t('book.where.video') : t('book.where.inPerson'),
          }))}
        />
      )}
      <FirstAvailable
        organization={p.organization}
        typeId={p.type.id}
        modality={p.modality}
        providerId={p.providerId}
        locationId={p.modality === 'in_person' ? p.locationId : undefined}
        zone={p.zone}
        providerName={name}
        locationName={place}
        onPick={p.onPick}
        onMore={p.onMore}
      />
      {p.modality === 'in_person' && places.length > 1 && (
        <RadioGroup
          label={t('book.where.location')}
          cards
          value={p.locationId ?? ANY}
          onChange={(v) => p.onLocation(v === ANY ? undefined : v)}
          choices={[
            { value: ANY, label: t('book.where.anyLocation') },
            ...places.map((l) => ({
              value: l.id,
              label: l.name,
              detail: `${l.address.line}, ${l.address.city}`,
            })),
          ]}
        />
      )}
      {p.modality === 'telehealth' && <p>{t('book.where.videoNote')}</p>}
      <RadioGroup
        label={t('book.where.provider')}
        cards
        value={p.providerId ?? ANY}
        onChange={(v) => p.onProvider(v === ANY ? undefined : v)}
        choices={[
          {
            value: ANY,
            label: t('book.where.anyProvider'),
            detail: t('book.where.anyProviderDetail'),
          },
          ...people.map((pr) => ({
            value: pr.id,
            label: pr.credentials ? `${pr.displayName}, ${pr.credentials}` : pr.displayName,
            detail: [
              pr.languages.length
                ? t('book.where.speaks', { languages: languages(pr.languages) })
                : '',
              pr.bio,
            ]
              .filter(Boolean)
              .join(' '),
          })),
        ]}
      />
      <div className="actions">
        <Button variant="quiet" onPress={p.onBack}>
          {t('book.back')}
        </Button>
      </div>
    </section>
  );
}
