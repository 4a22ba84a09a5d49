import { defineConfig } from 'vitest/config';

export default defineConfig({
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
