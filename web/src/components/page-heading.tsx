import { useEffect, useRef, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { announce, takeNavigation } from './page-focus.ts';

interface Props {
  children: string;
  /** Takes focus when it mounts even without a navigation (a page's next step, e.g. "check your email"). */
  focusOnMount?: boolean;
  /** Shown under the heading. */
  lead?: ReactNode;
}

/**
 * The page's `h1`: names the document, receives focus after a navigation (so keyboard and
 * screen-reader users start at the new content) and is announced. One per page.
 */
export function PageHeading({ children, focusOnMount = false, lead }: Props) {
  const ref = useRef<HTMLHeadingElement>(null);
  const intl = useIntl();
  useEffect(() => {
    document.title = `${children} · Hourglass`;
  }, [children, intl.locale]);
  useEffect(() => {
    if (takeNavigation() || focusOnMount) {
      ref.current?.focus({ preventScroll: false });
      announce(children);
    }
    // Only on mount: a language switch re-renders the heading but must not move focus.
  }, []);
  return (
    <div className="page-heading">
      <h1 ref={ref} tabIndex={-1}>
        {children}
      </h1>
      {lead && <div className="page-lead">{lead}</div>}
    </div>
  );
}
