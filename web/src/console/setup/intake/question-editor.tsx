import { Button } from '../../../components/button.tsx';
import { Checkbox } from '../../../components/checkbox.tsx';
import { NumberField } from '../../../components/number-field.tsx';
import { Select } from '../../../components/select.tsx';
import { TextArea } from '../../../components/text-area.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { intakeBuilderMessages } from './intake.messages.ts';
import { optionValue, questionTypes, type QuestionDraft } from './question-draft.ts';

interface Props {
  index: number;
  count: number;
  draft: QuestionDraft;
  earlier: QuestionDraft[];
  readOnly: boolean;
  onChange: (d: QuestionDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** One question of the builder. Field names follow the API's pointers (`questions.2.label`). */
export function QuestionEditor({
  index,
  count,
  draft,
  earlier,
  readOnly,
  onChange,
  onMove,
  onRemove,
}: Props) {
  const t = useMessages(intakeBuilderMessages);
  const n = index + 1;
  const name = (field: string) => `questions.${index}.${field}`;
  const set =
    <K extends keyof QuestionDraft>(k: K) =>
    (v: QuestionDraft[K]) =>
      onChange({ ...draft, [k]: v });
  const on = earlier.find((e) => e.id === draft.showWhenId);
  const valueChoices =
    on?.type === 'yes_no'
      ? [
          { value: 'true', label: t('intakeBuilder.yes') },
          { value: 'false', label: t('intakeBuilder.no') },
        ]
      : on?.type === 'choice'
        ? on.options
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
            .map((label, i) => ({ value: optionValue(label, i), label }))
        : null;
  return (
    <li className="builder-item">
      <fieldset className="fieldset" disabled={readOnly}>
        <legend>{t('intakeBuilder.question', { n })}</legend>
        <TextField
          name={name('label')}
          label={t('intakeBuilder.label')}
          isRequired
          isReadOnly={readOnly}
          maxLength={300}
          value={draft.label}
          onChange={set('label')}
        />
        <TextField
          name={name('whyWeAsk')}
          label={t('intakeBuilder.why')}
          description={t('intakeBuilder.why.help')}
          isRequired
          isReadOnly={readOnly}
          maxLength={300}
          value={draft.whyWeAsk}
          onChange={set('whyWeAsk')}
        />
        <div className="form-grid">
          <Select
            name={name('type')}
            label={t('intakeBuilder.kind')}
            isDisabled={readOnly}
            selectedKey={draft.type}
            onSelectionChange={(k) => set('type')(k as QuestionDraft['type'])}
            options={questionTypes.map((q) => ({ value: q, label: t(`intakeBuilder.kind.${q}`) }))}
          />
          <TextField
            name={name('id')}
            label={t('intakeBuilder.id')}
            description={t('intakeBuilder.id.help')}
            isRequired
            isReadOnly={readOnly}
            value={draft.id}
            onChange={(v) => set('id')(v.toLowerCase())}
          />
        </div>
        {draft.type === 'choice' && (
          <>
            <TextArea
              name={name('options')}
              label={t('intakeBuilder.options')}
              description={t('intakeBuilder.options.help')}
              isRequired
              isReadOnly={readOnly}
              rows={4}
              value={draft.options}
              onChange={set('options')}
            />
            <Checkbox isSelected={draft.multiple} isDisabled={readOnly} onChange={set('multiple')}>
              {t('intakeBuilder.multiple')}
            </Checkbox>
          </>
        )}
        {draft.type === 'short_text' && (
          <NumberField
            name={name('maxLength')}
            label={t('intakeBuilder.maxLength')}
            unit={t('intakeBuilder.characters')}
            isRequired
            isReadOnly={readOnly}
            minValue={1}
            maxValue={200}
            value={draft.maxLength}
            onChange={set('maxLength')}
          />
        )}
        {draft.type === 'number' && (
          <div className="form-grid">
            <NumberField
              name={name('min')}
              label={t('intakeBuilder.min')}
              isRequired
              isReadOnly={readOnly}
              value={draft.min}
              onChange={set('min')}
            />
            <NumberField
              name={name('max')}
              label={t('intakeBuilder.max')}
              isRequired
              isReadOnly={readOnly}
              value={draft.max}
              onChange={set('max')}
            />
            <Checkbox isSelected={draft.integer} isDisabled={readOnly} onChange={set('integer')}>
              {t('intakeBuilder.integer')}
            </Checkbox>
          </div>
        )}
        <Checkbox isSelected={draft.required} isDisabled={readOnly} onChange={set('required')}>
          {t('intakeBuilder.required')}
        </Checkbox>
        <Checkbox isSelected={draft.sensitive} isDisabled={readOnly} onChange={set('sensitive')}>
          {t('intakeBuilder.sensitive')}
        </Checkbox>
        {earlier.length > 0 && (
          <div className="form-grid">
            <Select
              name={name('showWhen.questionId')}
              label={t('intakeBuilder.showWhen')}
              isDisabled={readOnly}
              selectedKey={draft.showWhenId || 'always'}
              onSelectionChange={(k) =>
                onChange({
                  ...draft,
                  showWhenId: k === 'always' ? '' : String(k),
                  showWhenEquals: '',
                })
              }
              options={[
                { value: 'always', label: t('intakeBuilder.always') },
                ...earlier.map((e) => ({
                  value: e.id,
                  label: t('intakeBuilder.answeredWith', { question: e.label || e.id }),
                })),
              ]}
            />
            {on &&
              (valueChoices ? (
                <Select
                  name={name('showWhen.equals')}
                  label={t('intakeBuilder.equals')}
                  isDisabled={readOnly}
                  selectedKey={draft.showWhenEquals || null}
                  onSelectionChange={(k) => set('showWhenEquals')(String(k))}
                  options={valueChoices}
                />
              ) : (
                <TextField
                  name={name('showWhen.equals')}
                  label={t('intakeBuilder.equals')}
                  isRequired
                  isReadOnly={readOnly}
                  value={draft.showWhenEquals}
                  onChange={set('showWhenEquals')}
                />
              ))}
          </div>
        )}
      </fieldset>
      {!readOnly && (
        <div className="row-actions">
          <Button
            variant="secondary"
            aria-label={t('intakeBuilder.up', { n })}
            isDisabled={index === 0}
            onPress={() => onMove(-1)}
          >
            {t('intakeBuilder.moveUp')}
          </Button>
          <Button
            variant="secondary"
            aria-label={t('intakeBuilder.down', { n })}
            isDisabled={index === count - 1}
            onPress={() => onMove(1)}
          >
            {t('intakeBuilder.moveDown')}
          </Button>
          <Button
            variant="danger"
            aria-label={t('intakeBuilder.remove', { n })}
            isDisabled={count === 1}
            onPress={onRemove}
          >
            {t('intakeBuilder.remove', { n })}
          </Button>
        </div>
      )}
    </li>
  );
}
