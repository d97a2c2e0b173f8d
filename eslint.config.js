import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
      // TypeScript already checks names; for plain .mjs scripts Node globals are expected.
      'no-undef': 'off',
    },
  },
  {
    // Config is read once at the entry point and passed in; nothing deeper may reach for the environment.
    files: ['packages/nlu/src/**/*.ts', 'packages/dialogue/src/**/*.ts', 'packages/server/src/**/*.ts'],
    ignores: ['packages/server/src/main.ts', 'packages/server/src/config/*.ts', '**/*.test.ts', '**/test-support/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read config once in config/ and pass it in.' }],
    },
  },
);
