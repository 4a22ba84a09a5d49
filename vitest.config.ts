import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Node resolves `graphql` from ES modules to its CommonJS build (no exports map); Vite would pick
  // the .mjs one for our sources, and the schema's types would then come from two copies.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One test file at a time: the latency and kill -9 tests measure timing on a 2-core machine,
    // and other files running beside them would make those measurements flaky.
    fileParallelism: false,
  },
});
