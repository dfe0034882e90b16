/**
 * Whether this server keeps a demo mailbox: the development profile marks the page with
 * `<meta name="hourglass-dev-mailbox">` (no request, so a production page never asks).
 */
export const hasDevMailbox = (): boolean =>
  typeof document !== 'undefined' &&
  document.querySelector('meta[name="hourglass-dev-mailbox"]') !== null;
