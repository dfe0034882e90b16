import type { AppointmentType, VisitGuide } from '../../../api/types.ts';
import { Button } from '../../../components/button.tsx';
import { Select } from '../../../components/select.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { setupMessages } from '../setup.messages.ts';
import { visitGuideMessages } from './visit-guide.messages.ts';

type Step = VisitGuide['nodes'][number];
type Choice = Step['choices'][number];

interface Props {
  index: number;
  step: Step;
  steps: Step[];
  types: AppointmentType[];
  onChange: (s: Step) => void;
  onRemove: (() => void) | null;
}

/** Where a choice leads, as one select value: `step:<code>` or `type:<id>`. */
const targetOf = (c: Choice) =>
  c.appointmentTypeId ? `type:${c.appointmentTypeId}` : c.next ? `step:${c.next}` : '';

/** One step of the guide: its code, its question in both languages, and its choices. */
export function StepEditor({ index, step, steps, types, onChange, onRemove }: Props) {
  const t = useMessages(visitGuideMessages);
  const s = useMessages(setupMessages);
  const n = index + 1;
  const name = (field: string) => `nodes.${index}.${field}`;
  const setChoice = (j: number, c: Choice) =>
    onChange({ ...step, choices: step.choices.map((x, k) => (k === j ? c : x)) });
  const targets = [
    ...steps
      .filter((x) => x.id !== step.id)
      .map((x) => ({
        value: `step:${x.id}`,
        label: t('guideEditor.toStep', { step: x.prompt.en || x.id }),
      })),
    ...types.map((x) => ({
      value: `type:${x.id}`,
      label: t('guideEditor.toType', { type: x.name }),
    })),
  ];
  return (
    <li className="builder-item">
      <fieldset className="fieldset">
        <legend>{t('guideEditor.step', { n })}</legend>
        <TextField
          name={name('id')}
          label={t('guideEditor.stepId')}
          description={t('guideEditor.stepId.help')}
          isRequired
          value={step.id}
          onChange={(id) => onChange({ ...step, id: id.toLowerCase() })}
        />
        <div className="form-grid form-grid-fit">
          <TextField
            name={name('prompt.en')}
            label={t('guideEditor.promptEn')}
            isRequired
            lang="en"
            value={step.prompt.en}
            onChange={(en) => onChange({ ...step, prompt: { ...step.prompt, en } })}
          />
          <TextField
            name={name('prompt.es')}
            label={t('guideEditor.promptEs')}
            isRequired
            lang="es"
            value={step.prompt.es}
            onChange={(es) => onChange({ ...step, prompt: { ...step.prompt, es } })}
          />
        </div>
        <ol className="builder-list">
          {step.choices.map((c, j) => {
            const target = targetOf(c);
            const type = types.find((x) => x.id === c.appointmentTypeId);
            return (
              <li key={j} className="rule-group">
                <fieldset className="fieldset">
                  <legend>{t('guideEditor.choice', { n: j + 1 })}</legend>
                  <div className="form-grid form-grid-fit">
                    <TextField
                      name={name(`choices.${j}.label.en`)}
                      label={t('guideEditor.labelEn')}
                      isRequired
                      lang="en"
                      value={c.label.en}
                      onChange={(en) => setChoice(j, { ...c, label: { ...c.label, en } })}
                    />
                    <TextField
                      name={name(`choices.${j}.label.es`)}
                      label={t('guideEditor.labelEs')}
                      isRequired
                      lang="es"
                      value={c.label.es}
                      onChange={(es) => setChoice(j, { ...c, label: { ...c.label, es } })}
                    />
                    <Select
                      name={name(`choices.${j}.next`)}
                      label={t('guideEditor.leadsTo')}
                      isRequired
                      selectedKey={target || null}
                      onSelectionChange={(k) => {
                        const [kind, id = ''] = String(k).split(/:(.*)/);
                        setChoice(
                          j,
                          kind === 'type'
                            ? { label: c.label, appointmentTypeId: id }
                            : { label: c.label, next: id },
                        );
                      }}
                      options={targets}
                    />
                    {type && type.modalities.length > 1 && (
                      <Select
                        name={name(`choices.${j}.modality`)}
                        label={t('guideEditor.modality')}
                        selectedKey={c.modality ?? 'any'}
                        onSelectionChange={(k) => {
                          const rest = { ...c };
                          delete rest.modality;
                          setChoice(
                            j,
                            k === 'any' ? rest : { ...rest, modality: k as 'in_person' },
                          );
                        }}
                        options={[
                          { value: 'any', label: t('guideEditor.anyModality') },
                          ...type.modalities.map((m) => ({
                            value: m,
                            label: s(`setup.modality.${m}`),
                          })),
                        ]}
                      />
                    )}
                  </div>
                </fieldset>
                {step.choices.length > 1 && (
                  <div className="row-actions">
                    <Button
                      variant="secondary"
                      onPress={() =>
                        onChange({ ...step, choices: step.choices.filter((_, k) => k !== j) })
                      }
                    >
                      {t('guideEditor.removeChoice', { n: j + 1, step: n })}
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      </fieldset>
      <div className="row-actions">
        <Button
          variant="secondary"
          isDisabled={step.choices.length >= 8}
          onPress={() =>
            onChange({
              ...step,
              choices: [...step.choices, { label: { en: '', es: '' }, next: '' }],
            })
          }
        >
          {t('guideEditor.addChoice')}
        </Button>
        {onRemove && (
          <Button variant="danger" onPress={onRemove}>
            {t('guideEditor.removeStep', { n })}
          </Button>
        )}
      </div>
    </li>
  );
}
