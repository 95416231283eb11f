import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the extension in Debian's Chromium (see test/e2e/global-setup.ts for
 * what runs around it). One worker: each test launches its own browser profile, and the
 * machine has two cores.
 */
export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? 'list' : [['list']],
  outputDir: 'test-results/playwright',
  use: { trace: 'off', screenshot: 'off' },
});
