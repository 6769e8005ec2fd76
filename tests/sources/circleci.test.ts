import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { ContextStep, ExecutionContext } from '../../src/model/context.js'
import { decideProduction } from '../../src/production/decision.js'
import circleci from '../../src/sources/circleci/reader.js'
import { expressionOutcome } from '../../src/sources/circleci/conditions.js'
import { deploymentsOf, projectOf } from '../helpers/project.js'

const FILE = '.circleci/config.yml'

function read(text: string): { contexts: ExecutionContext[]; problems: string[] } {
  const project = projectOf({ [FILE]: text })
  const result = circleci.read(FILE, project, DEFAULT_CONFIG, deploymentsOf(project))
  return { contexts: result.contexts, problems: result.problems.map((p) => `${p.span.start.line}:${p.span.start.column} ${p.rule}`) }
}

const lines = (...l: string[]) => l.join('\n') + '\n'
const job = (contexts: ExecutionContext[], name: string) => contexts.find((c) => c.label.includes(`job \`${name}\``))!
const flat = (steps: ContextStep[]): ContextStep[] => steps.flatMap((s) => [s, ...flat(s.nested ?? [])])
/** each shell step as `label: text @line:col`, where the text's first character is */
const steps = (context: ExecutionContext) =>
  flat(context.steps)
    .filter((s) => s.source)
    .map((s) => `${s.label}: ${s.source!.text} @${s.span.start.line}:${s.span.start.column}`)
const reach = (context: ExecutionContext) => context.reasons.filter((r) => r.kind === 'condition').map((r) => `${r.towards ? '+' : '-'} ${r.detail}`)

const deployJob = lines('jobs:', '  deploy:', '    docker: [{ image: cimg/ruby:3.3 }]', '    steps:', '      - checkout', '      - run: bin/rails db:seed')

