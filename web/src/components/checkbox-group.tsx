import {
  Checkbox as AriaCheckbox,
  CheckboxGroup as AriaCheckboxGroup,
  Label,
  Text,
  type CheckboxGroupProps,
} from 'react-aria-components';
import { FieldError } from './field-error.tsx';

interface Props<V extends string> extends Omit<CheckboxGroupProps, 'className' | 'children'> {
  label: string;
  description?: string | undefined;
  options: { value: V; label: string; detail?: string | undefined }[];
}

/** Several of a few choices (modalities, roles, locations): a labelled group of checkboxes. */
export function CheckboxGroup<V extends string>({
  label,
  description,
  options,
  ...props
}: Props<V>) {
  return (
    <AriaCheckboxGroup {...props} className="field">
      <Label className="field-label">{label}</Label>
      {description && (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      )}
      <div className="choices">
        {options.map((o) => (
          <AriaCheckbox key={o.value} value={o.value} className="checkbox">
            <span className="checkbox-mark" aria-hidden="true" />
            <span className="choice-text">
              <span className="choice-label">{o.label}</span>
              {o.detail && <span className="choice-detail">{o.detail}</span>}
            </span>
          </AriaCheckbox>
        ))}
      </div>
      <FieldError />
    </AriaCheckboxGroup>
  );
}
