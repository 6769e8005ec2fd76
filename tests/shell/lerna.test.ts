import { describe, expect, it } from 'vitest'
import { Walker } from '../../src/analysis/walk.js'
import type { ShellSource } from '../../src/model/context.js'
import { formatSpan } from '../../src/model/span.js'
import { packageJson, projectOf } from '../helpers/project.js'

// `lerna run X` from a workflow line: the X script of each package lerna selects, with its chain.
const FILES = {
  'package.json': packageJson({ name: 'mono', private: true, workspaces: ['packages/*', 'tools/*'] }),
  'lerna.json': packageJson({ version: 'independent', packages: ['packages/*'] }),
  'packages/api/package.json': packageJson({ name: '@mono/api', scripts: { seed: 'knex seed:run', deploy: 'fly deploy', release: 'knex migrate:latest && knex seed:run' } }),
  'packages/web/package.json': packageJson({ name: '@mono/web', scripts: { seed: 'tsx prisma/seed.ts', build: 'next build' } }),
  'packages/docs/package.json': packageJson({ name: 'docs', scripts: { build: 'vitepress build' } }),
  // not in lerna.json `packages`: lerna never runs it, though it is a workspace
  'tools/ops/package.json': packageJson({ name: 'ops', scripts: { seed: 'rails db:seed' } }),
}

function walk(line: string, files: Record<string, string> = {}) {
  const project = projectOf({ ...FILES, 'run.sh': line, ...files })
  const source: ShellSource = { text: line, offsets: (i) => i, file: 'run.sh', shell: 'bash' }
  return new Walker(project).walkSource(source, '.', {})
}
const seedsOf = (line: string, files?: Record<string, string>) => walk(line, files).seeds.map((s) => `${s.command} @ ${formatSpan(s.primary)} via ${s.hops.map((h) => h.label).join(' → ')}`)
const t = (line: string, expected: string[], files?: Record<string, string>) => it(line, () => expect(seedsOf(line, files).map((s) => s.replace(/ via .*/, ''))).toEqual(expected))

describe('lerna runner', () => {
  t('npx lerna run seed --scope @mono/api', ['knex seed:run @ run.sh:1:1'])
  t('lerna run --scope=@mono/web seed', ['tsx prisma/seed.ts @ run.sh:1:1'])
  t('lerna run seed', ['knex seed:run @ run.sh:1:1', 'tsx prisma/seed.ts @ run.sh:1:1'])
  t("lerna run seed --ignore '@mono/*'", [])
  t("lerna run seed --scope '@mono/*' --ignore @mono/web", ['knex seed:run @ run.sh:1:1'])
  // a script that also migrates: the seed inside it is the place to fix
  t('lerna run release', ['knex seed:run @ packages/api/package.json:6:40'])
  t('lerna run build,seed --scope docs', [])
  t('lerna run build', [])
  t('lerna run deploy', [])
  t('lerna exec --scope @mono/api -- npx knex seed:run', ['knex seed:run @ run.sh:1:1'])
  t('lerna list', [])
  // without lerna.json `packages`, lerna uses the workspaces
  t('lerna run seed --scope ops', ['rails db:seed @ run.sh:1:1'], { 'lerna.json': '{ "version": "independent" }' })

  it('chains through the lerna command to the package script', () => {
    expect(seedsOf('lerna run seed --scope @mono/api')).toEqual(['knex seed:run @ run.sh:1:1 via `lerna run seed --scope @mono/api` → packages/api/package.json `seed` → `knex seed:run`'])
  })
})
