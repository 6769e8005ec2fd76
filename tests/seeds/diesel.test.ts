import { describe, expect, it } from 'vitest'
import diesel from '../../src/seeds/diesel.js'
import { migratesOf, wipeConfidenceOf } from './table.js'

describe('diesel wipes', () => {
  it.each([
    ['diesel database reset', 'high'],
    ['diesel db reset --database-url "$DATABASE_URL"', 'high'],
    ['diesel --migration-dir db/migrations database reset', 'high'],
    ['diesel database drop', 'high'],
    ['diesel migration revert --all', 'high'],
    ['diesel migration redo -a', 'high'],
    // the newest migration only: what it drops depends on it
    ['diesel migration redo', 'low'],
    ['diesel migration revert', 'low'],
    ['diesel migration revert -n 2', 'low'],
    ['diesel migration run', 'none'],
    ['diesel setup', 'none'],
    ['diesel migration generate reset', 'none'],
    ['diesel print-schema', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(wipeConfidenceOf(diesel, line)).toBe(expected)
  })

  it.each([
    ['diesel migration run', true],
    ['diesel migration run --database-url "$DATABASE_URL" --locked-schema', true],
    ['diesel setup', true],
    ['diesel database setup', true],
    ['diesel migration list', false],
    ['diesel database reset', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(diesel, line)).toBe(expected)
  })
})
