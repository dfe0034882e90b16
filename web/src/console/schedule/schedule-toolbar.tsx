import { Button } from '../../components/button.tsx';
import { Select } from '../../components/select.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { addDays } from './grid-model.ts';
import { scheduleMessages } from './schedule.messages.ts';
import type { ScheduleSearch } from './schedule.search.ts';

interface Named {
  id: string;
  name: string;
}

/**
 * The schedule's filters (location, day or week, provider or room columns, provider, visit type)
 * and its date steps, all kept in the address (`set` replaces the search).
 */
export function ScheduleToolbar(props: {
  search: ScheduleSearch;
  set: (patch: Partial<ScheduleSearch>) => void;
  locations: Named[];
  locationId: string | undefined;
  /** Providers at the location the user may see; a clinician's own only. */
  providers: { id: string; displayName: string }[];
  weekProviderId: string | undefined;
  types: Named[];
  /** A clinician's own schedule: no provider or room choice. */
  own: boolean;
  byRoom: boolean;
  shownDate: string;
  gridLabel: string;
}) {
  const t = useMessages(scheduleMessages);
  const { search, set, own, byRoom } = props;
  const view = search.view ?? 'day';
  const step = view === 'week' ? 7 : 1;
  return (
    <>
      <div className="toolbar" role="group" aria-label={t('schedule.filters')}>
        {props.locations.length > 1 && (
          <Select
            label={t('schedule.location')}
            selectedKey={props.locationId ?? null}
            onSelectionChange={(k) => set({ location: String(k), provider: undefined })}
            options={props.locations.map((l) => ({ value: l.id, label: l.name }))}
          />
        )}
        <Select
          label={t('schedule.view')}
          selectedKey={view}
          onSelectionChange={(k) => set({ view: k as 'day' | 'week' })}
          options={[
            { value: 'day', label: t('schedule.view.day') },
            { value: 'week', label: t('schedule.view.week') },
          ]}
        />
        {!own && view === 'day' && (
          <Select
            label={t('schedule.columns')}
            selectedKey={byRoom ? 'rooms' : 'providers'}
            onSelectionChange={(k) => set({ columns: k === 'rooms' ? 'rooms' : undefined })}
            options={[
              { value: 'providers', label: t('schedule.columns.providers') },
              { value: 'rooms', label: t('schedule.columns.rooms') },
            ]}
          />
        )}
        {!own && !byRoom && (
          <Select
            label={t('schedule.provider')}
            selectedKey={
              view === 'week' ? (props.weekProviderId ?? null) : (search.provider ?? 'all')
            }
            onSelectionChange={(k) => set({ provider: k === 'all' ? undefined : String(k) })}
            options={[
              ...(view === 'week' ? [] : [{ value: 'all', label: t('schedule.provider.all') }]),
              ...props.providers.map((p) => ({ value: p.id, label: p.displayName })),
            ]}
          />
        )}
        <Select
          label={t('schedule.type')}
          selectedKey={search.type ?? 'all'}
          onSelectionChange={(k) => set({ type: k === 'all' ? undefined : String(k) })}
          options={[
            { value: 'all', label: t('schedule.type.all') },
            ...props.types.map((ty) => ({ value: ty.id, label: ty.name })),
          ]}
        />
      </div>
      <div className="date-nav">
        <Button variant="secondary" onPress={() => set({ date: addDays(props.shownDate, -step) })}>
          {t(view === 'week' ? 'schedule.previous.week' : 'schedule.previous.day')}
        </Button>
        <Button variant="secondary" onPress={() => set({ date: undefined })}>
          {t('schedule.today')}
        </Button>
        <Button variant="secondary" onPress={() => set({ date: addDays(props.shownDate, step) })}>
          {t(view === 'week' ? 'schedule.next.week' : 'schedule.next.day')}
        </Button>
        <h2 className="date-nav-title">{props.gridLabel}</h2>
      </div>
    </>
  );
}
