import {
  Label,
  Radio,
  RadioGroup as AriaRadioGroup,
  Text,
  type RadioGroupProps as AriaRadioGroupProps,
} from 'react-aria-components';
import { FieldError } from './field-error.tsx';

export interface Choice<V extends string> {
  value: V;
  label: string;
  /** A second line under the label (choice cards). */
  detail?: string;
}

interface Props<V extends string> extends Omit<AriaRadioGroupProps, 'className' | 'children'> {
  label: string;
  description?: string;
  choices: Choice<V>[];
  /** Large cards with a detail line instead of plain radio buttons. */
  cards?: boolean;
}

/** One choice among a few, as radio buttons or as choice cards; arrow keys move between them. */
export function RadioGroup<V extends string>({
  label,
  description,
  choices,
  cards = false,
  ...props
}: Props<V>) {
  return (
    <AriaRadioGroup {...props} className={cards ? 'field choice-cards' : 'field'}>
      <Label className="field-label">{label}</Label>
      {description && (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      )}
      <div className="choices">
        {choices.map((c) => (
          <Radio key={c.value} value={c.value} className={cards ? 'choice-card' : 'radio'}>
            <span className="radio-mark" aria-hidden="true" />
            <span className="choice-text">
              <span className="choice-label">{c.label}</span>
              {c.detail && <span className="choice-detail">{c.detail}</span>}
            </span>
          </Radio>
        ))}
      </div>
      <FieldError />
    </AriaRadioGroup>
  );
}
