// Lint: type-aware rules that catch async mistakes (STYLE.md 11). Run with `npm run lint`.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'datafly-js/dist/**',
      '.datafly/**',
      '.wrangler/**',
      '.kafka/**',
      '.tmp/**',
      'admin/ui/dist/**',
      '**/*.js',
      '**/*.mjs',
      'edge/worker-configuration.d.ts',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
);
