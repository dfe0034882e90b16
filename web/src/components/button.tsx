import { Button as AriaButton, type ButtonProps as AriaButtonProps } from 'react-aria-components';

export type Variant = 'primary' | 'secondary' | 'quiet' | 'danger';

export interface ButtonProps extends Omit<AriaButtonProps, 'className'> {
  variant?: Variant;
  /** Stretches to the container's width (phone forms). */
  wide?: boolean;
}

export const buttonClass = (variant: Variant = 'primary', wide = false) =>
  `button button-${variant}${wide ? ' button-wide' : ''}`;

/** A button: React Aria handles press, keyboard and the pending state (`isPending`). */
export function Button({ variant = 'primary', wide = false, ...props }: ButtonProps) {
  return <AriaButton {...props} className={buttonClass(variant, wide)} />;
}
