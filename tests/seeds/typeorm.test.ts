import { describe, expect, it } from 'vitest'
import typeorm from '../../src/seeds/typeorm.js'
import { confidenceOf, migratesOf, wipeConfidenceOf } from './table.js'

describe('typeorm', () => {
  it.each([
    ['typeorm-extension seed:run', 'high'],
    ['typeorm-extension seed run', 'high'],
    ['typeorm-extension seed', 'high'],
    ['typeorm-extension-esm seed:run -d src/data-source.ts', 'high'],
    ['typeorm-extension seed:run --name UserSeeder', 'high'],
    ['typeorm-seeding seed', 'high'],
    ['typeorm-seeding seed -d src/data-source.ts src/seeders/*.ts', 'high'],
    ['typeorm-seeding seed:run', 'high'],
    ['typeorm-seed up', 'high'],
    ['typeorm-extension seed:create --name UserSeeder', 'none'],
    ['typeorm-extension seed create', 'none'],
    ['typeorm-extension db:create', 'none'],
    ['typeorm-extension db drop', 'none'],
    ['typeorm-seeding config', 'none'],
    ['typeorm-seed down', 'none'],
    ['typeorm migration:run', 'none'],
    ['typeorm schema:sync', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(typeorm, line)).toBe(expected)
  })

  it.each([
    ['typeorm migration:run -d src/data-source.ts', true],
    ['typeorm-ts-node-commonjs migration:run -d src/data-source.ts', true],
    ['typeorm-ts-node-esm migration:run -d src/data-source.ts', true],
    ['typeorm schema:sync', true],
    ['typeorm migration:generate src/migrations/Init -d src/data-source.ts', false],
    ['typeorm migration:revert', false],
    ['typeorm-extension seed:run', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(typeorm, line)).toBe(expected)
  })
})

describe('typeorm wipes', () => {
  it.each([
    ['typeorm schema:drop -d dist/data-source.js', 'high'],
    ['typeorm-ts-node-commonjs schema:drop --dataSource src/data-source.ts', 'high'],
    // it loses data only where the entities dropped a column or table
    ['typeorm schema:sync -d dist/data-source.js', 'low'],
    ['typeorm migration:run -d dist/data-source.js', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(wipeConfidenceOf(typeorm, line)).toBe(expected)
  })
})
