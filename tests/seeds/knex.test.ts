import { describe, expect, it } from 'vitest'
import knex from '../../src/seeds/knex.js'
import { confidenceOf, migratesOf, seedOf, wipeConfidenceOf } from './table.js'

describe('knex', () => {
  it.each([
    ['knex seed:run', 'high'],
    ['knex seed:run --specific=01_users.js', 'high'],
    ['knex seed:run --specific 01_users.js', 'high'],
    ['knex --knexfile ./db/knexfile.ts seed:run', 'high'],
    ['knex seed:run --env production', 'high'],
    ['knex --env production --esm seed:run', 'high'],
    ['knex seed:make users', 'none'],
    ['knex migrate:latest', 'none'],
    ['knex migrate:make add_users', 'none'],
    ['knex init', 'none'],
    ['knex', 'none'],
    ['sequelize db:seed:all', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(knex, line)).toBe(expected)
  })

  it('says which seeds run', () => {
    expect(seedOf(knex, 'knex seed:run --specific=01_users.js')?.note).toContain('01_users.js')
    expect(seedOf(knex, 'knex seed:run')?.note).toMatch(/every seed file/)
  })

  it.each([
    ['knex migrate:latest', true],
    ['knex --env production migrate:latest', true],
    ['knex migrate:up', true],
    ['knex migrate:rollback --all', true],
    ['knex migrate:make add_users', false],
    ['knex migrate:status', false],
    ['knex seed:run', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(knex, line)).toBe(expected)
  })
})

describe('knex wipes', () => {
  it.each([
    ['knex migrate:rollback --all', 'high'],
    ['knex migrate:rollback --all --env production', 'high'],
    ['knex migrate:rollback', 'none'],
    ['knex migrate:latest', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(wipeConfidenceOf(knex, line)).toBe(expected)
  })
})
