import { describe, expect, it } from 'vitest';
import { variablesFrom } from './notifications.render.ts';
import type { MessageRow } from './notifications.store.ts';
import { fill } from './notifications.template-lint.ts';
import { shippedTemplate, type Language, type TemplateChannel } from './notifications.templates.ts';

const zone = 'America/New_York';
const names = {
  organizationName: 'Riverside',
  locations: new Map([
    [
      'loc',
      {
        id: 'loc',
        name: 'Downtown',
        timeZone: zone,
        address: {
          line: '1 Main St',
          city: 'Boston',
          region: 'MA',
          postalCode: '02110',
          country: 'US',
        },
        phone: '',
      },
    ],
  ]),
};

/** The shipped nudge's text for a visit at `start`, sent at `now`. */
function nudge(
  start: string,
  now: string,
  language: Language = 'en',
  channel: TemplateChannel = 'sms',
) {
  const m = {
    location_id: 'loc',
    appointment_start: new Date(start),
    modality: 'in_person',
    reason_code: null,
  } as unknown as MessageRow;
  const values = variablesFrom(names, m, language, zone, 'https://x.test', new Date(now));
  return fill(shippedTemplate('nudge', channel, language).body, values);
}

describe('the day a message names', () => {
  // 07:30 in Boston on Friday 11 December 2026 (12:30 UTC).
  const start = '2026-12-11T12:30:00Z';

  it('is "today" when it goes on the visit’s day in the patient’s zone', () => {
    expect(nudge(start, '2026-12-11T10:00:00Z')).toBe(
      'Riverside: today at 7:30 AM. https://x.test/portal',
    );
  });

  it('is "tomorrow" for a nudge moved out of the night to the evening before', () => {
    // 20:59 on the 10th in Boston, though already the 11th in UTC.
    expect(nudge(start, '2026-12-11T01:59:00Z')).toBe(
      'Riverside: tomorrow at 7:30 AM. https://x.test/portal',
    );
    expect(nudge(start, '2026-12-11T01:59:00Z', 'es')).toBe(
      'Riverside: mañana a las 7:30 a.m. https://x.test/portal',
    );
  });

  it('is the date further ahead (a nudge a clinic sends by hand days before)', () => {
    expect(nudge(start, '2026-12-04T15:00:00Z', 'en', 'portal')).toContain(
      'Your appointment at Riverside is on Friday, December 11, 2026 at 7:30 AM',
    );
    expect(nudge(start, '2026-12-04T15:00:00Z', 'es', 'portal')).toContain(
      'Su cita en Riverside es el viernes, 11 de diciembre de 2026 a las 7:30',
    );
  });

  it('counts tomorrow across a month and a year', () => {
    expect(nudge('2027-01-01T13:00:00Z', '2026-12-31T23:30:00Z')).toContain('tomorrow at 8:00 AM');
  });
});
