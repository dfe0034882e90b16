import { today } from '@internationalized/date';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useMemo, useState, type CSSProperties } from 'react';
import type { ScheduleEntry } from '../../api/types.ts';
import { useClinic, useSession } from '../../api/queries.ts';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { AppointmentDialog } from './appointment-dialog.tsx';
import { BookDialog, type BookTarget } from './book-dialog.tsx';
import { useZoneFormat } from './format.ts';
import {
  buildGrid,
  instantOf,
  localOf,
  STEP_MINUTES,
  weekOf,
  type Cell,
  type Column,
} from './grid-model.ts';
import { providersQuery, roomsQuery, typesQuery, useSchedule } from './schedule.queries.ts';
import { scheduleMessages } from './schedule.messages.ts';
import { useVisitFromLink, type ScheduleSearch } from './schedule.search.ts';
import { ScheduleToolbar } from './schedule-toolbar.tsx';
import { TimeGrid } from './time-grid.tsx';
import { RiskBadge, useRisks } from './risk-badge.tsx';
import './schedule.css';

/**
 * The front desk's and the clinician's schedule: a day (a column per provider, or per room) or
 * a week (a column per day, one provider) as a time grid in the location's zone, polled with its ETag.
 * A clinician without the front-desk role sees only their own column.
 */
