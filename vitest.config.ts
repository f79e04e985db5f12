import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Peers (moto, radosgw, aws CLI) are real processes: keep parallelism modest on 2 cores.
    maxWorkers: 2,
  },
});
