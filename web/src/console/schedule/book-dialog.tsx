import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/problem.ts';
import { book, overbookReasons, type BookInput, type OverbookReason } from '../../api/schedule.ts';
import type { AppointmentType, PatientView, Slot } from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { Checkbox } from '../../components/checkbox.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Select } from '../../components/select.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { nameOf, PatientFinder, useBirthDate } from '../patients/patient-finder.tsx';
import { RegisterPatient } from '../patients/register-patient.tsx';
import { ExplainTime } from './explain-time.tsx';
import { RepeatPanel } from './repeat-panel.tsx';
import { seriesMessages } from './series.messages.ts';
import { allowanceKey, OverbookAllowance, useOverbookProblem } from './overbook-allowance.tsx';
import { useVisitProblem, useZoneFormat } from './format.ts';
import { scheduleMessages } from './schedule.messages.ts';

export interface BookTarget {
  /** '' from a room's column: the desk chooses the provider in the dialog. */
  providerId: string;
  providerName: string;
  /** From a room's column: the visit takes this room (or equipment). */
  resource?: { id: string; name: string; kind: string } | undefined;
  /** The providers a room's booking may choose from (those working at the location). */
  providers?: { id: string; displayName: string }[] | undefined;
  locationId: string;
  start: string;
  /** Overbook: the time is taken and the desk adds a visit in the extra lane. */
  overbook: boolean;
}

interface Props {
  target: BookTarget;
  organizationId: string;
  zone: string;
  types: AppointmentType[];
  preferredTypeId: string | undefined;
  onClose: () => void;
  onBooked: (message: string) => void;
}

/**
 * Booking a free cell (or overbooking a taken one) for a patient found by search or registered
 * here. A stale grid cannot book over someone: the database refuses, and the dialog says so and
 * offers the nearest open times the API returned.
 */
