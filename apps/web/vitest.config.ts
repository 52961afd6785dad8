import { defineConfig } from 'vitest/config';

// For running the web tests on their own (`npx vitest run --root apps/web`); the root config has a "web" project
// with the same settings. Vitest requires a default export.
export default defineConfig({
  test: {
    name: 'web',
    root: import.meta.dirname,
    include: ['src/**/*.test.tsx'],
    environment: 'jsdom',
    setupFiles: ['./vitest.setup.ts'],
  },
});
