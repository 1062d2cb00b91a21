import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    // Generous: a timeout is a hang detector, not a performance assertion. On a loaded 2-core CI
    // machine the heaviest tests (seed with images → export → reset → export) take 4-5x their idle time.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
