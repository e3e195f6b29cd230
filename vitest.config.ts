import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // PGlite start-up and HNSW builds in WASM are slow on a 2-core machine; these are limits, not timings.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each test file owns its databases (a PGlite instance, a server database), so files run in parallel.
    pool: 'forks',
    globalSetup: ['test/helpers/global-setup.ts'],
    reporters: process.env.CI ? ['verbose'] : ['default'],
  },
});
