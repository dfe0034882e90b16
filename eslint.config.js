import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Props whose text a person reads or hears. */
const visibleProps =
  '/^(aria-label|aria-description|aria-roledescription|aria-valuetext|title|placeholder|alt|label|description|lead|errorMessage)$/';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'web/dist/**', 'data/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/main.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Every visible string goes through a page's messages (web/src/**/<page>.messages.ts), so
    // English and Spanish stay complete: literal words in JSX text, or in a prop a person reads
    // or hears, fail the lint.
    files: ['web/src/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          'JSXText[value=/[A-Za-z\\u00C0-\\u024F]/]',
          ':matches(JSXElement, JSXFragment) > JSXExpressionContainer > Literal[value=/[A-Za-z\\u00C0-\\u024F]/]',
          ':matches(JSXElement, JSXFragment) > JSXExpressionContainer > TemplateLiteral > TemplateElement[value.raw=/[A-Za-z\\u00C0-\\u024F]/]',
          `JSXAttribute[name.name=${visibleProps}] > Literal[value=/[A-Za-z\\u00C0-\\u024F]/]`,
          `JSXAttribute[name.name=${visibleProps}] > JSXExpressionContainer > :matches(Literal[value=/[A-Za-z\\u00C0-\\u024F]/], TemplateLiteral)`,
        ].map((selector) => ({
          selector,
          message:
            'Visible text must come from a messages catalog (useMessages), not a literal: it would not be translated.',
        })),
      ],
    },
  },
);
