import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { ExecutionContext } from '../../src/model/context.js'
import gitlab from '../../src/sources/gitlab/reader.js'
import { environmentOf } from '../../src/sources/gitlab/environment.js'
import { valueOf } from '../../src/sources/gitlab/merge.js'
import { evaluate, scenariosOf } from '../../src/sources/gitlab/rules.js'
import { parseYaml, YamlView } from '../../src/util/yaml.js'
import { LineIndex } from '../../src/util/line-index.js'
import { deploymentsOf, projectOf } from '../helpers/project.js'

function read(files: Record<string, string>): { contexts: ExecutionContext[]; problems: string[] } {
  const project = projectOf(files)
  const result = gitlab.read('.gitlab-ci.yml', project, DEFAULT_CONFIG, deploymentsOf(project))
  return { contexts: result.contexts, problems: result.problems.map((p) => `${p.span.file}:${p.span.start.line} ${p.rule}`) }
}

const job = (contexts: ExecutionContext[], name: string) => contexts.find((c) => c.label.includes(`job \`${name}\``))!
/** each step as `label: text @file:line:col` */
const steps = (context: ExecutionContext) => context.steps.map((s) => `${s.label}: ${s.source?.text ?? ''} @${s.span.file}:${s.span.start.line}:${s.span.start.column}`)

describe('GitLab CI: how a job is composed', () => {
  it('extends: maps merge key by key, lists replace, the last template wins and the job over all', () => {
    const { contexts } = read({
      '.gitlab-ci.yml': [
        '.base:',
        '  variables: { A: base, B: base }',
        '  before_script: [echo base-before]',
        '  script: [echo base]',
        '.other:',
        '  extends: .base',
        '  variables: { B: other, C: other }',
        '  script: [echo other]',
        'job:',
        '  extends: [.base, .other]',
        '  variables: { C: job }',
        '',
      ].join('\n'),
    })
    const context = job(contexts, 'job')
    expect(context.steps[0]!.env).toMatchObject({ A: 'base', B: 'other', C: 'job' })
    expect(steps(context)).toEqual(['`before_script` of `.base`: echo base-before @.gitlab-ci.yml:3:19', '`script` of `.other`: echo other @.gitlab-ci.yml:8:12'])
  })

  it('!reference splices lines from another definition, nested lists flattened, each at its own place', () => {
    const { contexts } = read({
      '.gitlab-ci.yml': ['.setup:', '  script:', '    - echo one', '    - - echo two', '      - echo three', 'job:', '  script:', '    - !reference [.setup, script]', '    - echo four', ''].join('\n'),
    })
    expect(steps(job(contexts, 'job'))).toEqual(['`script` of `.setup`: echo one\necho two\necho three @.gitlab-ci.yml:3:7', '`script`: echo four @.gitlab-ci.yml:9:7'])
  })

  it('!reference to a key of an extended definition, and to variables', () => {
    const { contexts } = read({
      '.gitlab-ci.yml': ['.vars:', '  variables: { DATABASE_URL: postgres://db/app }', '.a:', '  extends: .vars', 'job:', '  variables: !reference [.a, variables]', '  script: echo hi', ''].join('\n'),
    })
    expect(job(contexts, 'job').steps[0]!.env).toMatchObject({ DATABASE_URL: 'postgres://db/app' })
  })

  it('default: before_script and after_script reach a job that does not set its own; inherit: default: false stops them', () => {
    const { contexts } = read({
      '.gitlab-ci.yml': [
        'default:',
        '  before_script: [echo default-before]',
        '  after_script: [echo default-after]',
        'variables: { GLOBAL: "1" }',
        'a:',
        '  script: echo a',
        'b:',
        '  before_script: [echo own]',
        '  script: echo b',
        'c:',
        '  inherit: { default: false, variables: false }',
        '  script: echo c',
        '',
      ].join('\n'),
    })
    expect(steps(job(contexts, 'a')).map((s) => s.split(' @')[0])).toEqual(['`before_script` of `default`: echo default-before', '`script`: echo a', '`after_script` of `default`: echo default-after'])
    expect(steps(job(contexts, 'b')).map((s) => s.split(' @')[0])).toEqual(['`before_script`: echo own', '`script`: echo b', '`after_script` of `default`: echo default-after'])
    expect(steps(job(contexts, 'c')).map((s) => s.split(' @')[0])).toEqual(['`script`: echo c'])
    expect(job(contexts, 'a').steps[0]!.env).toEqual({ GLOBAL: '1' })
    expect(job(contexts, 'c').steps[0]!.env).toEqual({})
  })

  it('included local files (a list, wildcards) merge under the including file; hidden keys are not jobs', () => {
    const { contexts, problems } = read({
      '.gitlab-ci.yml': ['include:', '  - ci/base.yml', '  - local: "ci/jobs/*.yml"', 'build:', '  variables: { FROM: main }', ''].join('\n'),
      'ci/base.yml': ['build:', '  variables: { FROM: base, KEEP: "1" }', '  script: make', '.hidden:', '  script: echo hidden', ''].join('\n'),
      'ci/jobs/test.yml': ['test:', '  script: make test', ''].join('\n'),
    })
    expect(contexts.map((c) => c.label)).toEqual(['job `build` in .gitlab-ci.yml', 'job `test` in ci/jobs/test.yml'])
    expect(job(contexts, 'build').steps[0]!.env).toEqual({ FROM: 'main', KEEP: '1' })
    expect(problems).toEqual([])
  })

  it('an include naming no file is refused by GitLab; one outside the repository is a warning where the pipeline reaches production', () => {
    expect(read({ '.gitlab-ci.yml': 'include: ci/missing.yml\njob:\n  script: make\n' }).problems).toEqual(['.gitlab-ci.yml:1 parse-error'])
    expect(read({ '.gitlab-ci.yml': 'include:\n  - project: group/ci\n    file: deploy.yml\n  - template: Auto-DevOps.gitlab-ci.yml\n  - component: gitlab.com/group/deploy@1.0\n' }).problems).toEqual([
      '.gitlab-ci.yml:2 unresolved-on-production-path',
      '.gitlab-ci.yml:4 unresolved-on-production-path',
      '.gitlab-ci.yml:5 unresolved-on-production-path',
    ])
  })

  it('services give the job host names: the image name, its path with __ and -, and aliases', () => {
    const { contexts } = read({ '.gitlab-ci.yml': 'job:\n  services: ["postgres:16", { name: "bitnami/mysql:8", alias: "db,mysql" }]\n  script: make\n' })
    expect(job(contexts, 'job').services).toEqual(['postgres', 'bitnami__mysql', 'bitnami-mysql', 'db', 'mysql'])
  })
})

