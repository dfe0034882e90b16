import { z } from 'zod';

export const slugSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'lowercase letters, digits and hyphens');

export const locationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    timeZone: z.string().describe('IANA time zone, e.g. America/New_York'),
    address: z.object({
      line: z.string(),
      city: z.string(),
      region: z.string(),
      postalCode: z.string(),
      country: z.string(),
    }),
    phone: z.string(),
    inPerson: z.boolean(),
    telehealth: z.boolean(),
  })
  .meta({ id: 'Location' });

export const organizationSummarySchema = z
  .object({ slug: z.string(), name: z.string(), isDemo: z.boolean() })
  .meta({ id: 'OrganizationSummary' });

export const organizationSchema = organizationSummarySchema
  .extend({ locations: z.array(locationSchema) })
  .meta({ id: 'Organization' });

export type Location = z.infer<typeof locationSchema>;
export type OrganizationSummary = z.infer<typeof organizationSummarySchema>;
export type Organization = z.infer<typeof organizationSchema>;

/** Zones already checked: asking Intl costs a formatter each time (a public query names one). */
const knownZones = new Map<string, boolean>();

export function isTimeZone(zone: string): boolean {
  const known = knownZones.get(zone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    valid = zone.includes('/') || zone === 'UTC';
  } catch {
    valid = false;
  }
  // Bounded: a caller sending endless made-up zones cannot grow it without limit.
  if (knownZones.size < 1000) knownZones.set(zone, valid);
  return valid;
}