describe('CircleCI: which jobs run where', () => {
  it('a job no workflow names does not run (2.1); a 2.0 config without workflows runs `build`', () => {
    expect(read(lines('version: 2.1', deployJob)).contexts).toEqual([])
    const old = read(lines('version: 2', 'jobs:', '  build:', '    docker: [{ image: node:20 }]', '    steps: [{ run: npm test }]'))
    expect(old.contexts.map((c) => c.label)).toEqual(['job `build` in .circleci/config.yml'])
    expect(reach(old.contexts[0]!)).toEqual(['+ no `filters:`: runs for pushes to `main`, pushes to `master`'])
    const branches = read(lines('version: 2', 'jobs:', '  build:', '    branches: { only: [/feature-.*/] }', '    docker: [{ image: node:20 }]', '    environment: [{ A: one }, { B: two }]', '    steps: [{ run: npm test }]'))
    expect(reach(branches.contexts[0]!)[0]).toMatch(/^- .*runs only for other branches/)
    expect(branches.contexts[0]!.steps[0]!.env).toEqual({ A: 'one', B: 'two' })
  })

  it('branch filters: only / ignore, names and whole-name /regexes/; tags only with a tag filter', () => {
    const { contexts } = read(
      lines(
        'version: 2.1',
        deployJob,
        'workflows:',
        '  ship:',
        '    jobs:',
        '      - deploy: { name: on-main, filters: { branches: { only: main } } }',
        '      - deploy: { name: on-features, filters: { branches: { only: /feature-.*/ } } }',
        '      - deploy: { name: not-main, filters: { branches: { ignore: [main, master] } } }',
        '      - deploy: { name: on-tags, filters: { branches: { ignore: /.*/ }, tags: { only: /^v.*/ } } }',
        '      - deploy: { name: unfiltered }',
      ),
    )
    expect(reach(job(contexts, 'on-main'))).toEqual(['+ `filters: branches: only: main`: runs for pushes to `main`'])
    expect(reach(job(contexts, 'on-features'))[0]).toMatch(/^- .*runs only for other branches and their pull requests, never on the default branch or a tag/)
    expect(reach(job(contexts, 'not-main'))[0]).toMatch(/^- /)
    expect(reach(job(contexts, 'on-tags'))).toEqual(['+ `filters: branches: ignore: /.*/; tags: only: /^v.*/`: runs for tags'])
    expect(reach(job(contexts, 'unfiltered'))).toEqual(['+ no `filters:`: runs for pushes to `main`, pushes to `master`'])
  })

  it('a job runs only where every job it requires runs: an approval hold on main, a test job on branches only', () => {
    const { contexts } = read(
      lines(
        'version: 2.1',
        deployJob,
        '  test:',
        '    docker: [{ image: cimg/ruby:3.3 }]',
        '    steps: [{ run: bin/rails test }]',
        'workflows:',
        '  ship:',
        '    jobs:',
        '      - test: { filters: { branches: { ignore: [main, master] } } }',
        '      - hold: { type: approval, filters: { branches: { only: main } } }',
        '      - deploy: { requires: [hold] }',
        '      - deploy: { name: after-test, requires: [test] }',
      ),
    )
    expect(contexts.map((c) => c.label)).toEqual(['job `test` in .circleci/config.yml', 'job `deploy` in .circleci/config.yml', 'job `after-test` (`deploy`) in .circleci/config.yml'])
    expect(reach(job(contexts, 'deploy'))).toEqual(['+ requires `hold` with `filters: branches: only: main`: runs for pushes to `main`'])
    expect(reach(job(contexts, 'after-test'))[0]).toMatch(/^- requires `test`, which does not run there/)
  })

  it('workflow when: and expression filters are judged on pipeline.git.branch; pipeline parameters may be anything', () => {
    const { contexts } = read(
      lines(
        'version: 2.1',
        'parameters: { deploy: { type: boolean, default: false } }',
        deployJob,
        'workflows:',
        '  staged:',
        '    when: { equal: [staging, << pipeline.git.branch >>] }',
        '    jobs: [{ deploy: { name: a } }]',
        '  expression:',
        '    jobs: [{ deploy: { name: b, filters: pipeline.git.branch == "main" or pipeline.git.branch starts-with "release/" } }]',
        '  triggered:',
        '    when: << pipeline.parameters.deploy >>',
        '    jobs: [{ deploy: { name: c } }]',
        '  never:',
        '    unless: true',
        '    jobs: [{ deploy: { name: d } }]',
      ),
    )
    expect(reach(job(contexts, 'a'))[0]).toMatch(/^- workflow `when:`/)
    expect(reach(job(contexts, 'b'))).toEqual(['+ `filters: pipeline.git.branch == "main" or pipeline.git.branch starts-with "release/"`: runs for pushes to `main`'])
    expect(reach(job(contexts, 'c'))[0]).toMatch(/^\+ workflow `when:`: runs for pushes to `main`, pushes to `master`$/)
    expect(reach(job(contexts, 'd'))[0]).toMatch(/^- workflow `unless:` never runs/)
  })

  it('expressions: ==, !=, starts-with, and, or, not, parentheses; unknown values and syntax are maybe', () => {
    const branch = (b: string | undefined) => (name: string) => (name === 'pipeline.git.branch' ? b : undefined)
    expect(expressionOutcome('pipeline.git.branch == "main"', branch('main'))).toBe('yes')
    expect(expressionOutcome('not (pipeline.git.branch == "main")', branch('main'))).toBe('no')
    expect(expressionOutcome('pipeline.git.branch != "main" and pipeline.git.branch starts-with "rel"', branch('release'))).toBe('yes')
    expect(expressionOutcome('pipeline.git.branch == "main"', branch(undefined))).toBe('maybe')
    expect(expressionOutcome('pipeline.git.branch =~ "main"', branch('main'))).toBe('maybe')
  })
})

