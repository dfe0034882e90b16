import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useClinic } from '../../api/queries.ts';
import { fetchAppointmentTypes, fetchProviders, fetchSetupRules } from '../../api/setup.ts';

/**
 * The clinic's directory as the setup pages read it, cached by what it is (the organization's
 * slug only). A change refreshes the lists it touched (`useRefresh`).
 */
export const setupKeys = {
  providers: (slug: string) => ['setup', slug, 'providers'] as const,
  types: (slug: string) => ['setup', slug, 'types'] as const,
  rules: (slug: string) => ['setup', slug, 'rules'] as const,
};

export const providersQuery = (slug: string) =>
  queryOptions({
    queryKey: setupKeys.providers(slug),
    queryFn: ({ signal }) => fetchProviders(slug, signal).then((r) => r.providers),
  });
export const typesQuery = (slug: string) =>
  queryOptions({
    queryKey: setupKeys.types(slug),
    queryFn: ({ signal }) => fetchAppointmentTypes(slug, signal).then((r) => r.appointmentTypes),
  });
export const rulesQuery = (slug: string) =>
  queryOptions({
    queryKey: setupKeys.rules(slug),
    queryFn: ({ signal }) => fetchSetupRules(slug, signal),
  });

/** The clinic (slug, locations) every setup page starts from. */
export function useSetupClinic() {
  const clinic = useClinic();
  return { clinic: clinic.data ?? null, slug: clinic.data?.slug ?? '', ...clinic };
}

export const useProviders = (slug: string) =>
  useQuery({ ...providersQuery(slug), enabled: slug !== '' });
export const useTypes = (slug: string) => useQuery({ ...typesQuery(slug), enabled: slug !== '' });
export const useRules = (slug: string) => useQuery({ ...rulesQuery(slug), enabled: slug !== '' });

/** After a change: read again what it touched (the clinic holds the locations). */
export function useRefresh() {
  const client = useQueryClient();
  return (what: 'clinic' | 'providers' | 'types' | 'rules', slug: string) =>
    client.invalidateQueries({
      queryKey:
        what === 'clinic'
          ? ['clinic']
          : what === 'providers'
            ? setupKeys.providers(slug)
            : what === 'types'
              ? setupKeys.types(slug)
              : setupKeys.rules(slug),
    });
}
