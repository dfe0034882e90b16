import type { Db } from '../../platform/db/db.ts';
import { createOrganization } from '../directory/directory.service.ts';
import { findOrganizationBySlug } from '../directory/directory.store.ts';
import { seedDefaultAlertRules } from '../audit/audit.alert-rules.ts';

export const demoSlug = 'demo';
export const demoName = 'Riverside Family Health (demo)';

/**
 * The labelled demo clinic: two locations in different time zones (one without daylight saving,
 * which makes DST cases visible). Idempotent: does nothing when the demo clinic exists.
 * Extended as modules land (providers, appointment types, ...). No real person's data.
 */
export async function seedDemo(db: Db): Promise<boolean> {
  if (await findOrganizationBySlug(db, demoSlug)) return false;
  await db.transaction(async (tx) => {
    const organizationId = await createOrganization(tx, {
      slug: demoSlug,
      name: demoName,
      isDemo: true,
      locations: [
        {
          name: 'Riverside Downtown',
          timeZone: 'America/New_York',
          addressLine: '100 Example Street',
          city: 'Boston',
          region: 'MA',
          postalCode: '02110',
          country: 'US',
          phone: '+1 555 0100',
          inPerson: true,
          telehealth: true,
        },
        {
          name: 'Riverside Desert Clinic',
          timeZone: 'America/Phoenix',
          addressLine: '200 Example Avenue',
          city: 'Phoenix',
          region: 'AZ',
          postalCode: '85004',
          country: 'US',
          phone: '+1 555 0200',
          inPerson: true,
          telehealth: false,
        },
      ],
    });
    await seedDefaultAlertRules(tx, organizationId);
  });
  return true;
}
