import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { ExecutionContext } from '../../src/model/context.js'
import { decideProduction } from '../../src/production/decision.js'
import bitbucket from '../../src/sources/bitbucket/reader.js'
import { scenariosOf, startGate, type PipelineStart } from '../../src/sources/bitbucket/starts.js'
import { fileStartSpan } from '../../src/model/span.js'
import { deploymentsOf, projectOf } from '../helpers/project.js'

function read(yaml: string): { contexts: ExecutionContext[]; problems: string[] } {
  const project = projectOf({ 'bitbucket-pipelines.yml': yaml })
  const result = bitbucket.read('bitbucket-pipelines.yml', project, DEFAULT_CONFIG, deploymentsOf(project))
  return { contexts: result.contexts, problems: result.problems.map((p) => `${p.span.start.line}:${p.span.start.column} ${p.rule}`) }
}

const steps = (context: ExecutionContext) => context.steps.map((s) => `${s.label}: ${s.source?.text ?? ''} @${s.span.start.line}:${s.span.start.column}`)

describe('Bitbucket Pipelines: which pipeline a run starts', () => {
  const scenarios = scenariosOf([{ branch: 'main', kind: 'default' }])
  const push = (branch: string) => ({ production: true, describe: branch, ref: { branch }, run: 'push' as const })
  const gate = (kind: PipelineStart['kind'], name: string | undefined, patterns: string[]) => startGate({ kind, ...(name !== undefined ? { name } : {}), span: fileStartSpan('bitbucket-pipelines.yml') }, patterns)

  it('an exact branch name overrides a pattern, a longer literal start overrides a shorter one', () => {
    const patterns = ['feature/*', 'feature/bb-123-fix', 'release/bb-*', 'release/bb-123-*', '**']
    expect(gate('branches', 'feature/*', patterns).outcome(push('feature/bb-123-fix')).outcome).toBe('no')
    expect(gate('branches', 'feature/bb-123-fix', patterns).outcome(push('feature/bb-123-fix')).outcome).toBe('yes')
    expect(gate('branches', 'release/bb-*', patterns).outcome(push('release/bb-123-x')).outcome).toBe('no')
    expect(gate('branches', 'release/bb-123-*', patterns).outcome(push('release/bb-123-x')).outcome).toBe('yes')
    expect(gate('branches', '**', patterns).outcome(push('main')).outcome).toBe('yes')
    expect(gate('branches', 'feature/*', patterns).outcome(push('feature/a/b')).outcome).toBe('no')
  })

  it('default runs for branches no pattern takes, never for tags, pull requests or custom runs', () => {
    expect(scenarios.map((s) => `${s.describe} ${gate('default', undefined, ['develop']).outcome(s).outcome}`)).toEqual([
      'pushes to `main` yes',
      'manual and scheduled runs on `main` no',
      'tags no',
      'pull requests no',
      'other branches maybe',
    ])
    expect(gate('default', undefined, ['main']).outcome(push('main')).outcome).toBe('no')
    expect(gate('default', undefined, ['ma*']).outcome(push('main')).outcome).toBe('no')
  })

  it('custom pipelines run by hand on any branch; pull-requests pipelines never on a push', () => {
    expect(scenarios.filter((s) => gate('custom', 'deploy', []).outcome(s).outcome === 'yes').map((s) => s.describe)).toEqual(['manual and scheduled runs on `main`'])
    expect(scenarios.filter((s) => gate('pull-requests', '**', []).outcome(s).outcome === 'yes').map((s) => s.describe)).toEqual(['pull requests'])
  })
})

describe('Bitbucket Pipelines: steps', () => {
  it('steps inside parallel (list and steps:) and stage, the stage deployment on each, anchors and merge keys', () => {
    const { contexts } = read(
      [
        'definitions:',
        '  steps:',
        '    - step: &migrate',
        '        name: Migrate',
        '        script: [rails db:migrate]',
        'pipelines:',
        '  branches:',
        '    main:',
        '      - parallel:',
        '          - step: { name: A, script: [echo a] }',
        '      - parallel:',
        '          fail-fast: true',
        '          steps:',
        '            - step: { name: B, script: [echo b] }',
        '      - stage:',
        '          name: Release',
        '          deployment: production',
        '          steps:',
        '            - step:',
        '                <<: *migrate',
        '                name: Migrate prod',
        '',
      ].join('\n'),
    )
    expect(contexts.map((c) => c.label)).toEqual([
      'step `A` of `pipelines: branches: main` in bitbucket-pipelines.yml',
      'step `B` of `pipelines: branches: main` in bitbucket-pipelines.yml',
      'step `Migrate prod` (deployment: production) of `pipelines: branches: main` in bitbucket-pipelines.yml',
    ])
    expect(steps(contexts[2]!)).toEqual(['`script`: rails db:migrate @5:18'])
    expect(decideProduction(contexts[2]!.reasons).verdict).toBe('production')
  })

  it('script lines run as one shell text, a pipe ends it, after-script runs apart', () => {
    const { contexts } = read(
      ['pipelines:', '  default:', '    - step:', '        script:', '          - export A=1', '          - echo $A', '          - pipe: atlassian/slack-notify:2.0.0', '          - echo after', '        after-script:', '          - echo done', ''].join('\n'),
    )
    expect(steps(contexts[0]!)).toEqual(['`script`: export A=1\necho $A @5:13', '`script`: echo after @8:13', '`after-script`: echo done @10:13'])
  })

  it('the environment Bitbucket gives a step: CI, the deployment name, the branch of an exact branch pipeline', () => {
    const { contexts } = read(['pipelines:', '  branches:', '    main:', '      - step:', '          deployment: Production', '          script: [echo hi]', ''].join('\n'))
    expect(contexts[0]!.runtime?.values).toEqual({ CI: 'true', BITBUCKET_DEPLOYMENT_ENVIRONMENT: 'production', BITBUCKET_BRANCH: 'main' })
    expect(contexts[0]!.runtime?.unset).toBe('unknown')
  })

  it('a pipe from another publisher on a production path is unresolved; on pull requests it is not', () => {
    const pipe = (start: string) => read(['pipelines:', start, '    - step:', '        deployment: production', '        script:', '          - pipe: docker://acme/release-tool:1', ''].join('\n')).problems
    expect(pipe('  default:')).toEqual(['6:19 unresolved-on-production-path'])
    expect(pipe('  pull-requests:\n   "**":')).toEqual([])
  })

  it('a pipe of a step that neither deploys nor names production is not looked at', () => {
    const yaml = ['pipelines:', '  branches:', '    main:', '      - step:', '          script:', '            - npm run build', '            - pipe: sonarsource/sonarcloud-scan:1.2.1', ''].join('\n')
    expect(read(yaml).problems).toEqual([])
  })

  it('a deploy pipe aimed at a staging app is evidence against production', () => {
    const { contexts } = read(['pipelines:', '  default:', '    - step:', '        script:', '          - pipe: atlassian/heroku-deploy:2.4.0', '            variables: { HEROKU_APP_NAME: shop-staging }', ''].join('\n'))
    expect(contexts[0]!.reasons.find((r) => r.kind === 'deploy-action')).toMatchObject({ towards: false })
  })

  it('a file without pipelines is refused', () => {
    expect(read('image: node:20\n').problems).toEqual(['1:1 parse-error'])
  })
})
