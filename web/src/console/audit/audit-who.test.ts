import { describe, expect, it } from 'vitest';
import { auditMessages } from './audit.messages.ts';
import { whoText } from './audit-who.ts';

/** The catalog's words with `{name}` filled in (what react-intl does for these plain messages). */
const translate =
  (locale: 'en' | 'es') =>
  (key: keyof (typeof auditMessages)['en'], values: Record<string, unknown> = {}) =>
    (auditMessages[locale][key] ?? auditMessages.en[key]).replace(/\{(\w+)\}/g, (_, k: string) =>
      String(values[k]),
    );

describe('who an audit event names', () => {
  it('an integration client by its own label and client id, in English and Spanish', () => {
    const actor = { type: 'integration', id: 'c0ffee00', role: 'integration' };
    expect(whoText(actor, translate('en'))).toBe('Integration client, client c0ffee00');
    expect(whoText(actor, translate('es'))).toBe('Cliente de integración, cliente c0ffee00');
  });

  it('staff by role and account, the system and the anonymous in words', () => {
    expect(whoText({ type: 'user', id: 'ab12', role: 'front_desk' }, translate('en'))).toMatch(
      /, account ab12$/,
    );
    expect(whoText({ type: 'system', id: null, role: null }, translate('en'))).toBe('The system');
    expect(whoText({ type: 'anonymous', id: null, role: null }, translate('es'))).toBe(
      'Sin sesión iniciada',
    );
  });
});
