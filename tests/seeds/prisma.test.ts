import { describe, expect, it } from 'vitest'
import prisma from '../../src/seeds/prisma.js'
import { packageJson, projectOf, projectWithFacts } from '../helpers/project.js'
import { confidenceOf, migratesOf, seedOf, wipeConfidenceOf } from './table.js'

const prisma6 = projectOf({
  'package.json': packageJson({ devDependencies: { prisma: '^6.19.0' }, prisma: { seed: 'tsx prisma/seed.ts' } }),
})
const prisma7 = projectOf({ 'package.json': packageJson({ devDependencies: { prisma: '^7.0.0' } }) })
const CONFIG = `import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    seed: 'tsx prisma/seed.ts',
  },
})
`
const prisma7Config = await projectWithFacts({
  'package.json': packageJson({ devDependencies: { prisma: '^7.0.0' } }),
  'prisma.config.ts': CONFIG,
})
const unknownVersion = projectOf({ 'package.json': packageJson({ name: 'app', prisma: { seed: 'node prisma/seed.js' } }) })

describe('prisma 6', () => {
  it.each([
    ['prisma db seed', 'high'],
    ['prisma db seed -- --environment production', 'high'],
    ['prisma migrate reset --force', 'high'],
    ['prisma migrate reset -f --schema prisma/schema.prisma', 'high'],
    ['PRISMA_MIGRATE_SKIP_SEED= prisma migrate reset --force', 'high'],
    ['prisma migrate dev', 'medium'],
    ['prisma migrate dev --name init', 'medium'],
    // a non-interactive reset without --force throws before doing anything
    ['prisma migrate reset', 'none'],
    ['prisma migrate reset --force --skip-seed', 'none'],
    ['PRISMA_MIGRATE_SKIP_SEED=1 prisma migrate reset --force', 'none'],
    ['prisma migrate dev --skip-seed', 'none'],
    ['PRISMA_MIGRATE_SKIP_SEED=true prisma migrate dev', 'none'],
    ['prisma migrate dev --create-only', 'none'],
    ['prisma migrate deploy', 'none'],
    ['prisma migrate status', 'none'],
    ['prisma generate', 'none'],
    ['prisma db push', 'none'],
    ['prisma db pull', 'none'],
    ['prisma db execute --file seed.sql', 'none'],
    ['prisma studio', 'none'],
    ['prisma', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(prisma, line, prisma6)).toBe(expected)
  })

  it('follows package.json prisma.seed', () => {
    const match = seedOf(prisma, 'prisma db seed', prisma6)
    expect(match?.runs?.name).toBe('prisma.seed')
    expect(match?.runs?.source.text).toBe('tsx prisma/seed.ts')
    expect(match?.runs?.span.file).toBe('package.json')
    expect(seedOf(prisma, 'prisma migrate reset --force', prisma6)?.runs?.source.text).toBe('tsx prisma/seed.ts')
  })

  it('explains the condition of migrate dev', () => {
    expect(seedOf(prisma, 'prisma migrate dev', prisma6)?.note).toMatch(/creates the database/)
  })

  it('prefers prisma.config.ts migrations.seed over package.json', async () => {
    const project = await projectWithFacts({
      'package.json': packageJson({ devDependencies: { prisma: '6.19.0' }, prisma: { seed: 'node old-seed.js' } }),
      'prisma.config.ts': CONFIG,
    })
    expect(seedOf(prisma, 'prisma db seed', project)?.runs?.source.text).toBe('tsx prisma/seed.ts')
  })
})

