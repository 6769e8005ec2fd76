import { describe, expect, it } from 'vitest'
import golangMigrate from '../../src/seeds/golang-migrate.js'
import { migratesOf, wipeConfidenceOf, wipeOf } from './table.js'

describe('golang-migrate wipes', () => {
  it.each([
    ['migrate -path db/migrations -database "$DATABASE_URL" drop -f', 'high'],
    ['migrate -database=postgres://db.example.com/app -path=/migrations drop -f', 'high'],
    ['migrate --path ./migrations --database "$DATABASE_URL" down -all', 'high'],
    ['go run -tags postgres github.com/golang-migrate/migrate/v4/cmd/migrate@v4.18.1 -path migrations -database "$DB" drop -f', 'high'],
    // it asks "[y/N]" on standard input: where nothing answers, it stops
    ['migrate -path db/migrations -database "$DATABASE_URL" drop', 'low'],
    ['migrate -path db/migrations -database "$DATABASE_URL" down', 'low'],
    // a count of migrations: what they drop depends on them
    ['migrate -path db/migrations -database "$DATABASE_URL" down 1', 'low'],
    ['migrate -path db/migrations -database "$DATABASE_URL" up', 'none'],
    ['migrate -path db/migrations -database "$DATABASE_URL" version', 'none'],
    // without -database it touches no database: some other program named migrate
    ['migrate down', 'none'],
    ['migrate drop -f', 'none'],
    ['./bin/migrate -database "$DATABASE_URL" down', 'low'],
  ])('%s → %s', (line, expected) => {
    expect(wipeConfidenceOf(golangMigrate, line)).toBe(expected)
  })

  it('says what answers the question', () => {
    expect(wipeOf(golangMigrate, 'migrate -database "$DATABASE_URL" drop')?.note).toContain('`-f`, a pipe or a terminal')
  })

  it.each([
    ['migrate -path db/migrations -database "$DATABASE_URL" up', true],
    ['migrate -path db/migrations -database "$DATABASE_URL" up 2', true],
    ['migrate -source file://migrations -database "$DATABASE_URL" goto 12', true],
    ['migrate up', false],
    ['migrate -path db/migrations -database "$DATABASE_URL" create -ext sql add_users', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(golangMigrate, line)).toBe(expected)
  })
})
