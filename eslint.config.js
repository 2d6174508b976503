// npm run lint: ESLint (typescript-eslint with type information, Lit, web
// components, Lit accessibility) and Prettier's check. CI runs it.
import js from '@eslint/js';
import litPlugin from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wcPlugin from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'storybook-static/',
      '.pack/',
      'node_modules/',
      // Each example is type-checked by its own tsc/vue-tsc against the packed tarball.
      'examples/',
      'src/generated/',
      'coverage/',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Promises we deliberately do not await are marked with `void`.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Lit templates interpolate numbers and booleans on purpose.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    files: ['src/**/*.ts', 'demo/**/*.ts', 'stories/**/*.ts', 'test/**/*.ts'],
    ...litPlugin.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'demo/**/*.ts', 'stories/**/*.ts'],
    ...wcPlugin.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'demo/**/*.ts', 'stories/**/*.ts'],
    ...litA11y.configs.recommended,
  },
  {
    // Tests poke at DOM results and chai's property assertions (`.to.be.true`).
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Chai's Assertion reads as thenable to the type checker (Storybook's and Vitest's chai
      // typings merge into the same program), so every `expect(a).to.equal(b)` would be a
      // "floating promise". The checks that really are async must still be awaited:
      '@typescript-eslint/no-floating-promises': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'ExpressionStatement > CallExpression[callee.property.name=/^(accessible|isAccessible|equalSnapshot|fixture|waitUntil|aTimeout|nextFrame|oneEvent)$/]',
          message: 'This returns a promise: await it, or the test cannot fail.',
        },
        {
          selector: 'ExpressionStatement > CallExpression[callee.name=/^(fixture|waitUntil|aTimeout|nextFrame|oneEvent)$/]',
          message: 'This returns a promise: await it, or the test cannot fail.',
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Generated typings for consumers (scripts/integrations.mjs), outside this tsconfig's project: linted
    // without type information. The example apps type-check them against the packed tarball.
    files: ['integrations/*.d.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Vue's DefineComponent takes `{}` for the type slots a custom element has no use for (bindings, data,
    // computed, methods…), as Vue's own typings default them.
    files: ['integrations/vue.d.ts'],
    rules: { '@typescript-eslint/no-empty-object-type': 'off' },
  },
  {
    // Drops `$schema` and `$id` from each generated definition by destructuring them out beside the rest.
    files: ['scripts/protocol-schema.mjs'],
    rules: { 'no-unused-vars': ['error', { ignoreRestSiblings: true }] },
  },
  {
    files: ['test/csp-recorder.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