describe('GitLab CI: when a job runs', () => {
  const [push] = scenariosOf([{ branch: 'main', kind: 'default' }])
  const tag = scenariosOf([{ branch: 'main', kind: 'default' }]).find((s) => s.ref.tag)!
  const mergeRequest = scenariosOf([{ branch: 'main', kind: 'default' }]).find((s) => s.ref.mergeRequest)!
  it.each([
    ['$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', true, false, false],
    ['$CI_COMMIT_BRANCH == "main"', true, false, false],
    ['$CI_COMMIT_TAG', false, true, false],
    ['$CI_COMMIT_TAG =~ /^v\\d/', false, 'unknown', false],
    ['$CI_PIPELINE_SOURCE == "merge_request_event"', false, false, true],
    ['$CI_MERGE_REQUEST_IID || $CI_COMMIT_BRANCH == "main"', true, false, true],
    ['($CI_COMMIT_BRANCH =~ /^ma/) && $DEPLOY == "yes"', 'unknown', false, false],
    ['$DEPLOY == "yes"', true, true, true],
    ['$CI_COMMIT_BRANCH != null', true, false, false],
  ] as const)('%s', (expression, onMain, onTag, onMergeRequest) => {
    const known = { DEPLOY: 'yes' }
    const dropKnown = expression.includes('&&') ? {} : known
    expect([evaluate(expression, push!, dropKnown), evaluate(expression, tag, dropKnown), evaluate(expression, mergeRequest, dropKnown)]).toEqual([onMain, onTag, onMergeRequest])
  })

  it('first matching rule wins; when: never excludes; no rule matching leaves the job out', () => {
    const reasons = (rules: string) => job(read({ '.gitlab-ci.yml': `job:\n  environment: production\n  script: make\n  rules:\n${rules}` }).contexts, 'job').reasons.map((r) => `${r.towards ? '+' : '-'} ${r.detail}`)
    expect(reasons('    - if: $CI_COMMIT_BRANCH == "main"\n      when: never\n    - when: always\n')).toEqual(['+ `rules:` entry without `if:`: runs for pushes to `master`, tags', '+ environment `production`'])
    expect(reasons('    - if: $CI_PIPELINE_SOURCE == "merge_request_event"\n')).toEqual(['- no rule of `rules:` matches runs only for merge requests, never on the default branch or a tag', '+ environment `production`'])
  })

  it('only/except: refs and the default of branches and tags', () => {
    const reasons = (filters: string) => job(read({ '.gitlab-ci.yml': `job:\n  script: make\n${filters}` }).contexts, 'job').reasons.map((r) => `${r.towards ? '+' : '-'} ${r.detail}`)
    expect(reasons('')).toEqual(['+ no `rules:` or `only:`: runs for pushes to `main`, pushes to `master`, tags'])
    expect(reasons('  only: [merge_requests]\n')).toEqual(['- `only: merge_requests` runs only for merge requests, never on the default branch or a tag'])
    expect(reasons('  only: [/^release-.*$/]\n')).toEqual(['+ `only: /^release-.*$/`: runs for tags'])
    expect(reasons('  except: [main, master, tags]\n')).toEqual(['- `except: main, master, tags` runs only for other branches, never on the default branch or a tag'])
  })

  it('a branch named for production is production where a gate names it, never where a gate takes any branch', () => {
    const reasons = (filters: string) => job(read({ '.gitlab-ci.yml': `job:\n  script: make\n${filters}` }).contexts, 'job').reasons.map((r) => `${r.towards ? '+' : '-'} ${r.detail}`)
    expect(reasons('  only: [production]\n')).toEqual(['+ `only: production`: runs for pushes to `production`'])
    expect(reasons('  rules:\n    - if: $CI_COMMIT_BRANCH == "prod"\n')).toEqual(['+ `rules: if: $CI_COMMIT_BRANCH == "prod"`: runs for pushes to `prod`'])
    // on `production` the default branch is still `main`
    expect(reasons('  rules:\n    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH\n')).toEqual(['+ `rules: if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH`: runs for pushes to `main`, pushes to `master`'])
    expect(reasons('  except: [main, master]\n')).toEqual(['+ `except: main, master`: runs for tags'])
    expect(reasons('  only: [/^release\\/.*$/]\n')[0]).not.toMatch(/production/)
  })

  it('workflow: rules gate every job of the pipeline', () => {
    const { contexts } = read({ '.gitlab-ci.yml': 'workflow:\n  rules:\n    - if: $CI_MERGE_REQUEST_IID\njob:\n  script: make\n' })
    expect(job(contexts, 'job').reasons).toMatchObject([{ kind: 'trigger', towards: false }])
  })
})

