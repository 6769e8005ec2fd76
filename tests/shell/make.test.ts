import { describe, expect, it } from 'vitest'
import { Walker } from '../../src/analysis/walk.js'
import type { ShellSource } from '../../src/model/context.js'
import { formatSpan } from '../../src/model/span.js'
import { packageJson, projectOf } from '../helpers/project.js'

// `make X` from a workflow line: the recipe of X, prerequisites first, each line a shell of its own.
const MAKEFILE = [
  'APP := api', // 1
  'SEED = npx prisma db seed', // 2
  '', // 3
  '.PHONY: deploy migrate seed all', // 4
  'all: build', // 5
  '', // 6
  'build:', // 7
  '\tnpm run build', // 8
  '', // 9
  'migrate:', // 10
  '\t@npx prisma migrate deploy', // 11
  '', // 12
  'seed:', // 13
  '\t-$(SEED)', // 14
  '', // 15
  'deploy: migrate seed', // 16
  '\t@echo deploying $(APP) && \\', // 17
  '\t  fly deploy', // 18
  '', // 19
  'reset: ; npx prisma migrate reset --force', // 20
  '', // 21
  'again:', // 22
  '\t$(MAKE) seed', // 23
  '', // 24
  'loop:', // 25
  '\t$(MAKE) loop', // 26
  '', // 27
  'quoted:', // 28
  "\techo 'npx prisma db seed' # $$HOME", // 29
].join('\n')

function seedsOf(line: string, files: Record<string, string> = {}): string[] {
  const project = projectOf({
    'package.json': packageJson({ name: 'app', scripts: { build: 'next build' }, devDependencies: { prisma: '^6.0.0' }, prisma: { seed: 'node prisma/seed.js' } }),
    Makefile: MAKEFILE,
    'run.sh': line,
    ...files,
  })
  const source: ShellSource = { text: line, offsets: (i) => i, file: 'run.sh', shell: 'bash' }
  return new Walker(project).walkSource(source, '.', {}).seeds.map((s) => `${s.command} @ ${formatSpan(s.primary)}`)
}

const t = (line: string, expected: string[], files?: Record<string, string>) => it(line, () => expect(seedsOf(line, files)).toEqual(expected))

describe('make runner', () => {
  // `make seed` does nothing but seed: the finding is the make command itself
  t('make seed', ['prisma db seed @ run.sh:1:1'])
  // deploy also migrates and deploys: the seed line of the recipe is the place to fix
  t('make deploy', ['prisma db seed @ Makefile:14:3'])
  t('make -s deploy APP=web', ['prisma db seed @ Makefile:14:3'])
  t('make reset', ['prisma migrate reset --force @ run.sh:1:1'])
  t('make again', ['prisma db seed @ run.sh:1:1'])
  t('make', [])
  t('make build', [])
  t('make quoted', [])
  t('make -n deploy', [])
  t('make -f ops/Makefile seed', ['knex seed:run @ run.sh:1:1'], { 'ops/Makefile': 'seed:\n\tknex seed:run\n' })
  t('make --file=ops/Makefile', ['knex seed:run @ run.sh:1:1'], { 'ops/Makefile': 'seed:\n\tknex seed:run\n' })
  t('make -f ops.mk deploy', ['knex seed:run @ seeds.mk:2:2'], { 'ops.mk': 'include seeds.mk\ndeploy: seed\n\tfly deploy\n' + 'x:\n', 'seeds.mk': 'seed:\n\tknex seed:run\n' })

  it('stops a recipe that calls its own target', () => {
    expect(seedsOf('make loop')).toEqual([])
  })

  it('reports a missing target as unresolved', () => {
    const project = projectOf({ Makefile: MAKEFILE, 'run.sh': 'make nope' })
    const source: ShellSource = { text: 'make nope', offsets: (i) => i, file: 'run.sh', shell: 'bash' }
    expect(new Walker(project).walkSource(source, '.', {}).unresolved.map((u) => u.reason)).toEqual(['Makefile has no target `nope`'])
  })
})
