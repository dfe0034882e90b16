import type { AppointmentType, Prerequisite } from '../../../api/types.ts';
import { Checkbox } from '../../../components/checkbox.tsx';
import { NumberField } from '../../../components/number-field.tsx';
import { RadioGroup } from '../../../components/radio-group.tsx';
import { Select } from '../../../components/select.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { orNull, type TypeDraft } from './type-draft.ts';
import { typeEditMessages } from './type-edit.messages.ts';

interface Props {
  draft: TypeDraft;
  set: <K extends keyof TypeDraft>(key: K) => (value: TypeDraft[K]) => void;
  /** The other types, for "had another visit recently". */
  otherTypes: AppointmentType[];
}

type Kind = Prerequisite['kind'];
const eligibilities = ['any', 'new', 'established'] as const;

/** Who may book: new or returning patients, an age range, and what must come first. */
export function TypeWho({ draft, set, otherTypes }: Props) {
  const t = useMessages(typeEditMessages);
  const has = (kind: Kind) => draft.prerequisites.some((p) => p.kind === kind);
  const prior = draft.prerequisites.find((p) => p.kind === 'prior_visit');
  const setPrereq = (kind: Kind, on: boolean, value?: Prerequisite) => {
    const rest = draft.prerequisites.filter((p) => p.kind !== kind);
    set('prerequisites')(on ? [...rest, value ?? ({ kind } as Prerequisite)] : rest);
  };
  const firstOther = otherTypes[0];
  return (
    <fieldset className="rule-group">
      <legend>{t('typeEdit.who')}</legend>
      <RadioGroup
        name="eligibility"
        label={t('typeEdit.eligibility')}
        value={draft.eligibility}
        onChange={(v) => set('eligibility')(v as TypeDraft['eligibility'])}
        choices={eligibilities.map((e) => ({
          value: e,
          label: t(`typeEdit.eligibility.${e}`),
          detail: t(`typeEdit.eligibility.${e}.detail`),
        }))}
      />
      <div className="form-grid">
        <NumberField
          name="minAgeYears"
          label={t('typeEdit.minAge')}
          unit={t('typeEdit.years')}
          description={t('typeEdit.minAge.help')}
          minValue={0}
          maxValue={150}
          value={draft.minAgeYears ?? Number.NaN}
          onChange={(v) => set('minAgeYears')(orNull(v))}
        />
        <NumberField
          name="maxAgeYears"
          label={t('typeEdit.maxAge')}
          unit={t('typeEdit.years')}
          description={t('typeEdit.maxAge.help')}
          minValue={0}
          maxValue={150}
          value={draft.maxAgeYears ?? Number.NaN}
          onChange={(v) => set('maxAgeYears')(orNull(v))}
        />
      </div>
      <fieldset className="fieldset">
        <legend>{t('typeEdit.prerequisites')}</legend>
        <Checkbox
          isSelected={has('intake_completed')}
          onChange={(on) => setPrereq('intake_completed', on)}
        >
          {t('typeEdit.prereq.intake')}
        </Checkbox>
        <Checkbox
          isSelected={has('referral_on_file')}
          onChange={(on) => setPrereq('referral_on_file', on)}
        >
          {t('typeEdit.prereq.referral')}
        </Checkbox>
        {firstOther && (
          <Checkbox
            isSelected={prior !== undefined}
            onChange={(on) =>
              setPrereq('prior_visit', on, {
                kind: 'prior_visit',
                appointmentTypeId: firstOther.id,
                withinDays: 365,
              })
            }
          >
            {t('typeEdit.prereq.prior')}
          </Checkbox>
        )}
        {prior && (
          <div className="form-grid">
            <Select
              label={t('typeEdit.prereq.priorType')}
              selectedKey={prior.appointmentTypeId}
              onSelectionChange={(k) =>
                setPrereq('prior_visit', true, { ...prior, appointmentTypeId: String(k) })
              }
              options={otherTypes.map((o) => ({ value: o.id, label: o.name }))}
            />
            <NumberField
              name={`prerequisites.${draft.prerequisites.indexOf(prior)}.withinDays`}
              label={t('typeEdit.prereq.priorDays')}
              unit={t('typeEdit.days')}
              description={t('typeEdit.prereq.priorDays.help')}
              isRequired
              minValue={1}
              maxValue={3650}
              value={prior.withinDays}
              onChange={(withinDays) => setPrereq('prior_visit', true, { ...prior, withinDays })}
            />
          </div>
        )}
      </fieldset>
    </fieldset>
  );
}
