import { get, seg } from './client.ts';
import type { Organization, OrganizationSummary } from './types.ts';

/**
 * The clinic this server serves: the first organization it lists (one clinic per deployment
 * today), with its locations. Null when none is set up.
 */
export async function fetchClinic(signal?: AbortSignal): Promise<Organization | null> {
  const { organizations } = await get<{ organizations: OrganizationSummary[] }>(
    '/api/organizations',
    { signal },
  );
  const first = organizations[0];
  if (!first) return null;
  return get<Organization>(`/api/organizations/${seg(first.slug)}`, { signal });
}