export function SchedulePage() {
  const t = useMessages(scheduleMessages);
  const problemText = useProblemText();
  const search = useSearch({ strict: false }) as ScheduleSearch;
  const navigate = useNavigate();
  const { data: session } = useSession();
  const { data: clinic } = useClinic();
  const roles = session?.account.roles ?? [];
  const desk = roles.includes('front_desk');
  const ownProvider = !desk && roles.includes('clinician') ? session?.account.providerId : null;
  const slug = clinic?.slug ?? '';
  const providers = useQuery({ ...providersQuery(slug), enabled: Boolean(slug) });
  const types = useQuery({ ...typesQuery(slug), enabled: Boolean(slug) });

  const limitedTo = session?.account.locationIds ?? [];
  const locations = (clinic?.locations ?? []).filter(
    (l) =>
      (limitedTo.length === 0 || limitedTo.includes(l.id)) &&
      (!ownProvider ||
        providers.data?.providers.find((p) => p.id === ownProvider)?.locationIds.includes(l.id)),
  );
  const location = locations.find((l) => l.id === search.location) ?? locations[0];
  const zone = location?.timeZone ?? 'UTC';
  const f = useZoneFormat(zone);
  // With the location and the date in the address, the schedule is asked for at once, beside
  // the clinic and the directory (a round trip less before the grid).
  const date = search.date ?? (location ? today(zone).toString() : undefined);
  const shownDate = date ?? today(zone).toString();
  const view = search.view ?? 'day';
  // Rooms as the day's columns: the front desk's view of who is in which room.
  const byRoom = view === 'day' && !ownProvider && search.columns === 'rooms';
  const here = (providers.data?.providers ?? []).filter(
    (p) =>
      location && p.locationIds.includes(location.id) && (!ownProvider || p.id === ownProvider),
  );
  const weekProvider =
    here.find((p) => p.id === (ownProvider ?? search.provider)) ?? here[0] ?? undefined;
  const dayProviders = search.provider ? here.filter((p) => p.id === search.provider) : here;
  const columnProviders = view === 'week' ? (weekProvider ? [weekProvider] : []) : dayProviders;
  const dates = !date ? [] : view === 'week' ? weekOf(date) : [date];
  const locationId = location?.id ?? (session ? search.location : undefined);
  const risks = useRisks(locationId, dates, desk || roles.includes('clinician'));
  const wholeLocation = !ownProvider && view === 'day' && (byRoom || !search.provider);
  const rooms = useQuery({
    ...roomsQuery(location?.id ?? ''),
    enabled: byRoom && Boolean(location),
  });
  const providerIds = wholeLocation
    ? undefined
    : ownProvider
      ? [ownProvider]
      : view === 'day'
        ? [search.provider!]
        : weekProvider
          ? [weekProvider.id]
          : [];
  const query =
    locationId && date && (!providerIds || providerIds.length > 0)
      ? { locationId, from: dates[0]!, to: dates[dates.length - 1]!, providers: providerIds }
      : null;
  const schedule = useSchedule(query);

  const roomList = byRoom ? (rooms.data?.resources ?? []) : [];
  const columns: Column[] = useMemo(
    () =>
      byRoom
        ? roomList.map((r) => ({ key: r.id, providerId: '', resourceId: r.id, date: date ?? '' }))
        : view === 'week'
          ? dates.map((d) => ({ key: d, providerId: columnProviders[0]!.id, date: d }))
          : columnProviders.map((p) => ({ key: p.id, providerId: p.id, date: date ?? '' })),
    [
      byRoom,
      roomList.map((r) => r.id).join(),
      view,
      dates.join(),
      columnProviders.map((p) => p.id).join(),
    ],
  );
  const entries = schedule.data?.answer.entries;
  const model = useMemo(() => {
    const shown = (entries ?? []).filter(
      (e: ScheduleEntry) => !search.type || e.appointmentTypeId === search.type,
    );
    return buildGrid(shown, columns, zone);
  }, [entries, columns, zone, search.type]);

  // The grid opens at now on today's page, else at the day's first visit, an hour before.
  const startRow = useMemo(() => {
    const isToday = date === undefined || date === today(zone).toString();
    const now = localOf(new Date().toISOString(), zone).minute;
    const firstVisit = model.cells.findIndex((row) => row.some((c) => c.kind !== 'free'));
    const nowRow = model.rows.findIndex((m) => m + STEP_MINUTES > now - 30);
    const row = isToday && nowRow >= 0 ? nowRow : Math.max(0, firstVisit - 2);
    return Math.max(0, Math.min(row, model.rows.length - 1));
  }, [model, date, zone]);

  const [open, setOpen] = useState<
    | { kind: 'entry'; entry: ScheduleEntry; panel?: 'messages' | undefined }
    | { kind: 'book'; target: BookTarget }
    | null
  >(null);
  const [notice, setNotice] = useState('');

  const set = (patch: Partial<ScheduleSearch>) =>
    void navigate({ to: '/console/schedule', search: { ...search, ...patch }, replace: true });
  useVisitFromLink(entries, search, set, (entry, panel) =>
    setOpen({ kind: 'entry', entry, panel }),
  );
  const providerName = (id: string) =>
    providers.data?.providers.find((p) => p.id === id)?.displayName ?? '';
  const typeName = (id: string) => types.data?.appointmentTypes.find((ty) => ty.id === id)?.name;

  const onActivate = useCallback(
    (cell: Cell, row: number, col: number) => {
      if (cell.kind === 'free') {
        const c = model.columns[col]!;
        const start = instantOf(c.date, model.rows[row]!, zone);
        // A room's free time: the desk chooses the provider, the visit takes this room.
        const room = c.resourceId ? roomList.find((r) => r.id === c.resourceId) : undefined;
        setOpen({
          kind: 'book',
          target: room
            ? {
                providerId: '',
                providerName: '',
                resource: { id: room.id, name: room.name, kind: room.kind },
                providers: here.map((p) => ({ id: p.id, displayName: p.displayName })),
                locationId: location!.id,
                start,
                overbook: false,
              }
            : {
                providerId: c.providerId,
                providerName: providerName(c.providerId),
                locationId: location!.id,
                start,
                overbook: false,
              },
        });
      } else setOpen({ kind: 'entry', entry: cell.entry });
    },
    [model, location, zone, providers.data, roomList, here],
  );

  // The measure of the 50-provider day (e2e/schedule-speed.e2e.test.ts): the first frame after
  // the grid's cells are in the document, from the navigation's start.
  const onRendered = useCallback(() => {
    if (!entries || performance.getEntriesByName('schedule-grid-rendered').length > 0) return;
    requestAnimationFrame(() => performance.mark('schedule-grid-rendered'));
  }, [entries]);

  const free = t('schedule.free');
  const buffer = t('schedule.buffer');
  const cellLabel = useCallback(
    (cell: Cell) =>
      cell.kind === 'free'
        ? free
        : cell.kind === 'buffer'
          ? buffer
          : t('schedule.continued', {
              name: cell.entry.patient?.displayName ?? t('schedule.patient.unnamed'),
            }),
    [t, free, buffer],
  );

  const cellContent = useCallback(
    (cell: Cell) => {
      if (cell.kind !== 'start') return null;
      const name = cell.entry.patient?.displayName ?? t('schedule.patient.unnamed');
      const e = cell.entry;
      return (
        <div className="appt" style={{ '--rows': cell.rows } as CSSProperties}>
          <span className="appt-line">
            {f.time(e.start)} {name}
          </span>
          <span className="appt-meta">
            {typeName(e.appointmentTypeId) ?? ''}
            {' · '}
            {t(`desk.status.${e.status}`)}
            {e.modality === 'telehealth' && ` · ${t('desk.modality.telehealth')}`}
            {e.overbooked && ` · ${t('schedule.overbooked')}`}
            {e.holdExpiresAt &&
              e.status === 'held' &&
              ` · ${t('schedule.heldUntil', { time: f.time(e.holdExpiresAt) })}`}
          </span>
          <RiskBadge risk={risks.get(e.id)} />
          {cell.others.length > 0 && (
            <span className="appt-more">{t('schedule.more', { count: cell.others.length })}</span>
          )}
        </div>
      );
    },
    [t, zone, types.data, risks],
  );

  if (session && !desk && !roles.includes('clinician')) {
    return (
      <section className="page">
        <PageHeading>{t('schedule.title')}</PageHeading>
        <InlineAlert tone="info">{t('schedule.managers')}</InlineAlert>
      </section>
    );
  }

  const gridLabel =
    view === 'week'
      ? t('schedule.grid.week', {
          date: f.date(dates[0]!, 'medium'),
          provider: weekProvider?.displayName ?? '',
        })
      : t('schedule.grid.day', { date: f.date(shownDate) });

  return (
    <section className="page page-wide schedule">
      <PageHeading lead={<p>{t('schedule.lead', { zone })}</p>}>
        {ownProvider ? t('schedule.title.mine') : t('schedule.title')}
      </PageHeading>
      <ScheduleToolbar
        search={search}
        set={set}
        locations={locations}
        locationId={location?.id}
        providers={here}
        weekProviderId={weekProvider?.id}
        types={types.data?.appointmentTypes ?? []}
        own={Boolean(ownProvider)}
        byRoom={byRoom}
        shownDate={shownDate}
        gridLabel={gridLabel}
      />
      <p className="muted" id="grid-help">
        {t('schedule.help')}
      </p>
      <InlineAlert tone="success">{notice}</InlineAlert>
      <InlineAlert tone="error">{schedule.isError && problemText(schedule.error)}</InlineAlert>
      {providers.data && here.length === 0 ? (
        <InlineAlert tone="info">{t('schedule.noProviders')}</InlineAlert>
      ) : byRoom && rooms.data?.resources.length === 0 ? (
        <InlineAlert tone="info">{t('schedule.noRooms')}</InlineAlert>
      ) : !schedule.data || (byRoom && !rooms.data) ? (
        <Loading label={t('schedule.loading')} />
      ) : (
        <>
          <TimeGrid
            model={model}
            label={gridLabel}
            columnLabel={(i) =>
              byRoom
                ? (roomList.find((r) => r.id === model.columns[i]!.resourceId)?.name ?? '')
                : view === 'week'
                  ? f.date(model.columns[i]!.date, 'weekday')
                  : providerName(model.columns[i]!.providerId)
            }
            timeLabel={f.minute}
            cellContent={cellContent}
            cellLabel={cellLabel}
            onActivate={onActivate}
            onRendered={onRendered}
            startRow={startRow}
          />
          <p className="muted schedule-updated">
            {t('schedule.updated', {
              time: f.time(new Date(schedule.data.checkedAt).toISOString()),
            })}
          </p>
        </>
      )}
      {open?.kind === 'entry' && location && (
        <AppointmentDialog
          entry={open.entry}
          initialPanel={open.panel}
          risk={risks.get(open.entry.id)}
          type={types.data?.appointmentTypes.find((ty) => ty.id === open.entry.appointmentTypeId)}
          providerName={providerName(open.entry.providerId)}
          organization={slug}
          zone={zone}
          onClose={() => setOpen(null)}
          onDone={(m) => {
            setOpen(null);
            setNotice(m);
          }}
          onOverbook={() =>
            setOpen({
              kind: 'book',
              target: {
                providerId: open.entry.providerId,
                providerName: providerName(open.entry.providerId),
                locationId: open.entry.locationId,
                start: open.entry.start,
                overbook: true,
              },
            })
          }
        />
      )}
      {open?.kind === 'book' && session && (
        <BookDialog
          target={open.target}
          organizationId={session.account.organizationId}
          zone={zone}
          types={types.data?.appointmentTypes ?? []}
          preferredTypeId={search.type}
          onClose={() => setOpen(null)}
          onBooked={(m) => {
            setOpen(null);
            setNotice(m);
          }}
        />
      )}
    </section>
  );
}
