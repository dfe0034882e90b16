import { Button } from 'react-aria-components';
import { languageNames } from '../i18n/catalog.ts';
import { useLocaleChoice } from '../i18n/locale.tsx';

/**
 * Switches between English and Spanish in place: the same page, the same answers typed so far.
 * The button names the other language in that language.
 */
export function LanguageSwitch() {
  const { locale, setLocale } = useLocaleChoice();
  const other = locale === 'en' ? 'es' : 'en';
  return (
    <Button className="header-button" lang={other} onPress={() => setLocale(other)}>
      {languageNames[other]}
    </Button>
  );
}
