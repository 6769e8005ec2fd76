import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { ExecutionContext } from '../../src/model/context.js'
import { decideProduction } from '../../src/production/decision.js'
import { deployGate, evaluate, travisScenarios } from '../../src/sources/travis/conditions.js'
import travis from '../../src/sources/travis/reader.js'
import { deploymentsOf, projectOf } from '../helpers/project.js'

function read(yaml: string, files: Record<string, string> = {}): { contexts: ExecutionContext[]; problems: string[] } {
  const project = projectOf({ '.travis.yml': yaml, ...files })
  const result = travis.read('.travis.yml', project, DEFAULT_CONFIG, deploymentsOf(project))
  return { contexts: result.contexts, problems: result.problems.map((p) => `${p.span.start.line} ${p.rule}`) }
}

const scenarios = travisScenarios([{ branch: 'main', kind: 'default' }])
const scenario = (describe: string) => scenarios.find((s) => s.describe === describe)!
/** the outcome of a condition in a push to main, a tag, a pull request and another branch */
const outcomes = (condition: string, variables: Record<string, string> = {}) =>
  ['pushes to `main`', 'tags', 'pull requests', 'other branches'].map((d) => evaluate(condition, scenario(d), variables))
const verdict = (context: ExecutionContext) => decideProduction(context.reasons).verdict
const texts = (context: ExecutionContext) => context.steps.map((s) => `${s.label}: ${s.source?.text}`)

describe('Travis CI: conditions', () => {
  it.each([
    ['branch = main', ['yes', 'no', 'yes', 'no']],
    ['branch = main AND type = push', ['yes', 'no', 'no', 'no']],
    ['type != pull_request', ['yes', 'yes', 'no', 'yes']],
    ['tag IS present', ['no', 'yes', 'no', 'no']],
    ['tag IS blank', ['yes', 'no', 'yes', 'yes']],
    ['tag =~ ^v\\d+', ['no', 'maybe', 'no', 'no']],
    ['branch IN (main, release) OR tag IS present', ['yes', 'yes', 'yes', 'no']],
    ['NOT (type IN (pull_request, cron))', ['yes', 'yes', 'no', 'yes']],
    ['branch =~ /^rel/', ['no', 'maybe', 'no', 'no']],
    ['env(DEPLOY) = true', ['maybe', 'maybe', 'maybe', 'maybe']],
    ['type = push && branch = main', ['yes', 'no', 'no', 'no']],
    ['branch = main AND (', ['maybe', 'maybe', 'maybe', 'maybe']],
  ])('%s', (condition, expected) => {
    expect(outcomes(condition)).toEqual(expected)
  })

  it('env() reads the variables the YAML gives; keywords are case-insensitive', () => {
    expect(outcomes('env(DEPLOY) = true and branch = main', { DEPLOY: 'true' })).toEqual(['yes', 'no', 'yes', 'no'])
  })
})

describe('Travis CI: jobs', () => {
  it('phases run in order, each one step with its lines joined; skip is no command', () => {
    const { contexts } = read(['before_install: nvm use', 'install: [npm ci]', 'script:', '  - npm run lint', '  - npm test', 'after_script: skip', ''].join('\n'))
    expect(contexts).toHaveLength(1)
    expect(texts(contexts[0]!)).toEqual(['`before_install`: nvm use', '`install`: npm ci', '`script`: npm run lint\nnpm test'])
  })

  it('each env.jobs entry is a job with the global variables; a job of jobs.include keeps the previous stage', () => {
    const { contexts } = read(
      [
        'env:',
        '  global: [DATABASE_URL=postgres://localhost/app_test]',
        '  jobs:',
        '    - SUITE=unit',
        '    - SUITE="system tests" HEADLESS=1',
        'script: ./bin/ci',
        'jobs:',
        '  include:',
        '    - stage: release',
        '      script: ./bin/release',
        '    - script: ./bin/notes',
        '      env: NOTES=1',
        '',
      ].join('\n'),
    )
    expect(contexts.map((c) => c.label)).toEqual([
      "the build's job `SUITE=unit` in .travis.yml",
      "the build's job `SUITE=system tests HEADLESS=1` in .travis.yml",
      'job `release #1` (stage release) in .travis.yml',
      'job `release #2` (stage release) in .travis.yml',
    ])
    expect(contexts[1]!.steps[0]!.env).toEqual({ DATABASE_URL: 'postgres://localhost/app_test', SUITE: 'system tests', HEADLESS: '1' })
    expect(contexts[3]!.steps[0]!.env).toEqual({ DATABASE_URL: 'postgres://localhost/app_test', NOTES: '1' })
  })

  it('a stage whose if: excludes the default branch and tags runs only elsewhere', () => {
    const { contexts } = read(['stages:', '  - name: preview', '    if: type = pull_request', 'jobs:', '  include:', '    - stage: preview', '      script: ./deploy.sh', ''].join('\n'))
    const preview = contexts.find((c) => c.label.includes('preview'))!
    expect(preview.reasons[0]).toMatchObject({ towards: false, detail: expect.stringContaining('runs only for pull requests') })
  })

  it('branches: only filters every job; tags are not built unless a pattern may match them', () => {
    const only = read(['branches:', '  only: [develop]', 'script: ./bin/ci', ''].join('\n'))
    expect(only.contexts[0]!.reasons[0]).toMatchObject({ towards: false })
    const tags = read(['branches:', '  only: [develop, /^v\\d/]', 'script: ./bin/ci', ''].join('\n'))
    expect(tags.contexts[0]!.reasons[0]).toMatchObject({ towards: true, detail: expect.stringContaining('runs for tags') })
  })
})

