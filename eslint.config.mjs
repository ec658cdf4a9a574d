// ESLint (typescript-eslint): the project's TypeScript, run by `npm test` (npm run lint). Type-aware rules are left out to keep it fast.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-output/**', 'test/e2e/**', '**/*.mjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // tsc (noUnusedLocals, noUnusedParameters) reports these already, with the project's conventions.
      '@typescript-eslint/no-unused-vars': 'off',
      // Control characters are what some checks look for (terminal escapes, raw JSON control characters).
      'no-control-regex': 'off',
    },
  },
);
