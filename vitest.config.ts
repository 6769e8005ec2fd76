import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // fixtures are repositories to check, and some hold test files of their own
    exclude: ['tests/fixtures/**', 'node_modules/**'],
    testTimeout: 30_000,
  },
})
