import { describe, expect, it } from 'vitest'
import mikroOrm from '../../src/seeds/mikro-orm.js'
import { confidenceOf, migratesOf, seedOf } from './table.js'

describe('mikro-orm', () => {
  it.each([
    ['mikro-orm seeder:run', 'high'],
    ['mikro-orm seeder:run --class=UserSeeder', 'high'],
    ['mikro-orm seeder:run -c UserSeeder', 'high'],
    ['mikro-orm-esm seeder:run', 'high'],
    ['mikro-orm migration:fresh --seed', 'high'],
    ['mikro-orm schema:fresh --run --seed=TestSeeder', 'high'],
    ['mikro-orm --config ./mikro-orm.prod.ts migration:fresh --seed', 'high'],
    ['mikro-orm migration:fresh', 'none'],
    ['mikro-orm schema:fresh --run', 'none'],
    ['mikro-orm seeder:create UserSeeder', 'none'],
    ['mikro-orm migration:up', 'none'],
    ['mikro-orm schema:update --run', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(mikroOrm, line)).toBe(expected)
  })

  it('notes that fresh drops the schema', () => {
    expect(seedOf(mikroOrm, 'mikro-orm migration:fresh --seed')?.note).toMatch(/drops the schema/)
  })

  it.each([
    ['mikro-orm migration:up', true],
    ['mikro-orm schema:update --run', true],
    ['mikro-orm schema:update --dump', false],
    ['mikro-orm migration:create', false],
    ['mikro-orm seeder:run', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(mikroOrm, line)).toBe(expected)
  })
})
