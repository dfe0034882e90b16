import { createLink } from '@tanstack/react-router';
import { Link as AriaLink, type LinkProps as AriaLinkProps } from 'react-aria-components';
import { buttonClass, type Variant } from './button.tsx';

function TextLink({
  className,
  ...props
}: Omit<AriaLinkProps, 'className'> & { className?: string }) {
  return <AriaLink {...props} className={className ?? 'link'} />;
}

function ButtonLink({
  variant = 'primary',
  wide = false,
  ...props
}: Omit<AriaLinkProps, 'className'> & { variant?: Variant; wide?: boolean }) {
  return <AriaLink {...props} className={buttonClass(variant, wide)} />;
}

/** A link to a route of the app, checked against the route tree by the type checker. */
export const Link = createLink(TextLink);

/** A link that looks like a button: for navigation that is the page's main action. */
export const LinkButton = createLink(ButtonLink);
