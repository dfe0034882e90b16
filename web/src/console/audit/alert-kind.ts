import { useMessages } from '../../i18n/use-messages.ts';
import { alertKindMessages } from './alert-kinds.messages.ts';

export const alertKinds = [
  'bulk_patient_reads',
  'new_device_bulk_reads',
  'repeated_denials',
  'export_outside_hours',
  'break_glass',
  'verification_failure',
] as const;
type Kind = (typeof alertKinds)[number];
export const isKnownKind = (kind: string): kind is Kind =>
  (alertKinds as readonly string[]).includes(kind);

/** An alert or rule kind in the reader's words. */
export function useKindName() {
  const t = useMessages(alertKindMessages);
  return (kind: string) =>
    isKnownKind(kind) ? t(`alertKind.${kind}`) : t('alertKind.other', { kind });
}
