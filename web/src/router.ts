import { useEffect, useState } from 'react';

/** The current path, following the browser's back and forward buttons. */
export function usePath(): string {
  const [path, setPath] = useState(() => window.location.pathname);
  useEffect(() => {
    const update = () => setPath(window.location.pathname);
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return path;
}

/** The app's pages by path; the server answers every non-API path with the app. */
export type Page = { name: 'home' } | { name: 'intake'; appointmentType: string };

export function pageFor(path: string): Page {
  const intake = /^\/intake\/([a-z0-9][a-z0-9_-]{0,63})\/?$/.exec(path);
  if (intake) return { name: 'intake', appointmentType: intake[1]! };
  return { name: 'home' };
}
