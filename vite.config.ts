import { defineConfig } from 'vitest/config';

// One config for the editor (vite) and the test suites (vitest).
export default defineConfig({
  root: '.',
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000, // a year run in beforeAll on a loaded 2-core machine
  },
});
