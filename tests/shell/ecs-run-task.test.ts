import { describe, expect, it } from 'vitest'
import { parseShellOnce } from '../../src/shell/parse.js'
import { ecsRunTask } from '../../src/shell/ecs-run-task.js'
import { projectOf } from '../helpers/project.js'

const OVERRIDE = JSON.stringify({ containerOverrides: [{ name: 'api', command: ['node', 'dist/seed.js'] }, { name: 'sidecar', environment: [] }] }, null, 2)
const project = projectOf({ 'ops/override.json': OVERRIDE, 'ops/broken.json': '{ "containerOverrides": [' })

function taskOf(line: string) {
  const lines = projectOf({ 'run.sh': line }).cache.get('run.sh')!
  const [command] = parseShellOnce({ text: line, offsets: (i) => i, file: 'run.sh', shell: 'bash' }, lines, '.').commands
  const task = ecsRunTask(command!.words, '.', project)
  return task && { commands: task.commands.map((c) => c.map((w) => w.value)), file: task.file, target: task.target.target, ...(task.unreadable && { unreadable: task.unreadable }) }
}

describe('aws ecs run-task', () => {
  it('reads the command overrides from the file it is given, relative to the working directory', () => {
    expect(taskOf('aws ecs run-task --cluster shop-prod --task-definition api --overrides file://ops/override.json')).toEqual({ commands: [['node', 'dist/seed.js']], file: 'ops/override.json', target: 'production' })
  })

  it('reads inline JSON, with the option written as one word', () => {
    const json = `'{"containerOverrides":[{"name":"api","command":["npx","prisma","db","seed"]}]}'`
    expect(taskOf(`aws --region eu-west-1 ecs run-task --cluster=shop-staging --overrides=${json}`)).toEqual({ commands: [['npx', 'prisma', 'db', 'seed']], file: undefined, target: 'not-production' })
  })

  it('leaves the cluster undecided when it is only known at run time', () => {
    expect(taskOf('aws ecs run-task --cluster "$CLUSTER" --overrides file://ops/override.json')?.target).toBe('unknown')
  })

  it('is no override without one, or with one only known at run time', () => {
    expect(taskOf('aws ecs run-task --cluster shop-prod --task-definition api')).toBeUndefined()
    expect(taskOf('aws ecs run-task --overrides "$OVERRIDES"')).toBeUndefined()
    expect(taskOf('aws ecs describe-tasks --tasks x')).toBeUndefined()
  })

  it('says why overrides it is given cannot be read', () => {
    expect(taskOf('aws ecs run-task --overrides file://ops/missing.json')?.unreadable).toBe('ops/missing.json is not in the repository')
    expect(taskOf('aws ecs run-task --overrides file://ops/broken.json')?.unreadable).toBe('ops/broken.json is not JSON')
  })
})
