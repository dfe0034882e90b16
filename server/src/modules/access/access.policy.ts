import type { Policy } from '../../platform/http/route.ts';

/** Anyone, signed in or not: public directory data, health checks, the web app itself. */
export const publicAccess: Policy = Object.freeze({ name: 'public', allows: () => true });

/** No one. The default for anything whose policy does not exist yet. */
export const deny: Policy = Object.freeze({ name: 'deny', allows: () => false });