describe('prisma 7', () => {
  it.each([
    ['prisma db seed', 'medium'],
    // the seed step is gone from reset and dev in 7.0
    ['prisma migrate reset --force', 'none'],
    ['prisma migrate dev', 'none'],
    ['prisma migrate deploy', 'none'],
  ])('%s without a readable config → %s', (line, expected) => {
    expect(confidenceOf(prisma, line, prisma7)).toBe(expected)
  })

  it('says why db seed is only medium', () => {
    expect(seedOf(prisma, 'prisma db seed', prisma7)?.note).toMatch(/prisma\.config\.ts `migrations\.seed`/)
  })

  it.each([
    ['prisma db seed', 'high'],
    ['prisma migrate reset --force', 'none'],
    ['prisma migrate dev', 'none'],
  ])('%s with migrations.seed in prisma.config.ts → %s', (line, expected) => {
    expect(confidenceOf(prisma, line, prisma7Config)).toBe(expected)
  })

  it('points runs at the seed string inside prisma.config.ts', () => {
    const runs = seedOf(prisma, 'prisma db seed', prisma7Config)?.runs
    expect(runs?.source.text).toBe('tsx prisma/seed.ts')
    expect(runs?.span.file).toBe('prisma.config.ts')
    expect(runs?.span.start).toMatchObject({ line: 7, column: 11 })
    expect(runs?.span.end).toMatchObject({ line: 7, column: 31 })
    const start = runs!.source.offsets(0)
    expect(CONFIG.slice(start, start + runs!.source.text.length)).toBe('tsx prisma/seed.ts')
  })

  it('ignores package.json prisma.seed, which Prisma 7 no longer reads', () => {
    const project = projectOf({ 'package.json': packageJson({ devDependencies: { prisma: '^7.0.0' }, prisma: { seed: 'tsx prisma/seed.ts' } }) })
    expect(seedOf(prisma, 'prisma db seed', project)).toMatchObject({ confidence: 'medium' })
    expect(seedOf(prisma, 'prisma db seed', project)?.runs).toBeUndefined()
  })

  it('does not read a top-level seed key', async () => {
    const project = await projectWithFacts({
      'package.json': packageJson({ devDependencies: { prisma: '^7.0.0' } }),
      'prisma.config.ts': "export default defineConfig({ seed: 'tsx prisma/seed.ts' })\n",
    })
    expect(confidenceOf(prisma, 'prisma db seed', project)).toBe('medium')
  })

  it('reads the config named by --config and under .config/', async () => {
    const named = await projectWithFacts({ 'package.json': packageJson({ devDependencies: { prisma: '7.2.0' } }), 'config/prisma.ts': CONFIG })
    expect(confidenceOf(prisma, 'prisma db seed --config config/prisma.ts', named)).toBe('high')
    const dotConfig = await projectWithFacts({ 'package.json': packageJson({ devDependencies: { prisma: '7.2.0' } }), '.config/prisma.ts': CONFIG })
    expect(confidenceOf(prisma, 'prisma db seed', dotConfig)).toBe('high')
  })

  it('takes the version from @prisma/client and from the package of the working directory', () => {
    const client = projectOf({ 'package.json': packageJson({ dependencies: { '@prisma/client': '7.1.0' } }) })
    expect(confidenceOf(prisma, 'prisma migrate reset --force', client)).toBe('none')
    const monorepo = projectOf({
      'package.json': packageJson({ workspaces: ['packages/*'], prisma: { seed: 'node seed.js' } }),
      'packages/db/package.json': packageJson({ devDependencies: { prisma: '^7.0.0' } }),
    })
    expect(confidenceOf(prisma, 'prisma migrate reset --force', monorepo, 'packages/db')).toBe('none')
    expect(confidenceOf(prisma, 'prisma migrate reset --force', monorepo, '.')).toBe('high')
  })

  it('takes a version pinned on the command line', () => {
    const seven = projectOf({ 'package.json': packageJson({ devDependencies: { prisma: '^7.0.0' }, prisma: { seed: 'node prisma/seed.js' } }) })
    expect(confidenceOf(prisma, 'prisma@6.19.0 migrate reset --force', seven)).toBe('high')
    expect(confidenceOf(prisma, 'prisma@7 migrate reset --force', prisma6)).toBe('none')
  })
})

describe('prisma 6 and older without a seed command', () => {
  // no `prisma.seed` and no prisma.config.*: `db seed` prints a hint and returns, `migrate dev`/`reset` skip the step
  const unconfigured = projectOf({ 'package.json': packageJson({ devDependencies: { prisma: '^5.22.0' } }), 'prisma/seed.ts': 'main()\n' })
  it.each(['prisma db seed', 'prisma migrate dev', 'prisma migrate reset --force'])('%s seeds nothing', (line) => {
    expect(confidenceOf(prisma, line, unconfigured)).toBe('none')
  })
  it('a prisma.config.ts seedguard cannot read may hold one', () => {
    const withConfig = projectOf({ 'package.json': packageJson({ devDependencies: { prisma: '^6.16.0' } }), 'prisma.config.ts': 'export default {}\n' })
    expect(confidenceOf(prisma, 'prisma migrate reset --force', withConfig)).toBe('high')
  })
})

describe('prisma, version not declared', () => {
  it('assumes 6 or older and says so', () => {
    const match = seedOf(prisma, 'prisma migrate reset --force', unknownVersion)
    expect(match?.confidence).toBe('high')
    expect(match?.note).toMatch(/assumed 6 or older/)
    expect(seedOf(prisma, 'prisma db seed', unknownVersion)?.note).toMatch(/assumed 6 or older/)
  })
})

describe('prisma migrates', () => {
  it.each([
    ['prisma migrate deploy', true],
    ['prisma db push', true],
    ['prisma db push --accept-data-loss', true],
    ['prisma migrate deploy --schema ./db/schema.prisma', true],
    ['prisma db seed', false],
    ['prisma migrate dev', false],
    ['prisma generate', false],
    ['knex migrate:latest', false],
  ])('%s → %s', (line, expected) => {
    expect(migratesOf(prisma, line)).toBe(expected)
  })
})

describe('prisma wipes', () => {
  it.each([
    // every version drops the database on a forced reset, whether or not it seeds afterwards
    ['prisma migrate reset --force', prisma6, 'high'],
    ['prisma migrate reset --force', prisma7, 'high'],
    ['prisma migrate reset -f --skip-seed', prisma6, 'high'],
    ['prisma db push --force-reset', prisma6, 'high'],
    ['prisma@5.22.0 db push --accept-data-loss', prisma6, 'low'],
    // a non-interactive reset without --force throws before dropping anything
    ['prisma migrate reset', prisma6, 'none'],
    ['prisma db push', prisma6, 'none'],
    ['prisma migrate deploy', prisma6, 'none'],
    ['prisma db seed', prisma6, 'none'],
  ])('%s', (line, project, expected) => {
    expect(wipeConfidenceOf(prisma, line, project)).toBe(expected)
  })
})