describe('GitLab CI: parallel matrix', () => {
  it('one job per combination of each entry, named as GitLab names it, with the values as variables', () => {
    const { contexts } = read({ '.gitlab-ci.yml': 'deploy:\n  variables: { REGION: none }\n  parallel:\n    matrix:\n      - CLOUD: aws\n        REGION: [us, eu]\n      - CLOUD: gcp\n  script: ./deploy.sh\n' })
    expect(contexts.map((c) => `${c.label.split(' in ')[0]} ${JSON.stringify(c.steps[0]!.env)}`)).toEqual([
      'job `deploy: [aws, us]` {"REGION":"us","CLOUD":"aws"}',
      'job `deploy: [aws, eu]` {"REGION":"eu","CLOUD":"aws"}',
      'job `deploy: [gcp]` {"REGION":"none","CLOUD":"gcp"}',
    ])
  })
})

describe('GitLab CI: environment tiers', () => {
  const tierOf = (text: string) => {
    const view = new YamlView(parseYaml(text).doc, new LineIndex('.gitlab-ci.yml', text))
    const reasons = environmentOf(valueOf(view, view.root, 'job'), { STAGE: 'prod' }, DEFAULT_CONFIG).reasons
    return reasons.map((r) => `${r.towards ? '+' : '-'} ${r.detail}`)
  }
  it.each([
    ['production', ['+ environment `production`']],
    ['preprod', ['- environment `preprod` is staging, not production']],
    ['production-review', ['- environment `production-review` is development, not production']],
    ['internal', ['- environment `internal` is testing, not production']],
    ['gprd', ['+ environment `gprd`']],
    ['customer-portal', []],
    ['$STAGE', ['+ environment `$STAGE → prod`']],
    ['$UNKNOWN', ['+ environment `$UNKNOWN`: its name comes from a variable no file of the pipeline sets, so it may be production']],
    ['{ name: customer-portal, deployment_tier: production }', ['+ environment `customer-portal` (deployment_tier: production)']],
    ['{ name: production, deployment_tier: $TIER }', []],
    ['{ name: production, action: stop }', []],
  ])('%s', (text, expected) => {
    expect(tierOf(text)).toEqual(expected)
  })
})

