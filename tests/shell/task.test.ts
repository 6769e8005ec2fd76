import { describe, expect, it } from 'vitest'
import { Walker } from '../../src/analysis/walk.js'
import type { ShellSource } from '../../src/model/context.js'
import { formatSpan } from '../../src/model/span.js'
import { packageJson, projectOf } from '../helpers/project.js'

// `task X` from a workflow line: X's deps, then its cmds, `task:` references followed, includes namespaced.
const TASKFILE = [
  "version: '3'", // 1
  'includes:', // 2
  '  db: ./db', // 3
  '  tools:', // 4
  '    taskfile: ./tools/Taskfile.yml', // 5
  '    flatten: true', // 6
  'vars:', // 7
  '  SEED_CMD: npx prisma db seed', // 8
  'tasks:', // 9
  '  default:', // 10
  '    cmds:', // 11
  '      - task: build', // 12
  '  build: npm run build', // 13
  '  deploy:', // 14
  '    deps: [build]', // 15
  '    cmds:', // 16
  '      - task: db:migrate', // 17
  '      - fly deploy', // 18
  '  release:', // 19
  '    aliases: [ship]', // 20
  '    cmds:', // 21
  '      - task: deploy', // 22
  '      - task: db:seed', // 23
  '  seed-inline:', // 24
  '    cmd: "{{.SEED_CMD}}"', // 25
  '  dev:', // 26
  '    cmds:', // 27
  '      - task: db:seed', // 28
  '      - npm run dev', // 29
  '  reset: [npx prisma migrate reset --force]', // 30
].join('\n')
const DB_TASKFILE = ["version: '3'", 'tasks:', '  migrate: npx prisma migrate deploy', '  seed:', '    cmds:', '      - cmd: npx prisma db seed', '      - task: :build'].join('\n')
const TOOLS_TASKFILE = ["version: '3'", 'tasks:', '  wipe:', '    dir: ../db', '    cmds: [npx prisma migrate reset --force]'].join('\n')

function seedsOf(line: string, cwd = '.'): string[] {
  const project = projectOf({
    'package.json': packageJson({ name: 'app', scripts: { build: 'next build', dev: 'next dev' }, devDependencies: { prisma: '^6.0.0' }, prisma: { seed: 'node prisma/seed.js' } }),
    'Taskfile.yml': TASKFILE,
    'db/Taskfile.yml': DB_TASKFILE,
    'tools/Taskfile.yml': TOOLS_TASKFILE,
    'apps/web/index.js': '',
    'run.sh': line,
  })
  const source: ShellSource = { text: line, offsets: (i) => i, file: 'run.sh', shell: 'bash' }
  return new Walker(project).walkSource(source, cwd, {}).seeds.map((s) => `${s.command} @ ${formatSpan(s.primary)}`)
}

const t = (line: string, expected: string[], cwd?: string) => it(`${line}${cwd ? ` (in ${cwd})` : ''}`, () => expect(seedsOf(line, cwd)).toEqual(expected))

describe('task runner (Taskfile)', () => {
  t('task deploy', [])
  t('task', [])
  // release also deploys: the seed line of the included Taskfile is the place to fix
  t('task release', ['prisma db seed @ db/Taskfile.yml:6:14'])
  t('task ship', ['prisma db seed @ db/Taskfile.yml:6:14'])
  // db:seed also builds: the seed line is the place to fix
  t('task db:seed', ['prisma db seed @ db/Taskfile.yml:6:14'])
  t('task seed-inline', ['prisma db seed @ run.sh:1:1'])
  t('task reset', ['prisma migrate reset --force @ run.sh:1:1'])
  // flatten: the included file's tasks are named without a namespace
  t('task wipe', ['prisma migrate reset --force @ run.sh:1:1'])
  t('task --dry release', [])
  t('task --list', [])
  t('task -t Taskfile.yml release', ['prisma db seed @ db/Taskfile.yml:6:14'])
  // Task walks up to the parent's Taskfile, as git does
  t('task release', ['prisma db seed @ db/Taskfile.yml:6:14'], 'apps/web')
  t('task deploy dev', ['prisma db seed @ db/Taskfile.yml:6:14'])
})

describe('task runner: what cannot be followed is said', () => {
  const unresolved = (line: string) => {
    const project = projectOf({ 'Taskfile.yml': TASKFILE, 'db/Taskfile.yml': DB_TASKFILE, 'run.sh': line })
    return new Walker(project).walkSource({ text: line, offsets: (i) => i, file: 'run.sh', shell: 'bash' }, '.', {}).unresolved.map((u) => u.reason)
  }
  it('a task the Taskfile does not have', () => expect(unresolved('task publish')).toEqual(['Taskfile.yml has no task `publish`']))
  it('a task named at run time', () => expect(unresolved('task "$TARGET"')).toEqual(['task `$TARGET` is only known at run time']))
  it('no Taskfile: a plain command', () => {
    const project = projectOf({ 'run.sh': 'task deploy' })
    expect(new Walker(project).walkSource({ text: 'task deploy', offsets: (i) => i, file: 'run.sh', shell: 'bash' }, '.', {}).unresolved).toEqual([])
  })
})
