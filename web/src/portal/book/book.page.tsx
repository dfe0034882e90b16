import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Suspense, useEffect, useRef, useState } from 'react';
import { cancelAppointment, confirmAppointment, placeHold } from '../../api/booking.ts';
import { ApiError } from '../../api/problem.ts';
import { keys, useClinic, useSession } from '../../api/queries.ts';
import type { EligibilityReason, Modality, Session } from '../../api/types.ts';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { flowFrom, hrefOf, type Flow } from './book-state.ts';
import { bookMessages } from './book.messages.ts';
import {
  dependantsQuery,
  eligibilityQuery,
  guideQuery,
  intakeFormQuery,
  providersQuery,
  typesQuery,
} from './book.queries.ts';
import { typesReachable, walkGuide } from './guide.ts';
import { reasonText } from './reasons.ts';
import type { TimeOption } from './slots.ts';
import { NeedStep } from './step-need.tsx';
import {
  BookAgain,
  DoneStep,
  HoldCountdown,
  HoldExpired,
  IdentifyStep,
  IntakeStep,
  preloadAfter,
  ReviewStep,
  WhenStep,
  WhereStep,
} from './steps.ts';
import { WhoStep } from './step-who.tsx';
import { deviceZone, useWhen } from './use-when.ts';

const route = getRouteApi('/book');

/**
 * Guided booking (`/book`): who the visit is for (only for accounts with dependants), what they
 * need (the clinic's guide), where and with whom (the first available time shown at once), when
 * (days and times, live), then — for someone signed out — sign in or book as a guest; choosing a
 * time holds it; the visit's intake form, a review with the hold's countdown, and confirmation.
 * Each step's heading takes focus when the patient reaches it.
 */
