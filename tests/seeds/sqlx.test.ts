import { describe, expect, it } from 'vitest'
import sqlx from '../../src/seeds/sqlx.js'
import { migratesOf, wipeConfidenceOf, wipeOf } from './table.js'

describe('sqlx wipes', () => {
  it.each([
    ['sqlx database reset -y', 'high'],
    ['sqlx db reset -y --source db/migrations', 'high'],
    ['sqlx database drop -y -D "$DATABASE_URL"', 'high'],
    ['cargo sqlx database reset -y', 'high'],
    ['sqlx migrate revert --target-version 0', 'high'],
    // it asks "Drop database at …?" on a terminal and fails without one
    ['sqlx database reset', 'low'],
    ['sqlx db drop', 'low'],
    // the newest migration only
    ['sqlx migrate revert', 'low'],
    ['sqlx mig revert --target-version 20240101000000', 'low'],
    ['sqlx migrate run', 'none'],
    ['sqlx database create', 'none'],
    ['sqlx database setup', 'none'],
    ['sqlx prepare --check', 'none'],
    ['cargo run -- database reset -y', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(wipeConfidenceOf(sqlx, line)).toBe(expected)
  })

  it('says what answers the question', () => {
    expect(wipeOf(sqlx, 'sqlx database reset')?.note).toContain('`-y` or a terminal')
  })

  it.each([
    ['sqlx migrate run', true],
    ['sqlx migrate run --source db/migrations -D "$DATABASE_URL"', true],
    ['cargo sqlx migrate run', true],
    ['sqlx database setup', true],
    ['sqlx migrate run --dry-run', false],
    ['sqlx migrate info', false],
    ['sqlx migrate add create_users', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(sqlx, line)).toBe(expected)
  })

  it('reads the database of -D as DATABASE_URL', () => {
    expect(sqlx.connection?.({ argv: ['sqlx', 'migrate', 'run', '-D', 'postgres://localhost/app'], env: {}, cwd: '.' })).toEqual({ DATABASE_URL: 'postgres://localhost/app' })
  })
})
