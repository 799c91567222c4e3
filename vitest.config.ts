import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/globalSetup.ts'],
    // Each test file gets its own database (a PGlite clone or a Postgres schema); files run in parallel.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