describe('CircleCI: what a job runs', () => {
  it('reusable commands with parameters: the value passed replaces the reference, located where the caller writes it', () => {
    const text = lines(
      'version: 2.1',
      'commands:',
      '  seed:',
      '    parameters:',
      '      task: { type: string, default: db:seed }',
      '      env: { type: string, default: staging }',
      '    steps:',
      '      - run:',
      '          name: seed',
      '          command: bin/rails << parameters.task >> RAILS_ENV=<< parameters.env >>',
      'jobs:',
      '  deploy:',
      '    docker: [{ image: cimg/ruby:3.3 }]',
      '    steps:',
      '      - seed: { env: production }',
      '      - seed',
      'workflows:',
      '  w: { jobs: [deploy] }',
    )
    const { contexts } = read(text)
    expect(steps(contexts[0]!)).toEqual(['step `seed`: bin/rails db:seed RAILS_ENV=production @10:20', 'step `seed`: bin/rails db:seed RAILS_ENV=staging @10:20'])
    const source = flat(contexts[0]!.steps).find((s) => s.source)!.source!
    // `production` is where the caller writes it; `db:seed` where the default is
    expect(text.slice(source.offsets(source.text.indexOf('production')), source.offsets(source.text.indexOf('production')) + 10)).toBe('production')
    expect(text.slice(source.offsets(10), source.offsets(10) + 7)).toBe('db:seed')
    expect(flat(contexts[0]!.steps).map((s) => s.label)).toEqual(['command `seed`', 'step `seed`', 'command `seed`', 'step `seed`'])
  })

  it('job parameters, steps parameters, pre-steps and post-steps, and when steps decided by a parameter', () => {
    const { contexts } = read(
      lines(
        'version: 2.1',
        'jobs:',
        '  deploy:',
        '    parameters:',
        '      seed: { type: boolean, default: false }',
        '      after: { type: steps, default: [] }',
        '    docker: [{ image: node:20 }]',
        '    steps:',
        '      - when:',
        '          condition: << parameters.seed >>',
        '          steps: [{ run: npm run seed }]',
        '      - steps: << parameters.after >>',
        'workflows:',
        '  w:',
        '    jobs:',
        '      - deploy:',
        '          name: first',
        '          pre-steps: [{ run: echo pre }]',
        '          after: [{ run: echo after }]',
        '          post-steps: [{ run: echo post }]',
        '      - deploy: { name: second, seed: true }',
      ),
    )
    expect(steps(job(contexts, 'first')).map((s) => s.split(' @')[0])).toEqual(['`run`: echo pre', '`run`: echo after', '`run`: echo post'])
    expect(steps(job(contexts, 'second')).map((s) => s.split(' @')[0])).toEqual(['`run`: npm run seed'])
  })

  it('a when step on the branch keeps its steps, and says it never runs on the default branch where it does not', () => {
    const { contexts } = read(
      lines(
        'version: 2.1',
        'jobs:',
        '  build:',
        '    docker: [{ image: node:20 }]',
        '    steps:',
        '      - unless:',
        '          condition: { matches: { pattern: "^(main|master)$", value: << pipeline.git.branch >> } }',
        '          steps: [{ run: npm run seed }]',
        'workflows:',
        '  w: { jobs: [build] }',
      ),
    )
    const seed = flat(job(contexts, 'build').steps).find((s) => s.source)!
    expect(seed.reasons.map((r) => `${r.towards ? '+' : '-'} ${r.detail}`)).toEqual(['- `unless: condition` runs only for other branches and their pull requests, never on the default branch or a tag'])
  })

  it('environment: executor, primary image, job and step, in that order; service containers by name; contexts named for an environment', () => {
    const { contexts } = read(
      lines(
        'version: 2.1',
        'executors:',
        '  app:',
        '    parameters: { tier: { type: string, default: test } }',
        '    docker:',
        '      - image: cimg/ruby:3.3',
        '        environment: { RAILS_ENV: << parameters.tier >>, A: image }',
        '      - image: cimg/postgres:16.2',
        '        name: db',
        '    environment: { A: executor, B: executor }',
        'jobs:',
        '  deploy:',
        '    executor: { name: app, tier: production }',
        '    environment: { B: job, DATABASE_URL: "postgres://u@db:5432/app" }',
        '    steps:',
        '      - run: { command: bin/rails db:seed, environment: { C: step } }',
        'workflows:',
        '  w: { jobs: [{ deploy: { context: [aws, production] } }, { deploy: { name: staged, context: staging } }] }',
      ),
    )
    const deploy = job(contexts, 'deploy')
    expect(deploy.label).toBe('job `deploy` (context: aws, production) in .circleci/config.yml')
    expect(deploy.services).toEqual(['db'])
    const step = flat(deploy.steps)[0]!
    expect(step.env).toEqual({ RAILS_ENV: 'production', A: 'image', B: 'job', DATABASE_URL: 'postgres://u@db:5432/app', C: 'step' })
    expect(step.reasons.map((r) => r.detail)).toContain('DATABASE_URL points at a local database (postgres://u@db:5432/app)')
    expect(deploy.reasons.filter((r) => r.kind === 'environment').map((r) => `${r.towards ? '+' : '-'} ${r.detail}`)).toEqual(['+ context `production`'])
    expect(decideProduction(job(contexts, 'staged').reasons)).toMatchObject({ verdict: 'not-production', confidence: 'high' })
    expect(deploy.runtime).toMatchObject({ unset: 'unknown', values: { CI: 'true', CIRCLECI: 'true' } })
  })
})

