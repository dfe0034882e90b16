import type { ReactNode } from 'react';

interface Props {
  tone: 'error' | 'info' | 'success' | 'warning';
  children: ReactNode;
  title?: string | undefined;
}

/**
 * A message in a live region that exists before its text does, so screen readers announce the
 * text when it appears: errors assertively (`alert`), the rest politely (`status`).
 */
export function InlineAlert({ tone, children, title }: Props) {
  const empty =
    children === null || children === undefined || children === false || children === '';
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={empty ? 'alert alert-empty' : `alert alert-${tone}`}
    >
      {!empty && title && <p className="alert-title">{title}</p>}
      {!empty && <div className="alert-body">{children}</div>}
    </div>
  );
}
