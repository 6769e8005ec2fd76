import { describe, expect, it } from 'vitest'
import goose from '../../src/seeds/goose.js'
import { migratesOf, wipeConfidenceOf, wipeOf } from './table.js'

describe('goose wipes', () => {
  it.each([
    ['goose postgres "$DATABASE_URL" reset', 'high'],
    ['goose -dir db/migrations postgres "$DATABASE_URL" reset', 'high'],
    ['goose --dir=db/migrations -v postgres "$DATABASE_URL" reset', 'high'],
    // GOOSE_DRIVER and GOOSE_DBSTRING name the database
    ['GOOSE_DRIVER=postgres goose reset', 'high'],
    ['goose postgres "$DATABASE_URL" down-to 0', 'high'],
    ['/usr/local/bin/goose -dir /migrations mysql "$DSN" reset', 'high'],
    ['go run github.com/pressly/goose/v3/cmd/goose@v3.22.1 -dir migrations postgres "$DB" reset', 'high'],
    ['go run -tags no_mysql github.com/pressly/goose/v3/cmd/goose postgres "$DB" reset', 'high'],
    // the newest migrations only: what they drop depends on them
    ['goose postgres "$DATABASE_URL" down', 'low'],
    ['goose postgres "$DATABASE_URL" down-to 20240101000000', 'low'],
    ['goose postgres "$DATABASE_URL" redo', 'low'],
    ['goose postgres "$DATABASE_URL" up', 'none'],
    ['goose postgres "$DATABASE_URL" status', 'none'],
    // a migration named reset is created, not run
    ['goose -dir db create reset sql', 'none'],
    ['go run ./cmd/goose reset', 'none'],
    ['gosec ./...', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(wipeConfidenceOf(goose, line)).toBe(expected)
  })

  it('says what a reset destroys', () => {
    expect(wipeOf(goose, 'goose sqlite3 ./app.db reset')?.note).toContain('rolls back every migration')
  })

  it.each([
    ['goose postgres "$DATABASE_URL" up', true],
    ['goose -dir migrations postgres "$DATABASE_URL" up-to 42', true],
    ['goose up-by-one', true],
    ['go run github.com/pressly/goose/v3/cmd/goose@latest up', true],
    ['goose postgres "$DATABASE_URL" status', false],
    ['goose create add_users sql', false],
    ['goose postgres "$DATABASE_URL" reset', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(goose, line)).toBe(expected)
  })
})
