import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select as AriaSelect,
  SelectValue,
  Text,
  type SelectProps as AriaSelectProps,
} from 'react-aria-components';
import { FieldError } from './field-error.tsx';

export interface Option<V extends string> {
  value: V;
  label: string;
}

interface Props<V extends string> extends Omit<
  AriaSelectProps<Option<V>>,
  'className' | 'children' | 'items'
> {
  label: string;
  description?: string;
  options: Option<V>[];
}

/** A single choice from a list that would be too long as radio buttons. */
export function Select<V extends string>({ label, description, options, ...props }: Props<V>) {
  return (
    <AriaSelect
      {...props}
      className="field"
      validate={(v) => (props.isRequired && v == null ? 'field.required' : null)}
    >
      <Label className="field-label">{label}</Label>
      {description && (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      )}
      <Button className="input select-button">
        <SelectValue />
        <span aria-hidden="true" className="select-chevron" />
      </Button>
      <FieldError />
      <Popover className="popover">
        <ListBox className="listbox" items={options.map((o) => ({ ...o, id: o.value }))}>
          {(o) => (
            <ListBoxItem id={o.value} className="listbox-item">
              {o.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </AriaSelect>
  );
}
