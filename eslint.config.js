import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noDefaultExport = {
  selector: 'ExportDefaultDeclaration',
  message: 'Named exports only (DESIGN.md §3).',
};

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'apps/server/data/**', 'apps/server/migrations/**', 'scratch/**', 'bench/out/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', noDefaultExport],
    },
  },
  {
    // Tools that require a default export.
    files: ['**/*.config.ts', '**/*.config.js', 'apps/server/test/global-setup.ts', 'e2e/global-setup.ts', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', '**/*.config.js'],
    languageOptions: { globals: globals.node },
  },
  {
    // Boundary: the web app never imports server code; it shares only packages/shared.
    files: ['apps/web/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/apps/server/**', '@teilhabe/server', '@teilhabe/server/*', 'pg', 'drizzle-orm', 'drizzle-orm/*'], message: 'The web app talks to the server over HTTP only.' }] },
      ],
    },
  },
  {
    // Boundary: only repositories, platform/, seeds, CLIs and tests touch the database.
    files: ['apps/server/src/modules/**/*.ts'],
    ignores: ['apps/server/src/modules/**/*.repository.ts', 'apps/server/src/modules/**/*.schema.ts', 'apps/server/src/modules/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['pg', 'drizzle-orm', 'drizzle-orm/*', '**/platform/db/schema*', '**/platform/db/client*', '**/*.schema.js'],
              allowTypeImports: true,
              message: 'Only repositories (and platform/) touch the database; call a repository or a module service.',
            },
          ],
        },
      ],
    },
  },
  {
    // Boundary: the shared package is imported by server and web, so it imports neither.
    files: ['packages/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/**'], message: 'packages/shared must not depend on an app.' }] }],
    },
  },
);
