import { describe, expect, it } from 'vitest'
import sequelize from '../../src/seeds/sequelize.js'
import { confidenceOf, migratesOf, wipeConfidenceOf } from './table.js'

describe('sequelize', () => {
  it.each([
    ['sequelize db:seed:all', 'high'],
    ['sequelize-cli db:seed:all --env production', 'high'],
    ['sequelize-cli --seeders-path db/seeders db:seed:all', 'high'],
    ['sequelize db:seed --seed 20240101-demo-user.js', 'high'],
    ['sequelize-cli db:seed --seed=20240101-demo-user.js', 'high'],
    // seed_one.js's own example: the flag before the command
    ['sequelize --seed seedPerson.js db:seed', 'high'],
    ['sequelize db:seed', 'low'],
    ['sequelize db:seed:undo:all', 'none'],
    ['sequelize db:seed:undo --seed 20240101-demo-user.js', 'none'],
    ['sequelize seed:generate --name demo-user', 'none'],
    ['sequelize-cli seed:create --name demo-user', 'none'],
    ['sequelize db:migrate', 'none'],
    ['sequelize db:migrate:undo', 'none'],
    ['knex seed:run', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(sequelize, line)).toBe(expected)
  })

  it.each([
    ['sequelize db:migrate', true],
    ['sequelize-cli db:migrate --env production', true],
    ['sequelize db:migrate:undo', true],
    ['sequelize db:migrate:undo:all', true],
    ['sequelize db:migrate:status', false],
    ['sequelize db:seed:all', false],
    ['sequelize migration:generate --name x', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(sequelize, line)).toBe(expected)
  })
})

describe('sequelize wipes', () => {
  it.each([
    ['sequelize db:drop', 'high'],
    ['sequelize-cli db:migrate:undo:all --env production', 'high'],
    ['sequelize db:migrate:undo', 'none'],
    ['sequelize db:migrate', 'none'],
    // every seeder's down; what it deletes is the project's
    ['sequelize-cli db:seed:undo:all', 'medium'],
    ['sequelize db:seed:all', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(wipeConfidenceOf(sequelize, line)).toBe(expected)
  })
})
