import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { ExecutionContext } from '../../src/model/context.js'
import { fileStartSpan } from '../../src/model/span.js'
import { decideProduction } from '../../src/production/decision.js'
import { branchesGate, evaluate, ifGate, scenariosOf } from '../../src/sources/buildkite/conditions.js'
import buildkite from '../../src/sources/buildkite/reader.js'
import { deploymentsOf, projectOf } from '../helpers/project.js'

const FILE = '.buildkite/pipeline.yml'

function read(files: Record<string, string>): { contexts: ExecutionContext[]; problems: string[] } {
  const project = projectOf(files)
  const result = buildkite.read(FILE, project, DEFAULT_CONFIG, deploymentsOf(project))
  return { contexts: result.contexts, problems: result.problems.map((p) => `${p.span.file}:${p.span.start.line}:${p.span.start.column} ${p.rule}`) }
}

describe('Buildkite: when a step is added to a build', () => {
  const scenarios = scenariosOf([{ branch: 'main', kind: 'default' }])
  const outcomes = (gate: ReturnType<typeof branchesGate>) => scenarios.map((s) => `${s.describe}: ${gate.outcome(s).outcome}`)
  const span = fileStartSpan(FILE)

  it('branches: space-separated patterns, `*` for any characters, `!` to exclude; a tag build matches its tag name', () => {
    expect(outcomes(branchesGate('main release/*', span))).toEqual(['builds of `main`: yes', 'tags: maybe', 'pull requests: maybe', 'other branches: maybe'])
    expect(outcomes(branchesGate('!main', span))).toEqual(['builds of `main`: no', 'tags: maybe', 'pull requests: maybe', 'other branches: maybe'])
    expect(outcomes(branchesGate('develop', span))).toEqual(['builds of `main`: no', 'tags: no', 'pull requests: no', 'other branches: no'])
  })

  it('if: the branch, the default branch, tags and pull requests are decided; anything else is unknown', () => {
    const [main, tag, pr] = scenarios
    expect(evaluate('build.branch == pipeline.default_branch', main!)).toBe(true)
    expect(evaluate('build.branch == "main" && build.tag == null', main!)).toBe(true)
    expect(evaluate('build.tag != null', tag!)).toBe(true)
    expect(evaluate('build.tag != null', main!)).toBe(false)
    expect(evaluate('build.pull_request.id != null', pr!)).toBe(true)
    expect(evaluate('build.pull_request.id != null', main!)).toBe(false)
    expect(evaluate('!(build.branch =~ /^release\\//)', main!)).toBe(true)
    expect(evaluate('build.message !~ /skip deploy/', main!)).toBe('unknown')
    expect(evaluate('build.env("DEPLOY") == "1"', main!)).toBe('unknown')
    expect(scenarios.map((s) => ifGate('build.branch == pipeline.default_branch || build.tag != null', span).outcome(s).outcome)).toEqual(['yes', 'yes', 'maybe', 'no'])
  })
})

describe('Buildkite: steps', () => {
  it('command, commands and group steps; env of the pipeline and the step; a step outside the default branch is not production', () => {
    const { contexts } = read({
      [FILE]: [
        'env: { DATABASE_URL: postgres://ci@localhost/app, A: pipeline }',
        'steps:',
        '  - command: npm test',
        '  - group: Deploy',
        '    if: build.branch == "develop"',
        '    steps:',
        '      - label: Ship',
        '        env: { A: step }',
        '        commands:',
        '          - npm run build',
        '          - npm run ship',
        '',
      ].join('\n'),
    })
    expect(contexts.map((c) => c.label)).toEqual(['step `npm test` in .buildkite/pipeline.yml', 'step `Ship` in .buildkite/pipeline.yml'])
    expect(contexts[1]!.steps.map((s) => `${s.source?.text} @${s.span.start.line}`)).toEqual(['npm run build\nnpm run ship @10'])
    expect(contexts[1]!.steps[0]!.env).toEqual({ DATABASE_URL: 'postgres://ci@localhost/app', A: 'step' })
    expect(decideProduction(contexts[1]!.reasons)).toMatchObject({ verdict: 'not-production', confidence: 'high' })
    expect(contexts[0]!.runtime?.values).toEqual({ CI: 'true', BUILDKITE: 'true' })
  })

  it('a plugin that takes commands is unresolved in a step that may deploy; one that does not is not', () => {
    const { problems } = read({
      [FILE]: ['steps:', '  - command: make release', '    label: Release', '    plugins:', '      - acme/remote-run#v1.0.0:', '          command: ./release.sh', '      - docker-login#v3.0.0:', '          username: ci', ''].join('\n'),
    })
    expect(problems).toEqual(['.buildkite/pipeline.yml:5:9 unresolved-on-production-path'])
  })

  it('an upload across continued lines reads its file after valued options; a dry run uploads nothing', () => {
    const { contexts, problems } = read({
      [FILE]: ['steps:', '  - label: Release', '    command: .buildkite/upload.sh', ''].join('\n'),
      '.buildkite/upload.sh': ['#!/bin/bash', 'buildkite-agent pipeline upload \\', '  --dry-run --format yaml \\', '  .buildkite/pipeline.yml > /tmp/rendered.yml', 'buildkite-agent pipeline upload \\', '  --format yaml \\', '  .buildkite/release.yml', ''].join('\n'),
      '.buildkite/release.yml': 'steps:\n  - command: bin/release\n',
    })
    expect(contexts.map((c) => c.label.split(' → ')[1])).toEqual([undefined, 'uploaded step `bin/release` in .buildkite/release.yml'])
    expect(problems).toEqual([])
  })

  it("the docker-compose plugin's own command: is not followed, and said so", () => {
    const { problems } = read({
      [FILE]: ['steps:', '  - label: Deploy', '    plugins:', '      - docker-compose#v5.0.0:', '          run: app', '          command: [bin/rails, db:seed]', ''].join('\n'),
      'docker-compose.yml': 'services:\n  app:\n    build: .\n',
    })
    expect(problems).toEqual(['.buildkite/pipeline.yml:4:9 unresolved-on-production-path'])
  })

  it('an uploaded file of the repository is read where the uploading step runs; one that is not there is generated', () => {
    const { contexts, problems } = read({
      [FILE]: ['steps:', '  - command: buildkite-agent pipeline upload .buildkite/release.yml', '    branches: develop', '  - command: buildkite-agent pipeline upload generated.yml', ''].join('\n'),
      '.buildkite/release.yml': 'steps:\n  - command: bin/release\n',
    })
    expect(contexts.map((c) => c.label)).toContain('step `buildkite-agent pipeline upload .buildkite/release.yml` in .buildkite/pipeline.yml → uploaded step `bin/release` in .buildkite/release.yml')
    const uploaded = contexts.find((c) => c.label.includes('bin/release'))!
    expect(decideProduction(uploaded.reasons).verdict).toBe('not-production')
    expect(problems).toEqual(['.buildkite/pipeline.yml:4:14 unresolved-on-production-path'])
  })
})
