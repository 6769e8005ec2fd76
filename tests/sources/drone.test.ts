import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { ExecutionContext } from '../../src/model/context.js'
import { decideProduction } from '../../src/production/decision.js'
import { conditionGate, droneScenarios } from '../../src/sources/drone/conditions.js'
import drone from '../../src/sources/drone/reader.js'
import { parseYaml, YamlView } from '../../src/util/yaml.js'
import { LineIndex } from '../../src/util/line-index.js'
import { deploymentsOf, projectOf } from '../helpers/project.js'

function read(yaml: string): { contexts: ExecutionContext[]; problems: string[] } {
  const project = projectOf({ '.drone.yml': yaml })
  const result = drone.read('.drone.yml', project, DEFAULT_CONFIG, deploymentsOf(project))
  return { contexts: result.contexts, problems: result.problems.map((p) => `${p.span.start.line} ${p.rule}`) }
}

const scenarios = droneScenarios([{ branch: 'main', kind: 'default' }])
const kinds = ['pushes to `main`', 'tags', 'promotions to a production target', 'promotions to other targets', 'pull requests', 'other branches']
/** a `when:` map's outcome in each kind of build, in the order of `kinds` */
function outcomes(when: string): string[] {
  const text = `when:\n${when}\n`
  const view = new YamlView(parseYaml(text).doc, new LineIndex('.drone.yml', text))
  const gate = conditionGate(view, view.get(view.root, 'when'), DEFAULT_CONFIG, 'when')
  return kinds.map((k) => gate.outcome(scenarios.find((s) => s.describe === k)!).outcome)
}
const verdict = (context: ExecutionContext) => decideProduction(context.reasons).verdict

describe('Drone: conditions', () => {
  it.each([
    ['  branch: [main]', ['yes', 'no', 'yes', 'yes', 'yes', 'no']],
    ['  branch: [main]\n  event: [push]', ['yes', 'no', 'no', 'no', 'no', 'no']],
    ['  branch:\n    exclude: [main]', ['no', 'yes', 'no', 'no', 'no', 'yes']],
    ['  event: tag', ['no', 'yes', 'no', 'no', 'no', 'no']],
    ['  ref: [refs/tags/*]', ['no', 'yes', 'no', 'no', 'no', 'no']],
    ['  ref: [refs/tags/v*]', ['no', 'maybe', 'no', 'no', 'no', 'no']],
    ['  ref:\n    include: [refs/heads/**, refs/pull/*/head]', ['yes', 'no', 'yes', 'yes', 'yes', 'yes']],
    ['  event: [promote]\n  target: [production]', ['no', 'no', 'yes', 'no', 'no', 'no']],
    ['  target: [staging]', ['no', 'no', 'no', 'yes', 'no', 'no']],
    ['  target: [eu-west]', ['no', 'no', 'maybe', 'maybe', 'no', 'no']],
    ['  branch: [feature/*]', ['no', 'no', 'no', 'no', 'no', 'no']],
    ['  status: [failure]', ['yes', 'yes', 'yes', 'yes', 'yes', 'yes']],
  ])('%s', (when, expected) => {
    expect(outcomes(when)).toEqual(expected)
  })
})

describe('Drone: pipelines', () => {
  it('every pipeline document, each step one context; secret documents run nothing; from_secret is a secret value', () => {
    const { contexts } = read(
      [
        'kind: pipeline',
        'name: test',
        'environment: { LOG_LEVEL: debug }',
        'steps:',
        '  - name: unit',
        '    image: node:20',
        '    environment:',
        '      DATABASE_URL: { from_secret: db_url }',
        '    commands:',
        '      - npm ci',
        '      - npm test',
        '  - name: publish',
        '    image: plugins/docker',
        '    settings: { repo: acme/web }',
        '---',
        'kind: secret',
        'name: db_url',
        '---',
        'kind: pipeline',
        'type: exec',
        'name: host',
        'steps:',
        '  - name: info',
        '    commands: [uname -a]',
        '',
      ].join('\n'),
    )
    expect(contexts.map((c) => c.label)).toEqual(['step `unit` of pipeline `test` in .drone.yml', 'step `info` of pipeline `host` in .drone.yml'])
    expect(contexts[0]!.steps.map((s) => [s.source?.text, s.env])).toEqual([['npm ci\nnpm test', { LOG_LEVEL: 'debug', DATABASE_URL: '<secret db_url>' }]])
    expect(contexts[0]!.runtime?.values).toEqual({ CI: 'true', DRONE: 'true' })
    // an exec pipeline runs on the runner's host, whose environment no file shows
    expect(contexts[1]!.runtime?.label).toContain('outside the repository')
  })

  it('0.8 files: `pipeline:` steps by name, `branches`-less when', () => {
    const { contexts } = read(['pipeline:', '  migrate:', '    image: ruby', '    commands: [rake db:seed]', '    when:', '      event: deployment', ''].join('\n'))
    expect(contexts.map((c) => c.label)).toEqual(['step `migrate` of pipeline `default` in .drone.yml'])
    expect(verdict(contexts[0]!)).toBe('not-production')
  })

  it('a service database by its name is local; the step is a test', () => {
    const { contexts } = read(['kind: pipeline', 'services:', '  - name: pg', '    image: postgres', 'steps:', '  - name: t', '    image: node', '    environment: { DATABASE_URL: "postgres://u@pg:5432/t" }', '    commands: [npm test]', ''].join('\n'))
    expect(contexts[0]!.services).toEqual(['pg'])
    expect(contexts[0]!.steps[0]!.reasons).toMatchObject([{ kind: 'database', towards: false }])
  })

  it('an ssh pipeline and the drone-ssh plugin run commands on their host: production unless the host is named for another environment', () => {
    const ssh = read(['kind: pipeline', 'type: ssh', 'server:', '  host: { from_secret: prod_host }', 'trigger: { branch: [main] }', 'steps:', '  - name: up', '    commands: [./bin/up]', ''].join('\n'))
    expect(verdict(ssh.contexts[0]!)).toBe('production')
    const plugin = read(['kind: pipeline', 'steps:', '  - name: up', '    image: ghcr.io/appleboy/drone-ssh:1.7', '    settings:', '      host: staging.example.com', '      script: [./bin/up]', ''].join('\n'))
    expect(plugin.contexts.map((c) => [c.label, verdict(c)])).toEqual([['`script:` of step `up` of pipeline `default` in .drone.yml, on the remote host `staging.example.com`', 'not-production']])
  })
})
