import { useState } from 'react';
import type { CancelReason, MyAppointment } from '../../api/my-appointments.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { RadioGroup } from '../../components/radio-group.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { appointmentsMessages } from './appointments.messages.ts';
import { useVisitTime } from './visit-time.ts';

interface Props {
  appointment: MyAppointment;
  pending: boolean;
  onClose: () => void;
}

/** "Confirm this visit?" and "Check in now?": a sentence about the visit and one button. */
export function ConfirmActionDialog({
  appointment: a,
  kind,
  pending,
  onClose,
  onDo,
}: Props & { kind: 'confirm' | 'checkIn'; onDo: () => void }) {
  const t = useMessages(appointmentsMessages);
  const when = useVisitTime()(a.start, a.location.timeZone);
  return (
    <Dialog
      title={t(kind === 'confirm' ? 'confirm.title' : 'checkIn.title')}
      isOpen
      onOpenChange={(open) => !open && onClose()}
    >
      <p>
        {kind === 'confirm'
          ? t('confirm.text', {
              type: a.appointmentType.name,
              provider: t('appointment.with', { provider: a.provider.displayName }),
              date: when.date,
              time: when.time,
            })
          : t('checkIn.text', { time: when.time })}
      </p>
      <FormActions>
        <Button isPending={pending} onPress={onDo}>
          {t(kind === 'confirm' ? 'confirm.submit' : 'appointment.checkIn')}
        </Button>
        <Button variant="secondary" onPress={onClose}>
          {t('dialog.back')}
        </Button>
      </FormActions>
    </Dialog>
  );
}

const reasons = ['patient_request', 'duplicate', 'other'] as const satisfies CancelReason[];

/** "Cancel this visit?" with the reason as a choice (never free text). */
export function CancelDialog({
  appointment: a,
  pending,
  onClose,
  onCancel,
}: Props & { onCancel: (reason: CancelReason) => void }) {
  const t = useMessages(appointmentsMessages);
  const when = useVisitTime()(a.start, a.location.timeZone);
  const [reason, setReason] = useState<CancelReason | null>(null);
  return (
    <Dialog title={t('cancel.title')} isOpen onOpenChange={(open) => !open && onClose()}>
      <p>{t('appointment.when', { date: when.date, time: when.time })}</p>
      <Form onSubmit={() => reason && onCancel(reason)}>
        <RadioGroup
          label={t('cancel.reason')}
          name="reason"
          isRequired
          value={reason}
          onChange={(v) => setReason(v as CancelReason)}
          choices={reasons.map((r) => ({ value: r, label: t(`cancel.reason.${r}`) }))}
        />
        <FormActions>
          <Button type="submit" variant="danger" isPending={pending}>
            {t('cancel.submit')}
          </Button>
          <Button variant="secondary" onPress={onClose}>
            {t('cancel.keep')}
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
