import { useEffect, useRef } from 'react';
import { announce } from '../../components/page-focus.ts';

/**
 * A step's heading (`h2`): when the patient moves to a step, focus goes here and the step's name
 * is announced, so keyboard and screen-reader users start at the new content. Not on page load
 * (the page's own heading takes focus then).
 */
export function StepHeading({ children, focus }: { children: string; focus: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!focus) return;
    ref.current?.focus();
    announce(children);
    // Only when the step mounts: a language switch must not move focus.
  }, []);
  return (
    <h2 ref={ref} tabIndex={-1} className="step-heading">
      {children}
    </h2>
  );
}
