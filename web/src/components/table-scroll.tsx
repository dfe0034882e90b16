import type { ReactNode } from 'react';

/**
 * A wide table's sideways scroller. It is a named region a keyboard can reach (Tab, then the
 * arrow keys scroll it), because a region that scrolls but takes no focus is out of reach for
 * anyone without a pointer (axe: scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