export function BookDialog({
  target,
  organizationId,
  zone,
  types,
  preferredTypeId,
  onClose,
  onBooked,
}: Props) {
  const t = useMessages(scheduleMessages);
  const ts = useMessages(seriesMessages);
  const f = useZoneFormat(zone);
  const birth = useBirthDate();
  const visitProblem = useVisitProblem(zone);
  const overbookProblem = useOverbookProblem();
  const client = useQueryClient();
  const room = target.resource;
  // A room's booking offers only the types that take a room of its kind, at this location.
  const takesRoom = (ty: AppointmentType) => !room || ty.requiredResourceKinds.includes(room.kind);
  const inScope = (ty: AppointmentType, providerId: string) =>
    ty.scope.some((s) => s.providerId === providerId && s.locationId === target.locationId);
  const roomProviders = (target.providers ?? []).filter((p) =>
    types.some((ty) => takesRoom(ty) && inScope(ty, p.id)),
  );
  const [providerId, setProviderId] = useState(target.providerId || roomProviders[0]?.id || '');
  const providerName = room
    ? (roomProviders.find((p) => p.id === providerId)?.displayName ?? '')
    : target.providerName;
  // Overbooking offers only the types the clinic lets the front desk overbook.
  const offered = types.filter(
    (ty) => inScope(ty, providerId) && takesRoom(ty) && (!target.overbook || ty.allowsOverbooking),
  );
  const [chosenType, setTypeId] = useState<string | undefined>(
    offered.find((ty) => ty.id === preferredTypeId)?.id ?? offered[0]?.id,
  );
  const typeId = offered.some((ty) => ty.id === chosenType) ? chosenType : offered[0]?.id;
  const type = offered.find((ty) => ty.id === typeId);
  const [modality, setModality] = useState<'in_person' | 'telehealth'>('in_person');
  const [patient, setPatient] = useState<PatientView | null>(null);
  const [registering, setRegistering] = useState(false);
  const [overbook, setOverbook] = useState(target.overbook);
  const [overbookReason, setOverbookReason] = useState<OverbookReason>('urgent');
  const [key] = useState(() => crypto.randomUUID());
  const [alternatives, setAlternatives] = useState<Slot[] | null>(null);
  const [repeat, setRepeat] = useState(false);
  const mode = type?.modalities.includes(modality)
    ? modality
    : (type?.modalities[0] ?? 'in_person');

  const submit = useMutation({
    mutationFn: async (at: { start: string; providerId: string; locationId: string }) => {
      const input: BookInput = {
        organizationId,
        appointmentTypeId: typeId!,
        providerId: at.providerId,
        locationId: at.locationId,
        patientId: patient!.id,
        start: at.start,
        modality: mode,
        ...(overbook ? { overbookReason } : {}),
        // The chosen room holds at the chosen time only; another time takes any free room.
        ...(room && mode === 'in_person' && at.start === target.start
          ? { resourceIds: [room.id] }
          : {}),
      };
      // A retry of the same time keeps the key; another time is another request.
      return book(input, at.start === target.start ? key : crypto.randomUUID());
    },
    onSuccess: (a) => {
      void client.invalidateQueries({ queryKey: ['schedule'] });
      onBooked(t('desk.book.done', { time: f.time(a.start), name: nameOf(patient!) }));
    },
    onError: (err) => {
      if (err instanceof ApiError && err.is('overbook-cap-reached')) {
        void client.invalidateQueries({ queryKey: allowanceKey });
      }
      if (err instanceof ApiError && err.is('slot-taken')) {
        setAlternatives((err.problem as { alternatives?: Slot[] }).alternatives ?? []);
        void client.invalidateQueries({ queryKey: ['schedule'] });
      }
    },
  });
  const conflict = submit.error instanceof ApiError && submit.error.is('slot-taken');

  return (
    <Dialog
      isOpen
      size="wide"
      onOpenChange={(open) => !open && onClose()}
      title={
        room
          ? t('desk.book.roomTitle', { time: f.time(target.start), room: room.name })
          : t('desk.book.title', { time: f.time(target.start), provider: providerName })
      }
    >
      <p className="muted">{f.dateOf(target.start)}</p>
      <div className="field-row">
        {room && roomProviders.length > 0 && (
          <Select
            label={t('desk.book.provider')}
            selectedKey={providerId || null}
            onSelectionChange={(k) => {
              setProviderId(String(k));
              setTypeId(undefined);
            }}
            options={roomProviders.map((p) => ({ value: p.id, label: p.displayName }))}
          />
        )}
        {offered.length > 0 && (
          <Select
            label={t('desk.book.type')}
            selectedKey={typeId ?? null}
            onSelectionChange={(k) => setTypeId(String(k))}
            options={offered.map((ty) => ({ value: ty.id, label: ty.name }))}
          />
        )}
        {type && type.modalities.length > 1 && (
          <Select
            label={t('desk.book.modality')}
            selectedKey={mode}
            onSelectionChange={(k) => setModality(k as typeof modality)}
            options={type.modalities.map((m) => ({ value: m, label: t(`desk.modality.${m}`) }))}
          />
        )}
      </div>
      {offered.length === 0 && (
        <InlineAlert tone="info">
          {t(
            room
              ? 'desk.book.noRoomTypes'
              : target.overbook
                ? 'desk.book.noOverbookTypes'
                : 'desk.book.noTypes',
          )}
        </InlineAlert>
      )}
      {typeId && (
        <ExplainTime
          appointmentTypeId={typeId}
          providerId={providerId}
          locationId={target.locationId}
          start={target.start}
          timeLabel={f.time(target.start)}
        />
      )}
      {patient ? (
        <div className="chosen">
          <p>{t('desk.book.chosen', { name: nameOf(patient), dob: birth(patient.dateOfBirth) })}</p>
          <Button variant="quiet" onPress={() => setPatient(null)}>
            {t('desk.book.change')}
          </Button>
        </div>
      ) : registering ? (
        <RegisterPatient
          onDone={(p) => {
            setPatient(p);
            setRegistering(false);
          }}
          onCancel={() => setRegistering(false)}
        />
      ) : (
        <PatientFinder
          action="choose"
          headingLevel={3}
          onPick={setPatient}
          onRegister={() => setRegistering(true)}
        />
      )}
      {target.overbook && (
        <Checkbox isSelected={overbook} onChange={setOverbook}>
          {t('desk.book.overbook')}
        </Checkbox>
      )}
      {overbook && (
        <Select
          label={t('desk.book.overbookReason')}
          selectedKey={overbookReason}
          onSelectionChange={(k) => setOverbookReason(k as OverbookReason)}
          options={overbookReasons.map((r) => ({ value: r, label: t(`desk.overbook.${r}`) }))}
        />
      )}
      {overbook && typeId && (
        <OverbookAllowance
          providerId={providerId}
          appointmentTypeId={typeId}
          locationId={target.locationId}
          start={target.start}
        />
      )}
      {!target.overbook && (
        <Checkbox isSelected={repeat} onChange={setRepeat}>
          {ts('series.repeat')}
        </Checkbox>
      )}
      {repeat && (
        <RepeatPanel
          start={target.start}
          zone={zone}
          onBooked={onBooked}
          base={
            patient && typeId && providerId
              ? {
                  organizationId,
                  appointmentTypeId: typeId,
                  providerId,
                  locationId: target.locationId,
                  patientId: patient.id,
                  modality: mode,
                  start: target.start,
                }
              : null
          }
        />
      )}
      {repeat ? null : conflict ? (
        <InlineAlert tone="warning" title={t('desk.conflict.title')}>
          <p>{alternatives?.length ? t('desk.conflict.text') : t('desk.conflict.none')}</p>
          <ul className="result-list">
            {alternatives?.map((s) => (
              <li key={`${s.providerId}${s.start}`}>
                <Button variant="secondary" isDisabled={!patient} onPress={() => submit.mutate(s)}>
                  {t('desk.conflict.take', { time: `${f.time(s.start)}, ${f.dateOf(s.start)}` })}
                </Button>
              </li>
            ))}
          </ul>
        </InlineAlert>
      ) : (
        <InlineAlert tone="error">
          {submit.isError && (overbookProblem(submit.error) ?? visitProblem(submit.error))}
        </InlineAlert>
      )}
      <FormActions>
        {!repeat && (
          <Button
            isDisabled={!patient || !typeId || !providerId}
            isPending={submit.isPending}
            onPress={() => submit.mutate({ ...target, providerId })}
          >
            {t('desk.book.submit')}
          </Button>
        )}
        <Button variant="quiet" onPress={onClose}>
          {t('desk.appt.close')}
        </Button>
      </FormActions>
    </Dialog>
  );
}
