import { describe, expect, it } from 'vitest'
import { Walker } from '../../src/analysis/walk.js'
import type { ShellSource } from '../../src/model/context.js'
import { formatSpan } from '../../src/model/span.js'
import { packageJson, projectOf } from '../helpers/project.js'

// `nx …` from a workflow line: the project.json target's commands, or the inferred package.json script.
const API_PROJECT = packageJson({
  name: 'api',
  targets: {
    migrate: { executor: 'nx:run-commands', options: { command: 'prisma migrate deploy', cwd: 'apps/api' } },
    seed: { executor: 'nx:run-commands', options: { command: 'tsx prisma/seed.ts', cwd: 'apps/api' } },
    release: { executor: 'nx:run-commands', options: { commands: ['prisma migrate deploy', { command: 'tsx prisma/seed.ts' }], parallel: false } },
    deploy: { executor: 'nx:run-commands', dependsOn: ['seed'], options: { command: 'fly deploy' } },
    build: { executor: '@nx/js:tsc', options: { main: 'apps/api/src/main.ts' } },
    reset: { executor: 'nx:run-script', options: { script: 'db:reset' } },
  },
})
const FILES = {
  'package.json': packageJson({ name: 'mono', private: true, workspaces: ['apps/*', 'libs/*'], devDependencies: { nx: '19.0.0' } }),
  'nx.json': '{}',
  'apps/api/project.json': API_PROJECT,
  'apps/api/package.json': packageJson({ name: '@mono/api', scripts: { 'db:reset': 'prisma migrate reset --force' }, prisma: { seed: 'tsx prisma/seed.ts' } }),
  // a package-based project: its scripts are its targets
  'apps/worker/package.json': packageJson({ name: '@mono/worker', scripts: { seed: 'knex seed:run', build: 'tsc' } }),
  'libs/ui/package.json': packageJson({ name: '@mono/ui', scripts: { build: 'vite build' } }),
}

function walk(line: string, cwd = '.') {
  const project = projectOf({ ...FILES, 'run.sh': line })
  const source: ShellSource = { text: line, offsets: (i) => i, file: 'run.sh', shell: 'bash' }
  return new Walker(project).walkSource(source, cwd, {})
}
const seedsOf = (line: string, cwd?: string) => walk(line, cwd).seeds.map((s) => `${s.command} @ ${formatSpan(s.primary)}`)
const t = (line: string, expected: string[], cwd?: string) => it(line, () => expect(seedsOf(line, cwd)).toEqual(expected))

describe('nx runner', () => {
  t('npx nx run api:seed', ['tsx prisma/seed.ts @ run.sh:1:1'])
  t('nx api:seed', ['tsx prisma/seed.ts @ run.sh:1:1'])
  t('nx seed api', ['tsx prisma/seed.ts @ run.sh:1:1'])
  t('nx run api:seed:production', ['tsx prisma/seed.ts @ run.sh:1:1'])
  // release also migrates: the seed command in project.json is the place to fix
  t('nx run api:release', ['tsx prisma/seed.ts @ apps/api/project.json:24:25'])
  t('nx run api:deploy', ['tsx prisma/seed.ts @ apps/api/project.json:14:21'])
  t('nx run api:reset', ['prisma migrate reset --force @ run.sh:1:1'])
  t('nx run @mono/worker:seed', ['knex seed:run @ run.sh:1:1'])
  t('nx seed worker', ['knex seed:run @ run.sh:1:1'])
  t('nx seed', ['knex seed:run @ run.sh:1:1'], 'apps/worker')
  t('nx run-many -t seed', ['tsx prisma/seed.ts @ run.sh:1:1', 'knex seed:run @ run.sh:1:1'])
  t('nx run-many --target=seed --projects=@mono/worker', ['knex seed:run @ run.sh:1:1'])
  t("nx run-many -t build,seed -p 'libs/*'", [])
  t('nx run-many -t seed --exclude api', ['knex seed:run @ run.sh:1:1'])
  t('nx affected -t seed --base=origin/main', ['tsx prisma/seed.ts @ run.sh:1:1', 'knex seed:run @ run.sh:1:1'])
  t('nx run api:build', [])
  t('nx run api:migrate', [])
  t('nx run-many -t build', [])
  t('nx graph', [])

  it('chains through the nx command and the project.json target', () => {
    const [seed] = walk('nx run api:seed').seeds
    expect(seed!.hops.map((h) => `${h.label} @ ${formatSpan(h.span)}`)).toEqual([
      '`nx run api:seed` @ run.sh:1:1',
      'apps/api/project.json target `seed` @ apps/api/project.json:14:21',
      '`tsx prisma/seed.ts` @ apps/api/project.json:14:21',
    ])
  })

  it.each([
    ['nx run api:sed', 'Nx project `api` has no target `sed`'],
    ['nx run web:seed', 'no Nx project `web`'],
    ['nx run $APP:seed', 'Nx target `run $APP:seed` is only known at run time'],
  ])('%s is unresolved', (line, reason) => {
    expect(walk(line).unresolved.map((u) => u.reason)).toEqual([reason])
  })
})