describe('Travis CI: deploys', () => {
  const heroku = (on: string[], extra: string[] = []) =>
    read(['script: bundle exec rake', 'deploy:', '  provider: heroku', '  app: shop', ...on.map((l) => `  ${l}`), ...extra, '  run:', '    - rake db:migrate', '    - restart', ''].join('\n'), { Gemfile: "gem 'rails'\n" })
  const run = (contexts: ExecutionContext[]) => contexts.filter((c) => c.label.startsWith('`run:`'))

  it('without on: a deploy runs from master only (travis-build default_branches)', () => {
    const [context] = run(heroku([]).contexts)
    expect(context!.reasons[0]).toMatchObject({ towards: true, detail: 'a deploy without `on:` (master only): runs for pushes to `master`' })
    expect(verdict(context!)).toBe('production')
    // `restart` restarts the app, it is no command
    expect(texts(context!)).toEqual(['`run:` on the dyno: rake db:migrate'])
    expect(context!.runtime?.values).toMatchObject({ RAILS_ENV: 'production' })
  })

  it('on: tags: true drops the branch condition; on: a string is a branch', () => {
    expect(run(heroku(['on:', '    tags: true']).contexts)[0]!.reasons[0]!.detail).toContain('runs for tags')
    expect(verdict(run(heroku(['on: staging']).contexts)[0]!)).toBe('not-production')
  })

  it('an app named for staging is not production; an app per branch is one context per branch', () => {
    expect(verdict(run(heroku(['on:', '    all_branches: true']).contexts)[0]!)).toBe('production')
    const perBranch = read(['deploy:', '  provider: heroku', '  app:', '    main: shop', '    develop: shop-staging', '  run: rake db:seed', ''].join('\n'))
    const contexts = run(perBranch.contexts)
    expect(contexts.map((c) => [c.label.split(' by ')[0], verdict(c)])).toEqual([
      ['`run:` on the Heroku app `shop`', 'production'],
      ['`run:` on the Heroku app `shop-staging`', 'not-production'],
    ])
  })

  it('before_deploy and after_deploy run only where a deploy does; a build without a deploy never runs them', () => {
    const { contexts } = read(['script: make', 'before_deploy: ./bin/pack', 'after_deploy: ./bin/announce', 'deploy:', '  provider: pages', '  on:', '    branch: main', ''].join('\n'))
    const deploy = contexts.find((c) => c.label.startsWith('deploy'))!
    expect(texts(deploy)).toEqual(['`before_deploy`: ./bin/pack', '`after_deploy`: ./bin/announce'])
    expect(deploy.reasons[0]!.detail).toContain('runs for pushes to `main`')
    expect(read(['script: make', 'before_deploy: ./bin/pack', ''].join('\n')).contexts).toHaveLength(1)
  })

  it('a pull request build never deploys', () => {
    const { contexts } = read(['if: type = pull_request', 'deploy:', '  provider: script', '  script: ./bin/ship', '  on:', '    all_branches: true', ''].join('\n'))
    expect(contexts.find((c) => c.label.startsWith('deploy'))!.reasons[0]).toMatchObject({ towards: false, detail: '`if: type = pull_request` never runs on the default branch or a tag' })
  })
})

describe('Travis CI: a deploy condition is a Bash test', () => {
  const gate = (condition: string, variables: Record<string, string> = {}) =>
    ['pushes to `main`', 'tags', 'other branches'].map((d) => deployGate({ allBranches: true, condition: [condition] }, variables, undefined).outcome(scenario(d)).outcome)

  it.each([
    ['$TRAVIS_BRANCH = main', ['yes', 'no', 'no']],
    ['"$TRAVIS_BRANCH" == "main" && "$TRAVIS_PULL_REQUEST" == "false"', ['yes', 'no', 'no']],
    ['$TRAVIS_BRANCH =~ ^(main|release/.*)$', ['yes', 'maybe', 'no']],
    ['-n "$TRAVIS_TAG"', ['no', 'yes', 'no']],
    ['[[ -z $TRAVIS_TAG ]]', ['yes', 'no', 'yes']],
    ['$TRAVIS_BRANCH == release/*', ['maybe', 'maybe', 'maybe']],
    ['$TRAVIS_OS_NAME = linux', ['maybe', 'maybe', 'maybe']],
    ['$(git log -1 --format=%s) = release', ['maybe', 'maybe', 'maybe']],
  ])('%s', (condition, expected) => {
    expect(gate(condition)).toEqual(expected)
  })

  it("the job's own variables are known", () => {
    expect(gate('$DEPLOY_TARGET = live', { DEPLOY_TARGET: 'live' })).toEqual(['yes', 'yes', 'yes'])
    expect(gate('$DEPLOY_TARGET = live', { DEPLOY_TARGET: 'preview' })).toEqual(['no', 'no', 'no'])
  })
})
