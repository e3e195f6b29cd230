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
    // In CI every test is listed by name ([pglite] ... / [server] ...) and counted in a JSON file
    // from which .ci/run prints a plain "N passed, N failed" line.
    reporters: process.env.CI ? ['verbose', 'json'] : ['default'],
    outputFile: { json: 'test-results.json' },
  },
});
