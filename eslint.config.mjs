// ESLint: the TypeScript sources and tests, type-aware (typescript-eslint's recommendedTypeChecked),
// and the plain CommonJS scripts. `npm run lint`; `npm test` runs it before the tests.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
// typescript-eslint comes through scripts/lint: it needs TypeScript's JavaScript API, which the
// TypeScript 7 that builds the project does not have, so it runs on its own TypeScript 6.
import tseslint from 'patchops-lint-typescript';

export default defineConfig(
  { ignores: ['out/', 'dist/', '.cache/', 'test-results/', '**/node_modules/', 'src/**/generated/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-unused-vars': ['error', { args: 'all', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      // `typeof import('./x')` stays allowed: it types the lazy `require` calls.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // Deliberate: the CLI loads heavy modules lazily (a warm cached run never needs them), and
      // tests take the live module object (`import fs = require(...)`) to patch it.
      '@typescript-eslint/no-require-imports': 'off',
      // An async function without await is how a thrown error becomes a rejected promise; no bug.
      '@typescript-eslint/require-await': 'off',
      // It flags the defensive `let x = false` before a try/catch that assigns on every path; harmless.
      'no-useless-assignment': 'off',
      // Interpolating numbers, booleans, null and arrays (joined with commas) is intended; `unknown` and objects stay errors.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowAny: true, allowBoolean: true, allowNullish: true, allowNumber: true, allowRegExp: true, allowArray: true, allowNever: true },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Hostile-input and terminal tests look for control characters and ANSI escapes on purpose.
      'no-control-regex': 'off',
      // YAML indentation in expected text reads best as the literal spaces.
      'no-regex-spaces': 'off',
      // Tests read CLI output and files back with JSON.parse and walk the result untyped on purpose:
      // typing each of those ~370 reads would be a rewrite that catches nothing an assertion does not.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
);
