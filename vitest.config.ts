import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Explicit include globs per project: Playwright specs under test/e2e must never be collected here.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'engine',
          environment: 'node',
          include: ['test/engine/**/*.test.ts'],
        },
      },
      {
        // The extension's pure parts (URL parsing, selectors against the saved Zoho pages, cache) in Node.
        test: {
          name: 'extension',
          environment: 'node',
          include: ['test/extension/**/*.test.ts'],
        },
      },
      {
        // Worker tests run inside workerd, with wrangler.toml's bindings; storage is isolated per test file.
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            // A fixed test key for connector secrets (never used outside tests).
            miniflare: { bindings: { SECRETS_KEY: 'dGllcmxlbnMtdGVzdC1zZWNyZXRzLWtleS0zMmJ5dGU=' } },
          }),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          setupFiles: ['test/worker/setup.ts'],
          testTimeout: 60_000,
        },
      },
      {
        // Node-side end-to-end: the worker under `wrangler dev` as `npm start` runs it, and the deploy bundle.
        test: {
          name: 'e2e-worker',
          environment: 'node',
          include: ['test/e2e-worker/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The Zoho CRM v8 simulator's conformance tests (a loopback HTTP server per file).
        test: {
          name: 'zoho-sim',
          environment: 'node',
          include: ['test/zoho-sim-tests/**/*.test.ts'],
        },
      },
      {
        // The Zoho connector against the simulator, in Node (a simulator per file, an in-memory connector store).
        test: {
          name: 'zoho-connector',
          environment: 'node',
          include: ['test/zoho-connector/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        // The Zoho path end to end: `npm run start:zoho` (the simulator and the worker under wrangler dev).
        test: {
          name: 'zoho-e2e',
          environment: 'node',
          include: ['test/zoho-connector/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The Fxiaoke (纷享销客) open API simulator's conformance tests (a loopback HTTP server per file).
        test: {
          name: 'fxiaoke-sim',
          environment: 'node',
          include: ['test/fxiaoke-sim-tests/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        // The Fxiaoke connector against the simulator, in Node (in-memory connector store and KV).
        test: {
          name: 'fxiaoke-connector',
          environment: 'node',
          include: ['test/fxiaoke-connector/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        // The Fxiaoke path end to end: `npm run start:fxiaoke` (the simulator and the worker under wrangler dev).
        test: {
          name: 'fxiaoke-e2e',
          environment: 'node',
          include: ['test/fxiaoke-connector/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