describe('GitLab CI: odd shapes are read without throwing', () => {
  it.each([
    'include:\n',
    'include: [~, 3, { local: [a] }, { file: x }]\njob:\n  script: make\n',
    'a:\n  extends: b\n  script: make\nb:\n  extends: a\n',
    '.x:\n  script: !reference [.x, script]\njob:\n  script: !reference [.x, script]\n',
    'job:\n  script: { not: a list }\n  rules: yes\n  only: main\n  except: { refs: tags, variables: [$X == "1"] }\n',
    'job:\n  script: make\n  environment: 42\n  variables: { N: 1, B: true, L: { value: 3, description: d }, E: ~ }\n',
    'job:\n  script: make\n  services: [[postgres], ~, { alias: db }]\n  image: { name: ruby:3.3, entrypoint: [""] }\n',
    'job:\n  script: make\n  rules:\n    - if: $A ==\n    - if: ((($B)\n    - if: $C =~ /[/\n',
    'job:\n  trigger: group/other-project\n',
    'job:\n  trigger:\n    include:\n      - artifact: generated.yml\n        job: generate\n',
    'job:\n  trigger:\n    include: .gitlab-ci.yml\n',
    'default: [1, 2]\nworkflow: rules\njob:\n  script: make\n  inherit: { default: [before_script], variables: [A] }\n',
    '- just\n- a list\n',
    'job: &a\n  script: make\nother:\n  <<: *a\n  environment: production\n',
  ])('%j', (text) => {
    expect(() => read({ '.gitlab-ci.yml': text })).not.toThrow()
  })

  it('a child pipeline that triggers itself stops', () => {
    const { contexts } = read({ '.gitlab-ci.yml': 'job:\n  trigger:\n    include: ci/child.yml\n', 'ci/child.yml': 'again:\n  trigger:\n    include: ci/child.yml\nwork:\n  script: make\n' })
    expect(contexts.length).toBeGreaterThan(0)
    expect(contexts.length).toBeLessThan(10)
  })
})

describe('GitLab CI: child pipelines', () => {
  it('a child job runs where its trigger job does, with its variables and its environment', () => {
    const { contexts } = read({
      '.gitlab-ci.yml': 'variables: { APP: shop }\ndeploy:\n  environment: production\n  variables: { TARGET: eu }\n  trigger:\n    include: [{ local: ci/child.yml }]\n  only: [tags]\n',
      'ci/child.yml': 'workflow:\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "parent_pipeline"\nwork:\n  variables: { TARGET: us }\n  script: make\n',
    })
    const work = job(contexts, 'work')
    expect(work.label).toBe('job `deploy` (environment: production) in .gitlab-ci.yml → child pipeline: job `work` in ci/child.yml')
    expect(work.steps[0]!.env).toEqual({ APP: 'shop', TARGET: 'eu' })
    expect(work.reasons.map((r) => `${r.kind} ${r.towards ? '+' : '-'} ${r.detail}`)).toEqual(['trigger + `rules: if: $CI_PIPELINE_SOURCE == "parent_pipeline"`: runs for tags', 'environment + environment `production`'])
  })
})
