import { describe, expect, it } from 'vitest';
import { messageKinds } from './notifications.schema.ts';
import { fill, lintTemplate, templateVariables } from './notifications.template-lint.ts';
import { languages, shippedTemplate, templateChannels } from './notifications.templates.ts';

describe('the template linter', () => {
  it('passes every shipped template, in every kind, channel and language', () => {
    for (const kind of messageKinds) {
      for (const channel of templateChannels) {
        for (const language of languages) {
          const t = shippedTemplate(kind, channel, language);
          expect(lintTemplate(t.subject), `${kind}/${channel}/${language}`).toEqual([]);
          expect(lintTemplate(t.body), `${kind}/${channel}/${language}`).toEqual([]);
          expect(t.body.length).toBeGreaterThan(10);
        }
      }
    }
  });

  it('refuses a variable outside the allow-list, saying where it is', () => {
    expect(
      lintTemplate('Dear {{patientName}},\nsee you {{ date }} about {{appointmentType}}.'),
    ).toEqual([
      expect.objectContaining({ offset: 5, line: 1, column: 6 }),
      expect.objectContaining({ offset: 47, line: 2, column: 26 }),
    ]);
    expect(lintTemplate('Hi {{patientName}}')[0]!.detail).toMatch(/unknown variable "patientName"/);
  });

  it('refuses stray braces', () => {
    expect(lintTemplate('On {{date at {{time}}').map((p) => p.column)).toEqual([4]);
    expect(lintTemplate('ok }} there').map((p) => p.detail)).toEqual([
      'a closing "}}" without its opening "{{"',
    ]);
  });

  it('fills only allowed variables', () => {
    expect(fill('{{clinicName}} at {{ time }}', { clinicName: 'Riverside', time: '10:00' })).toBe(
      'Riverside at 10:00',
    );
    expect(templateVariables).not.toContain('patientName');
    // Spanish times end in a full stop of their own: one, not two.
    expect(fill('a las {{time}}. Detalles', { time: '10:00 a.m.' })).toBe(
      'a las 10:00 a.m. Detalles',
    );
    expect(fill('{{time}}.', { time: '10:00' })).toBe('10:00.');
  });
});
