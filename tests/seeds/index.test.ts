import { describe, expect, it } from 'vitest'
import { matchMigration, matchSeed } from '../../src/seeds/index.js'
import { projectOf } from '../helpers/project.js'
import { leafOf } from './table.js'

const project = projectOf({ 'scripts/populate.ts': "import { seed } from 'drizzle-seed'\n" })

describe('matchSeed', () => {
  it.each([
    ['prisma db seed', 'prisma'],
    ['rw exec seed', 'redwood'],
    ['knex seed:run', 'knex'],
    ['tsx prisma/seed.ts', 'seed-file'],
    // the drizzle-seed import says more than the file name
    ['tsx scripts/populate.ts', 'drizzle'],
    ['bundle exec rails db:seed', 'rails'],
    ['node server.js', undefined],
    ['prisma migrate deploy', undefined],
  ])('%s → %s', (line, id) => {
    expect(matchSeed(leafOf(line), project)?.tool.id).toBe(id)
  })

  it('returns the match with the tool', () => {
    expect(matchSeed(leafOf('php artisan db:seed --force'), project)).toMatchObject({ tool: { id: 'laravel' }, match: { confidence: 'high' } })
  })
})

describe('matchMigration', () => {
  it.each([
    ['prisma migrate deploy', 'prisma'],
    ['rw prisma migrate deploy', 'redwood'],
    ['knex migrate:latest', 'knex'],
    ['drizzle-kit push', 'drizzle'],
    ['php artisan migrate --force', 'laravel'],
    ['mix ecto.migrate', 'ecto'],
    ['node server.js', undefined],
    ['prisma db seed', undefined],
  ])('%s → %s', (line, id) => {
    expect(matchMigration(leafOf(line), project)?.id).toBe(id)
  })
})
