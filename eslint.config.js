import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Props whose text a person reads or hears. */
const visibleProps =
  '/^(aria-label|aria-description|aria-roledescription|aria-valuetext|title|placeholder|alt|label|description|lead|errorMessage)$/';

/**
 * Module boundaries (docs/architecture.md): a module's tables are read and written only by its
 * own store, so no module imports another's store (`<module>.store.ts`, `<module>.<part>-store.ts`):
 * it asks through a published function (a service or lookup). Availability imports nothing from
 * booking (booking implements availability's Occupancy; app.ts, the composition root, joins
 * them), and the platform imports no module. Tests may read any table: they are the proof.
 * server/test/boundaries.test.ts shows a forbidden import failing this lint.
 */
const otherStores = {
  group: ['../*/*.store.ts', '../*/*-store.ts', '../*/*.store', '../*/*-store'],
  message:
    "Another module's tables are reached through its published functions (its service or lookup), not its store.",
};
const serverSources = {
  ignores: [
    'server/src/**/*.test.ts',
    'server/src/**/*.fixtures.ts',
    'server/src/**/*.testkit.ts',
    'server/src/**/*.test-input.ts',
  ],
};
const moduleBoundaries = [
  {
    files: ['server/src/modules/**/*.ts'],
    ...serverSources,
    rules: { 'no-restricted-imports': ['error', { patterns: [otherStores] }] },
  },
  {
    files: ['server/src/modules/availability/**/*.ts'],
    ...serverSources,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            otherStores,
            {
              group: ['../booking/*'],
              message:
                'Availability does not import booking (they would import each other): booking implements availability.types.ts Occupancy, and app.ts hands it over.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/platform/**/*.ts'],
    ...serverSources,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/**'],
              message: 'The platform holds mechanics only: it imports no module.',
            },
          ],
        },
      ],
    },
  },
];

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
  ...moduleBoundaries,
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
