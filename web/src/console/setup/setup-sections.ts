/** The clinic-setup pages, in the order a new clinic fills them in. */
export const setupSections = [
  { id: 'overview', to: '/console/setup' },
  { id: 'locations', to: '/console/setup/locations' },
  { id: 'providers', to: '/console/setup/providers' },
  { id: 'hours', to: '/console/setup/hours' },
  { id: 'holidays', to: '/console/setup/holidays' },
  { id: 'resources', to: '/console/setup/resources' },
  { id: 'types', to: '/console/setup/types' },
  { id: 'intake', to: '/console/setup/intake' },
  { id: 'guide', to: '/console/setup/visit-guide' },
  { id: 'policy', to: '/console/setup/visit-policy' },
  { id: 'overbooking', to: '/console/setup/overbooking' },
  { id: 'messages', to: '/console/setup/messages' },
] as const;
export type SetupSection = (typeof setupSections)[number];