export function BookPage() {
  const t = useMessages(bookMessages);
  const problemText = useProblemText();
  const search = route.useSearch();
  const client = useQueryClient();
  const clinic = useClinic();
  const session = useSession();
  const [flow, setFlow] = useState<Flow>(() => flowFrom(search));
  const [zone, setZone] = useState(deviceZone);
  const [whoAnswered, setWhoAnswered] = useState(false);
  const [holding, setHolding] = useState(false);
  const [holdError, setHoldError] = useState<string | null>(null);
  const [offered, setOffered] = useState<TimeOption[] | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const when = useWhen(zone);

  const s = session.data;
  const account = s?.stage === 'full' ? s.account : null;
  const isPatient = account?.kind === 'patient';
  const isGuest = account?.kind === 'guest' && s?.guest?.scope === 'booking';
  const selfId = (isPatient || isGuest) && account?.patientId ? account.patientId : null;
  const bookingFor = flow.patientId ?? selfId;

  const slug = clinic.data?.slug ?? '';
  const guide = useQuery({ ...guideQuery(slug), enabled: Boolean(slug) });
  const types = useQuery({ ...typesQuery(slug), enabled: Boolean(slug) });
  const providers = useQuery({ ...providersQuery(slug), enabled: Boolean(slug) });
  const dependants = useQuery({ ...dependantsQuery, enabled: isPatient });
  const guideTypes = guide.data ? typesReachable(guide.data) : (types.data ?? []).map((x) => x.id);
  const eligibility = useQuery({
    ...eligibilityQuery(guideTypes.slice(0, 20), flow.patientId),
    enabled: isPatient && guideTypes.length > 0,
  });

  const go = (patch: Partial<Flow>) => setFlow((f) => ({ ...f, ...patch, moved: true }));
  const typeOf = (id: string | undefined) => types.data?.find((x) => x.id === id);
  const providerName = (id: string) => providers.data?.find((p) => p.id === id)?.displayName ?? '';
  const locationOf = (id: string | undefined) => clinic.data?.locations.find((l) => l.id === id);
  const typeName = (id: string) => typeOf(id)?.name ?? '';

  /** Holds the time for the patient the visit is for; then intake (if any) or the review. */
  const hold = async (next: Flow, patientId: string) => {
    // Read the session now: a guest who just proved their email has one since this render.
    const now = client.getQueryData<Session | null>(keys.session);
    const acct = now?.stage === 'full' ? now.account : account;
    const slot = next.slot;
    if (!slot || !next.typeId || !next.modality || !acct) return;
    setHolding(true);
    setHoldError(null);
    try {
      let held: { id: string; expiresAt: string };
      try {
        const a = await placeHold({
          organizationId: acct.organizationId,
          appointmentTypeId: next.typeId,
          providerId: slot.providerId,
          locationId: slot.locationId,
          patientId,
          start: slot.start,
          modality: next.modality,
        });
        held = { id: a.id, expiresAt: a.holdExpiresAt ?? a.start };
      } catch (err) {
        // The patient already holds this very time (a second press, or back after sign-in).
        if (!(err instanceof ApiError && err.is('already-held'))) throw err;
        const p = err.problem as { holdId?: string; holdExpiresAt?: string };
        if (!p.holdId || !p.holdExpiresAt) throw err;
        held = { id: p.holdId, expiresAt: p.holdExpiresAt };
      }
      // Times changed (this one is held now): no cached first time or day may offer it again.
      void client.invalidateQueries({ queryKey: ['first-time'] });
      void client.invalidateQueries({ queryKey: ['times'] });
      // The type's intake form, for the patient or a dependant alike (a caregiver fills it in).
      const form = !next.intakeDone
        ? await client
            .fetchQuery(intakeFormQuery(acct.organizationId, next.typeId))
            .catch(() => null)
        : null;
      const minutes = Math.max(1, Math.round((Date.parse(held.expiresAt) - Date.now()) / 60_000));
      setOffered(undefined);
      setFlow({
        ...next,
        hold: held,
        holdMinutes: minutes,
        lost: undefined,
        step: form ? 'intake' : 'review',
        moved: true,
      });
    } catch (err) {
      if (err instanceof ApiError && err.is('slot-taken')) {
        const alternatives = (err.problem as { alternatives?: TimeOption[] }).alternatives ?? [];
        setOffered(alternatives);
        setFlow({ ...next, hold: undefined, lost: slot, lostWhy: 'taken', moved: true });
      } else if (err instanceof ApiError && err.is('not-eligible')) {
        const reasons = (err.problem as { reasons?: EligibilityReason[] }).reasons ?? [];
        setHoldError(reasons.map((r) => reasonText(t, r, typeName)).join(' ') || problemText(err));
      } else {
        setHoldError(problemText(err));
      }
    } finally {
      setHolding(false);
    }
  };

  /** A time chosen: hold it now, or first ask who is booking (signed out). */
  const choose = (slot: TimeOption, typeId = flow.typeId, modality = flow.modality) => {
    const next: Flow = { ...flow, typeId, modality, slot, moved: true };
    if (!bookingFor) {
      setFlow({ ...next, step: 'identify' });
      return;
    }
    void hold(next, bookingFor);
  };

  // Once the patient has started (not on the first screen: its budget), fetch what can follow.
  useEffect(() => {
    if (flow.moved) preloadAfter(flow.step);
  }, [flow.moved, flow.step]);

  // Back from sign-in with a time chosen: hold it without asking again.
  const resumed = useRef(false);
  useEffect(() => {
    if (resumed.current || flow.step !== 'identify' || !flow.slot || !bookingFor) return;
    resumed.current = true;
    void hold(flow, bookingFor);
  });

  const expire = () => {
    setOffered(undefined);
    go({ hold: undefined, lost: flow.slot, lostWhy: 'expired' });
  };

  const confirm = async () => {
    if (!flow.hold) return;
    setConfirming(true);
    setConfirmError(null);
    try {
      const a = await confirmAppointment(flow.hold.id);
      for (const key of ['last-visit', 'first-time', 'times'])
        void client.invalidateQueries({ queryKey: [key] });
      go({ step: 'done', appointmentId: a.id, hold: undefined });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) expire();
      else setConfirmError(problemText(err));
    } finally {
      setConfirming(false);
    }
  };

  const changeTime = () => {
    if (flow.hold) void cancelAppointment(flow.hold.id).catch(() => undefined);
    go({ step: 'when', hold: undefined, slot: undefined, lost: undefined });
  };

  if (clinic.isPending || session.isPending) return <Loading label={t('book.loading')} />;
  if (!clinic.data || types.isError || guide.isError) {
    return (
      <section className="page page-narrow">
        <PageHeading>{t('book.title')}</PageHeading>
        <InlineAlert tone="error">{t('book.error')}</InlineAlert>
      </section>
    );
  }
  if (!types.data || guide.isPending || providers.isPending) {
    return <Loading label={t('book.loading')} />;
  }

  const type = typeOf(flow.typeId);
  const modality: Modality = flow.modality ?? type?.modalities[0] ?? 'in_person';
  const clinicZones = [...new Set(clinic.data.locations.map((l) => l.timeZone))];
  const askWho = isPatient && !whoAnswered && (dependants.data?.length ?? 0) > 0;
  const step = flow.step === 'need' && askWho && !flow.moved ? 'who' : flow.step;
  const forName = dependants.data?.find((d) => d.patientId === flow.patientId)?.displayName;
  const facts =
    type && flow.slot
      ? {
          typeName: type.name,
          start: flow.slot.start,
          zone,
          modality,
          providerName: providerName(flow.slot.providerId),
          location: locationOf(flow.slot.locationId),
          forName,
        }
      : null;
  const countdown = flow.hold && (
    <HoldCountdown key={flow.hold.id} expiresAt={flow.hold.expiresAt} onExpired={expire} />
  );

  let body: React.ReactNode = null;
  if (flow.lost && type) {
    body = (
      <HoldExpired
        key={`${flow.lost.start}-${flow.lostWhy}`}
        why={flow.lostWhy ?? 'expired'}
        organization={slug}
        typeId={type.id}
        modality={modality}
        lost={flow.lost}
        holdMinutes={flow.holdMinutes ?? null}
        zone={zone}
        offered={offered}
        providerName={providerName}
        onPick={(slot) => choose(slot)}
        onOther={() => go({ step: 'when', lost: undefined, slot: undefined })}
      />
    );
  } else if (step === 'who') {
    body = (
      <WhoStep
        dependants={dependants.data ?? []}
        focus={flow.moved}
        onChoose={(patientId) => {
          setWhoAnswered(true);
          go({ patientId, step: 'need' });
        }}
      />
    );
  } else if (step === 'need' || !type) {
    body = (
      <NeedStep
        guide={guide.data ?? null}
        types={types.data}
        path={flow.path}
        eligibility={isPatient ? (eligibility.data ?? null) : null}
        focus={flow.moved}
        onPath={(path) => {
          const end = guide.data ? walkGuide(guide.data, path).end : null;
          go({ path, ...(end ? {} : { typeId: undefined, modality: undefined }) });
        }}
        onType={(typeId, m) =>
          go({
            typeId,
            modality: m ?? typeOf(typeId)?.modalities[0],
            step: 'where',
            locationId: undefined,
            providerId: undefined,
          })
        }
        shortcut={
          isPatient && (
            <BookAgain
              organization={slug}
              patientId={flow.patientId}
              zone={zone}
              providerName={providerName}
              onPick={(typeId, m, slot) => choose(slot, typeId, m)}
            />
          )
        }
      />
    );
  } else if (step === 'where') {
    body = (
      <WhereStep
        organization={slug}
        type={type}
        modality={modality}
        locations={clinic.data.locations}
        providers={providers.data ?? []}
        locationId={flow.locationId}
        providerId={flow.providerId}
        zone={zone}
        focus={flow.moved}
        onModality={(m) => go({ modality: m })}
        onLocation={(locationId) => go({ locationId, providerId: undefined })}
        onProvider={(providerId) => go({ providerId })}
        onPick={(slot) => choose(slot)}
        onMore={() => go({ step: 'when' })}
        onBack={() => go({ step: 'need', path: flow.path.slice(0, -1) })}
      />
    );
  } else if (step === 'when') {
    body = (
      <WhenStep
        organization={slug}
        typeId={type.id}
        typeName={type.name}
        horizonDays={type.horizonDays}
        modality={modality}
        providerId={flow.providerId}
        locationId={flow.locationId}
        zone={zone}
        clinicZones={clinicZones}
        focus={flow.moved}
        providerName={providerName}
        onZone={setZone}
        onPick={(slot) => choose(slot)}
        onBack={() => go({ step: 'where' })}
      />
    );
  } else if (step === 'identify') {
    body = (
      <IdentifyStep
        returnTo={hrefOf(flow)}
        chosen={flow.slot ? `${when.day(flow.slot.start)}, ${when.time(flow.slot.start)}` : ''}
        organization={slug}
        focus={flow.moved}
        onGuest={(patientId) => void hold(flow, patientId)}
        onBack={() => go({ step: 'when', slot: undefined })}
      />
    );
  } else if (step === 'intake' && account && bookingFor) {
    body = (
      <IntakeStep
        organizationId={account.organizationId}
        patientId={bookingFor}
        typeId={type.id}
        focus={flow.moved}
        hold={countdown}
        onDone={() => go({ step: 'review', intakeDone: true })}
      />
    );
  } else if (step === 'review' && facts) {
    body = (
      <ReviewStep
        facts={facts}
        hold={countdown}
        focus={flow.moved}
        confirming={confirming}
        error={confirmError}
        onConfirm={() => void confirm()}
        onChangeTime={changeTime}
      />
    );
  } else if (step === 'done' && facts && flow.appointmentId) {
    body = (
      <DoneStep
        appointmentId={flow.appointmentId}
        facts={facts}
        instructions={type.instructions}
        guest={isGuest}
        focus={flow.moved}
      />
    );
  }

  return (
    <section className="page page-narrow book">
      <PageHeading>{t('book.title')}</PageHeading>
      {holding && <Loading label={t('book.holding')} />}
      <InlineAlert tone="error">{holdError}</InlineAlert>
      <Suspense fallback={<Loading label={t('book.loading')} />}>{body}</Suspense>
    </section>
  );
}
