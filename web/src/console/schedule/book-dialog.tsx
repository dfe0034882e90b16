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
  providerId: string;
  providerName: string;
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
  // Overbooking offers only the types the clinic lets the front desk overbook.
  const offered = types.filter(
    (ty) =>
      ty.scope.some(
        (s) => s.providerId === target.providerId && s.locationId === target.locationId,
      ) &&
      (!target.overbook || ty.allowsOverbooking),
  );
  const [typeId, setTypeId] = useState(
    offered.find((ty) => ty.id === preferredTypeId)?.id ?? offered[0]?.id,
  );
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
      title={t('desk.book.title', { time: f.time(target.start), provider: target.providerName })}
    >
      <p className="muted">{f.dateOf(target.start)}</p>
      {offered.length === 0 ? (
        <InlineAlert tone="info">
          {t(target.overbook ? 'desk.book.noOverbookTypes' : 'desk.book.noTypes')}
        </InlineAlert>
      ) : (
        <div className="field-row">
          <Select
            label={t('desk.book.type')}
            selectedKey={typeId ?? null}
            onSelectionChange={(k) => setTypeId(String(k))}
            options={offered.map((ty) => ({ value: ty.id, label: ty.name }))}
          />
          {type && type.modalities.length > 1 && (
            <Select
              label={t('desk.book.modality')}
              selectedKey={mode}
              onSelectionChange={(k) => setModality(k as typeof modality)}
              options={type.modalities.map((m) => ({ value: m, label: t(`desk.modality.${m}`) }))}
            />
          )}
        </div>
      )}
      {typeId && (
        <ExplainTime
          appointmentTypeId={typeId}
          providerId={target.providerId}
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
          providerId={target.providerId}
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
            patient && typeId
              ? {
                  organizationId,
                  appointmentTypeId: typeId,
                  providerId: target.providerId,
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
            isDisabled={!patient || !typeId}
            isPending={submit.isPending}
            onPress={() => submit.mutate(target)}
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
