import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    reporters: ['default', './tools/summary-reporter.ts'],
    testTimeout: 60_000,
  },
});