describe('CircleCI: orbs', () => {
  const orbConfig = (...workflowJobs: string[]) =>
    lines(
      'version: 2.1',
      'orbs:',
      '  heroku: circleci/heroku@2.0',
      '  slack: circleci/slack@4.12',
      '  aws-ecs: circleci/aws-ecs@4.0',
      'workflows:',
      '  w:',
      '    jobs:',
      ...workflowJobs.map((j) => `      - ${j}`),
    )

  it("the Heroku orb's deploy-via-git runs the pre-deploy and post-deploy steps it is given, and deploys to the app it names", () => {
    const { contexts } = read(orbConfig('heroku/deploy-via-git: { app-name: shop-production, post-deploy: [{ run: heroku run rails db:seed -a shop-production }], filters: { branches: { only: main } } }'))
    const context = contexts[0]!
    expect(context.label).toBe('orb job `heroku/deploy-via-git` in .circleci/config.yml')
    expect(steps(context)).toEqual(['`run`: heroku run rails db:seed -a shop-production @9:82'])
    expect(context.reasons.map((r) => r.detail)).toContain('orb `heroku/deploy-via-git` pushes the branch to the Heroku app `shop-production`')
    const staging = read(orbConfig('heroku/deploy-via-git: { app-name: shop-staging }')).contexts[0]!
    expect(decideProduction(staging.reasons).verdict).toBe('not-production')
  })

  it('an unknown orb job is one step the check reports where it could be production; a reporting orb runs nothing', () => {
    const { contexts, problems } = read(orbConfig('aws-ecs/run-task: { filters: { branches: { only: main } } }', 'slack/on-hold', 'aws-ecs/deploy-service-update: { filters: { branches: { only: main } } }'))
    expect(problems).toEqual([])
    // run-task starts a task whose command the job may override: unread
    expect(contexts[0]!.steps.map((s) => s.invoke)).toEqual([[{ kind: 'unresolved', reason: expect.stringMatching(/^orb job `aws-ecs\/run-task` \(orb `circleci\/aws-ecs`\) is not in this repository/) }]])
    expect(contexts[1]!.steps).toEqual([])
    // documented: it only points the service at a new task definition
    expect(contexts[2]!.steps).toEqual([])
    expect(contexts[2]!.reasons.map((r) => r.detail)).toContain('orb `aws-ecs/deploy-service-update` updates the ECS service to a new task definition')
    const staging = read(orbConfig('aws-ecs/deploy-staging: { filters: { branches: { only: main } } }')).contexts[0]!
    expect(decideProduction(staging.reasons)).toMatchObject({ verdict: 'not-production' })
  })

  it('an inline orb is read like the config: its jobs and commands as `orb/name`', () => {
    const { contexts } = read(
      lines(
        'version: 2.1',
        'orbs:',
        '  local:',
        '    commands: { seed: { steps: [{ run: bin/rails db:seed }] } }',
        '    jobs: { release: { docker: [{ image: ruby:3.3 }], steps: [local/seed] } }',
        'workflows:',
        '  w: { jobs: [local/release] }',
      ),
    )
    expect(contexts.map((c) => c.label)).toEqual(['job `local/release` in .circleci/config.yml'])
    expect(steps(contexts[0]!)).toEqual(['`run`: bin/rails db:seed @4:40'])
  })

  it('orb commands in a job: setup commands are benign, others are an unresolved step', () => {
    const { contexts } = read(
      lines(
        'version: 2.1',
        'orbs: { node: circleci/node@5, tool: acme/tool@1 }',
        'jobs:',
        '  build:',
        '    docker: [{ image: node:20 }]',
        '    steps: [node/install-packages, tool/run-tasks]',
        'workflows:',
        '  w: { jobs: [build] }',
      ),
    )
    expect(flat(contexts[0]!.steps).map((s) => s.label)).toEqual(['orb command `tool/run-tasks`'])
  })
})

describe('CircleCI: problems', () => {
  it('invalid YAML and a job that is not defined are parse errors', () => {
    expect(read('jobs:\n  a: [\n').problems).toEqual([expect.stringMatching(/parse-error$/)])
    expect(read(lines('version: 2.1', 'workflows:', '  w:', '    jobs: [missing]')).problems).toEqual(['4:12 parse-error'])
  })

  it('a setup config continues with the files the path-filtering orb names: read where they are in the repository', () => {
    const setup = lines('version: 2.1', 'setup: true', 'orbs: { path-filtering: circleci/path-filtering@1 }', 'workflows:', '  setup:', '    jobs:', '      - path-filtering/filter:', '          mapping: |', '            api/.* api true .circleci/api.yml')
    const api = lines('version: 2.1', 'jobs:', '  a:', '    docker: [{ image: node:20 }]', '    steps: [{ run: npm run seed }]', 'workflows:', '  w: { jobs: [a] }')
    const project = projectOf({ [FILE]: setup, '.circleci/api.yml': api })
    const result = circleci.read(FILE, project, DEFAULT_CONFIG, deploymentsOf(project))
    expect(result.problems).toEqual([])
    expect(result.contexts.map((c) => c.label)).toEqual(['orb job `path-filtering/filter` in .circleci/config.yml', 'job `a` in .circleci/api.yml'])
  })

  it('a setup config that runs on the default branch: the config it continues with is not read', () => {
    expect(read(lines('version: 2.1', 'setup: true', 'orbs: { path-filtering: circleci/path-filtering@1 }', 'workflows:', '  setup:', '    jobs: [path-filtering/filter]')).problems).toEqual(['2:8 unresolved-on-production-path'])
  })
})
