import type { EligibilityReason } from '../../api/types.ts';
import type { Translate } from '../../i18n/use-messages.ts';
import type { bookMessages } from './book.messages.ts';

type T = Translate<(typeof bookMessages)['en']>;

/** Why a visit type is not offered, in plain words, from the server's stable reason codes. */
export function reasonText(t: T, r: EligibilityReason, typeName: (id: string) => string): string {
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  switch (r.code) {
    case 'age_unknown':
      return t('book.reason.age_unknown');
    case 'age_below_minimum':
      return t('book.reason.age_below_minimum', { years: n(r.minAgeYears) });
    case 'age_above_maximum':
      return t('book.reason.age_above_maximum', { years: n(r.maxAgeYears) });
    case 'new_patients_only':
      return t('book.reason.new_patients_only');
    case 'established_patients_only':
      return t('book.reason.established_patients_only');
    case 'prior_visit_required':
      return t('book.reason.prior_visit_required', {
        type: typeof r.appointmentTypeId === 'string' ? typeName(r.appointmentTypeId) : '',
        days: n(r.withinDays),
      });
    case 'intake_required':
      return t('book.reason.intake_required');
    case 'referral_required':
      return t('book.reason.referral_required');
    default:
      return t('book.reason.other');
  }
}
