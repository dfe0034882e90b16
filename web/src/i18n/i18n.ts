import { en, type MessageKey } from './en.ts';

const catalogs: Record<string, Partial<Record<MessageKey, string>>> = { en };

/** Every visible string goes through here; a missing translation falls back to English. */
export function t(key: MessageKey, vars: Record<string, string> = {}, locale = 'en'): string {
  const text = catalogs[locale]?.[key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? `{${name}}`);
}
