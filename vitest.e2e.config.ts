import { defineConfig } from 'vitest/config'

// End-to-end tests in a real headless Chromium (`npm run test:e2e`, after `npm run build`); kept out of
// `npm test` because they need Debian's chromium (scripts/install-chromium.sh).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
})
