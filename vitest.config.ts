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
    ],
  },
});
