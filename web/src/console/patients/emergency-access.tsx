import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { emergencyReasons, openEmergencyAccess, type EmergencyReason } from '../../api/patients.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { Select } from '../../components/select.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { grantKey, type Grant } from './patient.queries.ts';
import { patientsMessages } from './patients.messages.ts';

/** The grant this tab holds for a patient, while it lasts (null after it expires). */
export function useGrant(patientId: string): Grant | null {
  const { data } = useQuery<Grant | null>({
    queryKey: grantKey(patientId),
    queryFn: () => null,
    enabled: false,
    staleTime: Infinity,
    gcTime: 60 * 60_000,
  });
  const [, tick] = useState(0);
  useEffect(() => {
    if (!data) return;
    const left = Date.parse(data.expiresAt) - Date.now();
    const timer = setTimeout(() => tick((n) => n + 1), Math.max(0, left) + 500);
    return () => clearTimeout(timer);
  }, [data]);
  return data && Date.parse(data.expiresAt) > Date.now() ? data : null;
}

/** The banner that marks the page while emergency access lasts. */
export function GrantBanner({ grant }: { grant: Grant }) {
  const t = useMessages(patientsMessages);
  const intl = useIntl();
  return (
    <div className="glass-banner">
      <InlineAlert tone="warning" title={t('pt.glass.open')}>
        {t('pt.glass.active', { time: intl.formatTime(grant.expiresAt, { timeStyle: 'short' }) })}
      </InlineAlert>
    </div>
  );
}

/**
 * Break glass: a reason, then a step-up (the app's dialog opens on the server's 403), then an
 * hour's access, audited and reported to the compliance officer.
 */
export function EmergencyAccess({ patientId }: { patientId: string }) {
  const t = useMessages(patientsMessages);
  const problemText = useProblemText();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<EmergencyReason>('emergency_care');
  const glass = useMutation({
    mutationFn: () => openEmergencyAccess(patientId, reason),
    onSuccess: (grant) => {
      client.setQueryData(grantKey(patientId), grant);
      setOpen(false);
      void client.invalidateQueries({ queryKey: ['patient', patientId] });
    },
  });
  return (
    <>
      <Button variant="danger" onPress={() => setOpen(true)}>
        {t('pt.glass.open')}
      </Button>
      <Dialog isOpen={open} onOpenChange={setOpen} title={t('pt.glass.title')}>
        <p>{t('pt.glass.text')}</p>
        <Select
          label={t('pt.glass.reason')}
          selectedKey={reason}
          onSelectionChange={(k) => setReason(k as EmergencyReason)}
          options={emergencyReasons.map((r) => ({ value: r, label: t(`pt.glass.reason.${r}`) }))}
        />
        <InlineAlert tone="error">{glass.isError && problemText(glass.error)}</InlineAlert>
        <FormActions>
          <Button variant="danger" isPending={glass.isPending} onPress={() => glass.mutate()}>
            {t('pt.glass.submit')}
          </Button>
          <Button variant="quiet" onPress={() => setOpen(false)}>
            {t('pt.glass.cancel')}
          </Button>
        </FormActions>
      </Dialog>
    </>
  );
}
