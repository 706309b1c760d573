import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 600_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['test/browser/**', '**/node_modules/**'],
          // Temporary folders go to one folder per run; a test that leaves one behind fails the run.
          globalSetup: ['test/tmp-guard.ts', 'test/system-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          // One demo build for every browser test file (see test/browser/global-setup.ts).
          globalSetup: ['test/browser/global-setup.ts'],
        },
      },
    ],
  },
});
