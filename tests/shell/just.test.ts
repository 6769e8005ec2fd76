import { describe, expect, it } from 'vitest'
import { Walker } from '../../src/analysis/walk.js'
import type { ShellSource } from '../../src/model/context.js'
import { formatSpan } from '../../src/model/span.js'
import { parseJustfile } from '../../src/shell/justfile.js'
import { LineIndex } from '../../src/util/line-index.js'
import { packageJson, projectOf } from '../helpers/project.js'

// `just X` from a workflow line: X's dependencies, its body lines (a shebang body as one script), then `&&` ones.
const JUSTFILE = [
  'set dotenv-load', // 1
  "seed_cmd := 'npx prisma db seed'", // 2
  'mod db', // 3
  'import "ops/extra.just"', // 4
  '', // 5
  '# the first recipe is the default', // 6
  'build:', // 7
  '    npm run build', // 8
  '', // 9
  'deploy env="staging": build', // 10
  '    @echo deploying {{env}}', // 11
  '    flyctl deploy --app shop-{{env}}', // 12
  '', // 13
  'release: deploy && fixtures', // 14
  '    npx prisma migrate deploy', // 15
  '', // 16
  'fixtures:', // 17
  '    -{{seed_cmd}}', // 18
  '', // 19
  'alias ship := release', // 20
  '', // 21
  'reset:', // 22
  '    #!/usr/bin/env bash', // 23
  '    set -euo pipefail', // 24
  '    npx prisma migrate reset --force', // 25
  '', // 26
  'py:', // 27
  '    #!/usr/bin/env python3', // 28
  "    print('npx prisma db seed')", // 29
  '', // 30
  'maybe target:', // 31
  '    just {{target}}', // 32
  '', // 33
  '[no-cd]', // 34
  'here:', // 35
  '    npm run seed', // 36
  '', // 37
  'rebuild:', // 38
  '  #!/bin/bash', // 39
  '  npx prisma migrate reset --force', // 40
  '  npm run build', // 41
].join('\n')
const MODULE = ['seed:', '    npx prisma db seed', '', 'migrate:', '    npx prisma migrate deploy'].join('\n')
const EXTRA = ['wipe:', '    npx prisma migrate reset --force'].join('\n')

function seedsOf(line: string, cwd = '.'): string[] {
  const project = projectOf({
    'package.json': packageJson({ name: 'app', scripts: { build: 'next build', seed: 'node prisma/seed.js' }, devDependencies: { prisma: '^6.0.0' }, prisma: { seed: 'node prisma/seed.js' } }),
    justfile: JUSTFILE,
    'db.just': MODULE,
    'ops/extra.just': EXTRA,
    'apps/web/package.json': packageJson({ name: 'web', scripts: { seed: 'knex seed:run' } }),
    'run.sh': line,
  })
  const source: ShellSource = { text: line, offsets: (i) => i, file: 'run.sh', shell: 'bash' }
  return new Walker(project).walkSource(source, cwd, {}).seeds.map((s) => `${s.command} @ ${formatSpan(s.primary)}`)
}

const t = (line: string, expected: string[], cwd?: string) => it(`${line}${cwd ? ` (in ${cwd})` : ''}`, () => expect(seedsOf(line, cwd)).toEqual(expected))

describe('just runner', () => {
  t('just', [])
  t('just deploy production', [])
  // release migrates, deploys, then runs fixtures after: the seed line is the place to fix
  t('just release', ['prisma db seed @ justfile:18:6'])
  t('just ship', ['prisma db seed @ justfile:18:6'])
  t('just fixtures', ['prisma db seed @ run.sh:1:1'])
  t('just db seed', ['prisma db seed @ run.sh:1:1'])
  t('just db::seed', ['prisma db seed @ run.sh:1:1'])
  t('just db migrate', [])
  t('just wipe', ['prisma migrate reset --force @ run.sh:1:1'])
  // a bash shebang body is one script (that only resets: the finding is the command); a Python one is not shell
  t('just reset', ['prisma migrate reset --force @ run.sh:1:1'])
  t('just py', [])
  t('just rebuild', ['prisma migrate reset --force @ justfile:40:3'])
  t('just maybe fixtures', ['prisma db seed @ run.sh:1:1'])
  t('just --dry-run release', [])
  t('just --list', [])
  t('just -f justfile release', ['prisma db seed @ justfile:18:6'])
  // just searches upwards; `[no-cd]` runs where just was run
  t('just release', ['prisma db seed @ justfile:18:6'], 'apps/web')
  t('just here', ['knex seed:run @ run.sh:1:1'], 'apps/web')
  t('just apps/web/', [])
})

describe('justfile grammar', () => {
  const parsed = parseJustfile(new LineIndex('justfile', JUSTFILE))
  it('reads recipes, parameters, dependencies and their places', () => {
    expect(parsed.defaultRecipe).toBe('build')
    const deploy = parsed.recipes.get('deploy')!
    expect(deploy.parameters).toEqual([{ name: 'env', variadic: false, hasDefault: true }])
    expect(deploy.before).toEqual([{ recipe: 'build', args: [] }])
    expect(parsed.recipes.get('release')!.after).toEqual([{ recipe: 'fixtures', args: [] }])
    expect(parsed.recipes.get('ship')).toBe(parsed.recipes.get('release'))
    expect(deploy.lines.map((l) => l.text)).toEqual(['echo deploying {{env}}', 'flyctl deploy --app shop-{{env}}'])
    expect(parsed.recipes.get('reset')!.shebang).toBe('/usr/bin/env bash')
    expect(parsed.recipes.get('here')!.attributes.has('no-cd')).toBe(true)
    expect(parsed.variables.get('seed_cmd')).toBe('npx prisma db seed')
    expect([...parsed.modules.keys()]).toEqual(['db'])
    expect(parsed.imports).toEqual(['ops/extra.just'])
  })
  it('reads dependencies with arguments and a working directory', () => {
    const other = parseJustfile(new LineIndex('justfile', "set working-directory := 'app'\n[working-directory: 'api']\nall: (deploy \"prod\") (deploy env)\n  true\n"))
    expect(other.workingDirectory).toBe('app')
    const all = other.recipes.get('all')!
    expect(all.before).toEqual([{ recipe: 'deploy', args: ['prod'] }, { recipe: 'deploy', args: undefined }])
    expect(all.attributes.get('working-directory')).toBe('api')
  })
})
