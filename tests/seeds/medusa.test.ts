import { describe, expect, it } from 'vitest'
import medusa from '../../src/seeds/medusa.js'
import { confidenceOf, migratesOf } from './table.js'

describe('medusa', () => {
  it.each([
    ['medusa seed -f ./data/seed.json', 'high'],
    ['medusa seed --seed-file=data/seed.json', 'high'],
    ['medusa exec ./src/scripts/seed.ts', 'high'],
    ['medusa exec src/scripts/seed-products.ts', 'high'],
    ['medusa exec ./src/scripts/migrate-prices.ts', 'none'],
    ['medusa exec', 'none'],
    ['medusa develop', 'none'],
    ['medusa start', 'none'],
    ['medusa db:migrate', 'none'],
    ['medusa migrations run', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(medusa, line)).toBe(expected)
  })

  it.each([
    ['medusa migrations run', true],
    ['medusa db:migrate', true],
    ['medusa exec ./src/scripts/seed.ts', false],
    ['medusa start', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(medusa, line)).toBe(expected)
  })
})
