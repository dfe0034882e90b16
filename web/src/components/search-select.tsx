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
import { useEffect, useState } from 'react';
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
  const [open, setOpen] = useState(false);
  useInertWhileHidden(open);
  return (
    <ComboBox
      {...props}
      onOpenChange={(isOpen, trigger) => {
        setOpen(isOpen);
        props.onOpenChange?.(isOpen, trigger);
      }}
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

const focusable = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * While the list is open React Aria hides the rest of the page from assistive technology
 * (`aria-hidden`) but leaves it focusable, as focus stays in the input: content hidden yet
 * reachable by Tab (axe's aria-hidden-focus). The parts it hid that hold something focusable are
 * made `inert` too for as long as the list is open, and given back as they were.
 */
function useInertWhileHidden(open: boolean) {
  useEffect(() => {
    if (!open) return;
    const hidden = [...document.querySelectorAll<HTMLElement>('[aria-hidden="true"]')].filter(
      (el) => !el.inert && (el.matches(focusable) || el.querySelector(focusable) !== null),
    );
    for (const el of hidden) el.inert = true;
    return () => {
      for (const el of hidden) el.inert = false;
    };
  }, [open]);
}
