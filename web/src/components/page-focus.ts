/**
 * What moves focus and announces a new page. The router marks a navigation as pending; the next
 * page heading to mount takes focus (also after a loading state) and its text is announced in
 * the shell's live region. The first page of a visit does not move focus.
 */
let pending = false;
let announcer: (text: string) => void = () => undefined;

export function markNavigation(): void {
  pending = true;
}

export function takeNavigation(): boolean {
  const was = pending;
  pending = false;
  return was;
}

export function setAnnouncer(fn: (text: string) => void): void {
  announcer = fn;
}

export function announce(text: string): void {
  announcer(text);
}
