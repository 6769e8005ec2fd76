import { describe, expect, it } from 'vitest'
import adonis from '../../src/seeds/adonis.js'
import { confidenceOf, migratesOf, wipeConfidenceOf } from './table.js'

describe('adonis', () => {
  it.each([
    ['node ace db:seed', 'high'],
    ['node ace db:seed --files ./database/seeders/user_seeder.ts', 'high'],
    ['node ace db:seed -i', 'high'],
    ['node ace migration:fresh --seed', 'high'],
    ['node ace migration:refresh --seed', 'high'],
    ['node build/ace.js db:seed', 'high'],
    ['./ace db:seed', 'high'],
    ['NODE_ENV=production node ace db:seed', 'high'],
    ['NODE_ENV=production node ace migration:fresh --seed --force', 'high'],
    // migration:* asks for --force in production
    ['NODE_ENV=production node ace migration:fresh --seed', 'low'],
    ['node ace migration:run', 'none'],
    ['node ace migration:fresh', 'none'],
    ['node ace migration:refresh', 'none'],
    ['node ace make:seeder User', 'none'],
    ['node ace db:truncate', 'none'],
    ['node ace serve --watch', 'none'],
    ['node server.js', 'none'],
    ['node ace', 'none'],
    // AdonisJS 4: `seed`, `migration:run --seed`; refused where NODE_ENV is production unless forced
    ['adonis seed --force', 'high'],
    ['node ace seed -f', 'high'],
    ['NODE_ENV=production adonis seed --force', 'high'],
    ['NODE_ENV=production adonis migration:run --seed --force', 'high'],
    ['NODE_ENV=staging adonis seed', 'high'],
    ['adonis seed', 'low'],
    ['adonis migration:refresh --seed', 'low'],
    ['NODE_ENV=production adonis seed', 'none'],
    ['NODE_ENV=production node ace migration:run --seed', 'none'],
    ['adonis migration:run', 'none'],
    ['adonis serve --dev', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(adonis, line)).toBe(expected)
  })

  it.each([
    ['node ace migration:run', true],
    ['node ace migration:run --force', true],
    ['node build/ace.js migration:run --force', true],
    ['node ace db:seed', false],
    ['node ace migration:rollback', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(adonis, line)).toBe(expected)
  })

  it.each([
    ['node ace migration:refresh --force', 'high'],
    ['node ace migration:fresh', 'high'],
    ['node build/ace.js migration:reset', 'high'],
    ['node ace db:wipe', 'high'],
    ['node ace db:truncate', 'high'],
    ['node ace migration:rollback --batch=0', 'high'],
    ['node ace migration:rollback --batch 0', 'high'],
    ['NODE_ENV=production node ace db:wipe --force', 'high'],
    // in production without --force Lucid asks, and no terminal means no
    ['NODE_ENV=production node ace migration:refresh', 'low'],
    ['NODE_ENV=production node ace db:truncate', 'low'],
    ['node ace migration:rollback', 'none'],
    ['node ace migration:rollback --batch=2', 'none'],
    ['node ace migration:run --force', 'none'],
    ['node ace db:seed', 'none'],
  ])('wipes: %s → %s', (line, expected) => {
    expect(wipeConfidenceOf(adonis, line)).toBe(expected)
  })
})
