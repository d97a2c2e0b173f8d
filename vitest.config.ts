import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { CostFirstSequencer } from './scripts/cost-first-sequencer.js';

// One runner for the whole repository: unit tests beside the code, integration
// tests against the real HTTP API and database, and browser E2E tests in e2e/.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'bench/**/*.test.ts', 'e2e/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // Limits against hangs, not speed checks (those are benchmarks). Two workers share two cores, so a
    // setup that seeds the demo tenants and trains their models (the E2E files) takes up to twice as long.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Vitest's default for `run` is one worker fewer than the CPUs: ONE on the 2-core CI machine,
    // which left a core idle while a test waited on PostgreSQL, Chromium or a timer. Test files are
    // independent (own PGlite, own PostgreSQL schema, fresh tenant slugs and Redis keys), so use every CPU.
    maxWorkers: Math.max(2, availableParallelism()),
    sequence: { sequencer: CostFirstSequencer },
    // Trained NLU models are shared by every app the suite starts (test-support/disk-model-cache.ts).
    setupFiles: ['packages/server/src/test-support/nlu-model-cache-setup.ts'],
    // The browser tests copy one seeded demo data directory per run (e2e/copy-seeded-demo.ts).
    globalSetup: ['e2e/e2e-run-dir-setup.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
