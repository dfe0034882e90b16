import type { Modality } from '../../../api/types.ts';
import { CheckboxGroup } from '../../../components/checkbox-group.tsx';
import { NumberField } from '../../../components/number-field.tsx';
import { TextArea } from '../../../components/text-area.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { setupMessages } from '../setup.messages.ts';
import type { TypeDraft } from './type-draft.ts';
import { typeEditMessages } from './type-edit.messages.ts';

interface Props {
  draft: TypeDraft;
  set: <K extends keyof TypeDraft>(key: K) => (value: TypeDraft[K]) => void;
}

/** What the visit is, how it sits on the calendar, when it can be booked and changed. */
export function TypeBasics({ draft, set }: Props) {
  const t = useMessages(typeEditMessages);
  const s = useMessages(setupMessages);
  const minutes = t('typeEdit.minutes');
  return (
    <>
      <fieldset className="rule-group">
        <legend>{t('typeEdit.visit')}</legend>
        <TextField
          name="name"
          label={t('typeEdit.name')}
          description={t('typeEdit.name.help')}
          isRequired
          maxLength={200}
          value={draft.name}
          onChange={set('name')}
        />
        <TextArea
          name="description"
          label={t('typeEdit.description')}
          description={t('typeEdit.description.help')}
          rows={2}
          maxLength={2000}
          value={draft.description}
          onChange={set('description')}
        />
        <TextArea
          name="instructions"
          label={t('typeEdit.instructions')}
          description={t('typeEdit.instructions.help')}
          rows={3}
          maxLength={4000}
          value={draft.instructions}
          onChange={set('instructions')}
        />
        <div className="form-grid">
          <NumberField
            name="durationMinutes"
            label={t('typeEdit.duration')}
            unit={minutes}
            description={t('typeEdit.duration.help')}
            isRequired
            minValue={5}
            maxValue={720}
            value={draft.durationMinutes}
            onChange={set('durationMinutes')}
          />
          <CheckboxGroup
            name="modalities"
            label={t('typeEdit.modalities')}
            description={t('typeEdit.modalities.help')}
            isRequired
            value={draft.modalities}
            onChange={(v) => set('modalities')(v as Modality[])}
            options={(['in_person', 'telehealth'] as const).map((m) => ({
              value: m,
              label: s(`setup.modality.${m}`),
            }))}
          />
        </div>
      </fieldset>

      <fieldset className="rule-group">
        <legend>{t('typeEdit.calendar')}</legend>
        <p className="rule-help">{t('typeEdit.calendar.help')}</p>
        <div className="form-grid">
          <NumberField
            name="bufferBeforeMinutes"
            label={t('typeEdit.bufferBefore')}
            unit={minutes}
            description={t('typeEdit.bufferBefore.help')}
            isRequired
            minValue={0}
            maxValue={240}
            value={draft.bufferBeforeMinutes}
            onChange={set('bufferBeforeMinutes')}
          />
          <NumberField
            name="bufferAfterMinutes"
            label={t('typeEdit.bufferAfter')}
            unit={minutes}
            description={t('typeEdit.bufferAfter.help')}
            isRequired
            minValue={0}
            maxValue={240}
            value={draft.bufferAfterMinutes}
            onChange={set('bufferAfterMinutes')}
          />
          <NumberField
            name="slotIntervalMinutes"
            label={t('typeEdit.interval')}
            unit={minutes}
            description={t('typeEdit.interval.help')}
            isRequired
            minValue={5}
            maxValue={720}
            value={draft.slotIntervalMinutes}
            onChange={set('slotIntervalMinutes')}
          />
        </div>
      </fieldset>

      <fieldset className="rule-group">
        <legend>{t('typeEdit.window')}</legend>
        <div className="form-grid">
          <NumberField
            name="minNoticeMinutes"
            label={t('typeEdit.notice')}
            unit={minutes}
            description={t('typeEdit.notice.help')}
            isRequired
            minValue={0}
            maxValue={525600}
            value={draft.minNoticeMinutes}
            onChange={set('minNoticeMinutes')}
          />
          <NumberField
            name="horizonDays"
            label={t('typeEdit.horizon')}
            unit={t('typeEdit.days')}
            description={t('typeEdit.horizon.help')}
            isRequired
            minValue={1}
            maxValue={730}
            value={draft.horizonDays}
            onChange={set('horizonDays')}
          />
        </div>
      </fieldset>

      <fieldset className="rule-group">
        <legend>{t('typeEdit.changes')}</legend>
        <p className="rule-help">{t('typeEdit.changes.help')}</p>
        <div className="form-grid">
          <NumberField
            name="cancelCutoffHours"
            label={t('typeEdit.cancelCutoff')}
            unit={t('typeEdit.hours')}
            description={t('typeEdit.cancelCutoff.help')}
            isRequired
            minValue={0}
            maxValue={720}
            value={draft.cancelCutoffHours}
            onChange={set('cancelCutoffHours')}
          />
          <NumberField
            name="rescheduleCutoffHours"
            label={t('typeEdit.rescheduleCutoff')}
            unit={t('typeEdit.hours')}
            description={t('typeEdit.rescheduleCutoff.help')}
            isRequired
            minValue={0}
            maxValue={720}
            value={draft.rescheduleCutoffHours}
            onChange={set('rescheduleCutoffHours')}
          />
        </div>
      </fieldset>
    </>
  );
}
