import {
  Button,
  ComboBox,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Text,
  type ComboBoxProps,
} from 'react-aria-components';
import { useMessages } from '../i18n/use-messages.ts';
import { componentMessages } from './components.messages.ts';
import type { Option } from './select.tsx';

interface Props<V extends string> extends Omit<
  ComboBoxProps<Option<V>>,
  'className' | 'children' | 'items' | 'allowsCustomValue'
> {
  label: string;
  description?: string;
  options: Option<V>[];
}

/**
 * A single choice from a list too long to scroll (time zones): type to narrow it (any part of
 * the label matches), arrows to move, Enter to choose. Only a listed value can be chosen.
 */
export function SearchSelect<V extends string>({
  label,
  description,
  options,
  ...props
}: Props<V>) {
  const t = useMessages(componentMessages);
  return (
    <ComboBox
      {...props}
      className="field"
      menuTrigger="focus"
      validate={(v) => (props.isRequired && v == null ? t('field.required') : null)}
      defaultItems={options.map((o) => ({ ...o, id: o.value }))}
    >
      <Label className="field-label">{label}</Label>
      {description && (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      )}
      <div className="input-row">
        <Input className="input" />
        <Button className="button button-secondary search-select-button">
          <span aria-hidden="true" className="select-chevron" />
        </Button>
      </div>
      <FieldError className="field-error" />
      <Popover className="popover search-select-popover">
        <ListBox className="listbox">
          {(o: Option<V> & { id: V }) => (
            <ListBoxItem id={o.value} className="listbox-item" textValue={o.label}>
              {o.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
