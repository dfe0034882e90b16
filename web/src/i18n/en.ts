export const en = {
  'app.name': 'Hourglass',
  'home.loading': 'Loading…',
  'home.error': 'We could not load this clinic. Please try again in a moment.',
  'home.empty': 'No clinic is set up here yet.',
  'home.demoNotice': 'Demo clinic: sample data only, no real patients.',
  'home.locations': 'Locations',
  'location.inPerson': 'In person',
  'location.telehealth': 'Telehealth',
  'location.timeZone': 'Times shown in {zone}',
} as const;

export type MessageKey = keyof typeof en;
