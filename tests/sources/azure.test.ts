import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { ExecutionContext } from '../../src/model/context.js'
import { decideProduction } from '../../src/production/decision.js'
import { MemoryFiles } from '../../src/project/files.js'
import azure from '../../src/sources/azure/reader.js'
import { holds, SET, UNKNOWN, type Scalar } from '../../src/sources/azure/expressions.js'
import { deploymentsOf, projectOf } from '../helpers/project.js'

function read(files: Record<string, string>, file = 'azure-pipelines.yml'): { contexts: ExecutionContext[]; problems: string[] } {
  const project = projectOf(files)
  const result = azure.read(file, project, DEFAULT_CONFIG, deploymentsOf(project))
  return { contexts: result.contexts, problems: result.problems.map((p) => `${p.span.file}:${p.span.start.line}:${p.span.start.column} ${p.rule}`) }
}

const yaml = (...lines: string[]) => lines.join('\n') + '\n'
const job = (contexts: ExecutionContext[], name: string) => contexts.find((c) => c.label.includes(`\`${name}\``))!
/** each step as `label: text @file:line:col` */
const steps = (context: ExecutionContext) => context.steps.map((s) => `${s.label}: ${s.source?.text.trim() ?? ''} @${s.span.file}:${s.span.start.line}:${s.span.start.column}`)
/** the verdict of a job's step, as the check weighs it (no deploy commands walked) */
const verdict = (context: ExecutionContext, index = 0) => decideProduction([...context.reasons, ...(context.steps[index]?.reasons ?? [])]).verdict
const findings = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of(files), DEFAULT_CONFIG).findings.map((f) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column} ${f.severity} [${f.rule}]`)

describe('Azure Pipelines expressions', () => {
  const lookup = (vars: Record<string, Scalar>) => ({ property: (path: string[]) => vars[path.slice(1).join('.').toLowerCase()] ?? UNKNOWN })
  it.each([
    ["eq(variables['Build.SourceBranch'], 'refs/heads/main')", { 'build.sourcebranch': 'refs/heads/Main' }, true],
    ["and(succeeded(), ne(variables['Build.Reason'], 'PullRequest'))", { 'build.reason': 'PullRequest' }, false],
    ["or(eq(variables.x, 'a'), eq(variables['Build.Reason'], 'Manual'))", { 'build.reason': 'Manual' }, true],
    ["eq(variables.x, 'a')", {}, 'unknown'],
    ["not(startsWith(variables['Build.SourceBranch'], 'refs/tags/'))", { 'build.sourcebranch': { prefix: 'refs/tags/' } }, false],
    ["eq(variables['Build.SourceBranch'], 'refs/tags/v1.0')", { 'build.sourcebranch': { prefix: 'refs/tags/' } }, 'unknown'],
    ["eq(variables['Build.SourceBranch'], 'refs/heads/main')", { 'build.sourcebranch': { prefix: 'refs/tags/' } }, false],
    ["in(variables['Build.Reason'], 'IndividualCI', 'BatchedCI')", { 'build.reason': 'BatchedCI' }, true],
    ['eq(variables.isMain, true)', { ismain: 'True' }, true],
    ["ne(variables['System.PullRequest.PullRequestId'], '')", { 'system.pullrequest.pullrequestid': SET }, 'unknown'],
    ['failed()', {}, 'unknown'],
    ['eq(a, ', {}, 'unknown'],
  ] as const)('%s', (text, vars, expected) => {
    expect(holds(text, lookup(vars as Record<string, Scalar>))).toBe(expected)
  })
})

describe('Azure Pipelines: when a job runs', () => {
  const deployJob = (extra: string[]) => yaml(...extra, 'jobs:', '  - deployment: Release', '    environment: production', '    strategy:', '      runOnce:', '        deploy:', '          steps:', '            - script: ./release.sh')

  it('without `trigger:` every branch triggers but no tag; a manual run reaches the default branch even with `trigger: none`', () => {
    const none = read({ 'azure-pipelines.yml': deployJob(['trigger: none']) })
    expect(none.contexts[0]!.reasons[0]!.detail).toContain('manual runs on `main`')
    const implied = read({ 'azure-pipelines.yml': deployJob([]) })
    expect(implied.contexts[0]!.reasons[0]!.detail).toMatch(/^no `trigger:` or `condition:` that excludes it: runs for pushes to `main`/)
  })

  it('a condition that only pull requests or another branch pass is not production, on the stage, the job or the step', () => {
    const onStage = read({
      'azure-pipelines.yml': yaml('stages:', '  - stage: Preview', "    condition: eq(variables['Build.Reason'], 'PullRequest')", '    jobs:', '      - job: Seed', '        steps:', '          - script: npm run seed'),
    })
    expect(onStage.contexts[0]!.reasons[0]).toMatchObject({ towards: false, detail: expect.stringContaining('runs only for pull requests') })
    const onStep = read({
      'azure-pipelines.yml': yaml('jobs:', '  - deployment: Db', '    environment: production', '    strategy:', '      runOnce:', '        deploy:', '          steps:', '            - script: npm run migrate', '            - script: npm run seed', "              condition: eq(variables['Build.SourceBranchName'], 'develop')"),
    })
    expect(verdict(onStep.contexts[0]!, 0)).toBe('production')
    expect(verdict(onStep.contexts[0]!, 1)).toBe('not-production')
  })

  it('a `$[ ]` variable read in a condition, and `enabled: false`', () => {
    const { contexts } = read({
      'azure-pipelines.yml': yaml(
        'variables:',
        "  isRelease: $[or(in(variables['Build.SourceBranchName'], 'main', 'master'), startsWith(variables['Build.SourceBranch'], 'refs/tags/'))]",
        'jobs:',
        '  - job: Nightly',
        '    condition: eq(variables.isRelease, false)',
        '    steps: [{ script: npm run seed }]',
        '  - deployment: Db',
        '    environment: production',
        '    strategy: { runOnce: { deploy: { steps: [{ script: npm run seed, enabled: false }] } } }',
      ),
    })
    expect(job(contexts, 'Nightly').reasons[0]!.towards).toBe(false)
    expect(verdict(job(contexts, 'Db'))).toBe('not-production')
  })

  it('tags reach a job through `trigger: tags:` and `startsWith(Build.SourceBranch, refs/tags/)`', () => {
    const { contexts } = read({
      'azure-pipelines.yml': yaml('trigger:', '  branches: { include: [develop] }', '  tags: { include: [v*] }', 'jobs:', '  - job: Publish', "    condition: startsWith(variables['Build.SourceBranch'], 'refs/tags/')", '    steps: [{ script: npm publish }]'),
    })
    expect(contexts[0]!.reasons[0]).toMatchObject({ towards: true, detail: expect.stringMatching(/runs for tags$/) })
  })
})

describe('Azure Pipelines: what a job runs', () => {
  it('steps of every kind, each at its script; a steps-only pipeline is one job', () => {
    const { contexts } = read({
      'azure-pipelines.yml': yaml(
        'steps:',
        '  - script: npm ci',
        '  - bash: npm run build',
        '    workingDirectory: web',
        '  - pwsh: Write-Host hi',
        '  - task: Bash@3',
        '    inputs: { targetType: inline, script: npm run seed }',
        '  - task: CmdLine@2',
        '    inputs: { script: npm test }',
        '  - task: AzureCLI@2',
        '    inputs: { scriptType: bash, scriptLocation: inlineScript, inlineScript: az webapp deploy }',
        '  - task: Npm@1',
        '    inputs: { command: custom, customCommand: run db:seed }',
        '  - task: Bash@3',
        '    inputs: { filePath: $(Build.SourcesDirectory)/scripts/seed.sh, arguments: --force }',
        '  - checkout: self',
      ),
    })
    expect(contexts).toHaveLength(1)
    expect(contexts[0]!.label).toBe('job `Job` in azure-pipelines.yml')
    expect(steps(contexts[0]!)).toEqual([
      'step `script`: npm ci @azure-pipelines.yml:2:13',
      'step `bash`: npm run build @azure-pipelines.yml:3:11',
      'step `pwsh`: Write-Host hi @azure-pipelines.yml:5:11',
      'step `task: Bash@3`: npm run seed @azure-pipelines.yml:6:5',
      'step `task: CmdLine@2`: npm test @azure-pipelines.yml:8:5',
      'step `task: AzureCLI@2`: az webapp deploy @azure-pipelines.yml:10:5',
      'step `task: Npm@1`: npm run db:seed @azure-pipelines.yml:12:5',
      'step `task: Bash@3`: bash ./scripts/seed.sh --force @azure-pipelines.yml:14:5',
      'step `checkout`:  @azure-pipelines.yml:16:5',
    ])
    expect(contexts[0]!.steps[1]!.cwd).toBe('web')
    expect(contexts[0]!.steps[2]!.source?.shell).toBe('pwsh')
  })

  it('variables in map and list form become the environment, upper-cased; a macro of a variable no file sets is a secret', () => {
    const { contexts } = read({
      'azure-pipelines.yml': yaml(
        'variables:',
        '  - group: prod-secrets',
        '  - name: app.mode',
        '    value: release',
        'jobs:',
        '  - job: Db',
        '    variables: { LOG_LEVEL: debug }',
        '    steps:',
        '      - script: npm run seed',
        '        env:',
        '          DATABASE_URL: $(PROD_DATABASE_URL)',
      ),
    })
    expect(contexts[0]!.steps[0]!.env).toEqual({ APP_MODE: 'release', LOG_LEVEL: 'debug', DATABASE_URL: '<secret PROD_DATABASE_URL>' })
    expect(contexts[0]!.steps[0]!.reasons).toContainEqual(expect.objectContaining({ kind: 'database', towards: true }))
  })

  it('every hook of every deployment strategy', () => {
    const hook = (name: string) => [`        ${name}:`, `          steps: [{ script: echo ${name} }]`]
    const { contexts } = read({
      'azure-pipelines.yml': yaml(
        'jobs:',
        '  - deployment: Web',
        '    environment: { name: production, resourceType: VirtualMachine }',
        '    strategy:',
        '      rolling:',
        '        maxParallel: 2',
        ...hook('preDeploy'),
        ...hook('deploy'),
        ...hook('routeTraffic'),
        ...hook('postRouteTraffic'),
        '        on:',
        '          success:',
        '            steps: [{ script: echo success }]',
      ),
    })
    expect(contexts[0]!.steps.map((s) => s.label)).toEqual(['`rolling.preDeploy` step `script`', '`rolling.deploy` step `script`', '`rolling.routeTraffic` step `script`', '`rolling.postRouteTraffic` step `script`', '`rolling.on.success` step `script`'])
    expect(contexts[0]!.runtime?.values).toEqual({ TF_BUILD: 'True', ENVIRONMENT_NAME: 'production' })
  })
})

describe('Azure Pipelines templates', () => {
  it('jobs and steps templates with parameters, ${{ if }}/${{ else }}, ${{ each }} and a stepList parameter, each step where it is written', () => {
    const files = {
      'azure-pipelines.yml': yaml('jobs:', '  - template: ci/deploy-job.yml', '    parameters:', '      environment: production', '      extraSteps:', '        - script: echo extra', '      tools: [node, ruby]'),
      'ci/deploy-job.yml': yaml(
        'parameters:',
        '  - name: environment',
        '    type: string',
        '  - name: extraSteps',
        '    type: stepList',
        '    default: []',
        '  - name: tools',
        '    type: object',
        '    default: []',
        'jobs:',
        '  - deployment: Deploy',
        '    environment: ${{ parameters.environment }}',
        '    strategy:',
        '      runOnce:',
        '        deploy:',
        '          steps:',
        '            - ${{ parameters.extraSteps }}',
        '            - ${{ each tool in parameters.tools }}:',
        '                - script: echo ${{ tool }}',
        "            - ${{ if eq(parameters.environment, 'production') }}:",
        '                - template: steps/release.yml',
        '            - ${{ else }}:',
        '                - script: npm run seed',
      ),
      'ci/steps/release.yml': yaml('steps:', '  - script: npm run migrate'),
    }
    const { contexts, problems } = read(files)
    expect(problems).toEqual([])
    const deploy = contexts[0]!
    expect(deploy.label).toBe('deployment `Deploy` (environment: ${{ parameters.environment }} → production) in ci/deploy-job.yml via template `ci/deploy-job.yml` (azure-pipelines.yml:2)')
    expect(steps(deploy)).toEqual([
      '`runOnce.deploy` step `script` in azure-pipelines.yml: echo extra @azure-pipelines.yml:6:19',
      '`runOnce.deploy` step `script`: echo node @ci/deploy-job.yml:19:27',
      '`runOnce.deploy` step `script`: echo ruby @ci/deploy-job.yml:19:27',
      '`runOnce.deploy` step `script` in ci/steps/release.yml: npm run migrate @ci/steps/release.yml:2:13',
      '`runOnce.deploy` step `script`: npm run seed @ci/deploy-job.yml:23:27',
    ])
    expect(verdict(deploy, 3)).toBe('production')
    expect(verdict(deploy, 4)).toBe('not-production')
  })

  it('a template file is read through the pipeline that references it, not as a pipeline of its own', () => {
    const files = {
      'azure-pipelines.yml': yaml('steps:', '  - template: .azure-pipelines/steps.yml'),
      '.azure-pipelines/steps.yml': yaml('steps:', '  - script: npm run seed'),
    }
    expect(read(files, '.azure-pipelines/steps.yml').contexts).toEqual([])
    expect(steps(read(files).contexts[0]!)).toEqual(['step `script` in .azure-pipelines/steps.yml: npm run seed @.azure-pipelines/steps.yml:2:13'])
  })

  it('extends: template: hands the pipeline to a template with the root parameters', () => {
    const { contexts } = read({
      'azure-pipelines.yml': yaml('trigger: [main]', 'extends:', '  template: /templates/pipeline.yml', '  parameters:', '    stageName: Prod'),
      'templates/pipeline.yml': yaml('parameters:', '  stageName: Build', 'stages:', '  - stage: ${{ parameters.stageName }}', '    jobs:', '      - job: Only', '        steps: [{ script: npm run seed }]'),
    })
    expect(contexts.map((c) => c.label)).toEqual(['stage `Prod`, job `Only` in templates/pipeline.yml via template `templates/pipeline.yml` (azure-pipelines.yml:3)'])
  })

  it('a template of another repository warns where the pipeline can reach production; a missing local one is a parse error', () => {
    const { problems } = read({
      'azure-pipelines.yml': yaml('stages:', '  - template: deploy.yml@templates', '  - stage: B', '    jobs:', '      - template: missing.yml'),
    })
    expect(problems).toEqual(['azure-pipelines.yml:5:19 parse-error', 'azure-pipelines.yml:2:15 unresolved-on-production-path'])
  })

  it('a template of another repository referenced several times is one warning, at its first reference', () => {
    const project = projectOf({
      'azure-pipelines.yml': yaml('trigger: [main]', 'stages:', '  - template: notify.yml@templates', '  - template: deploy.yml@templates', '  - template: notify.yml@templates'),
    })
    const problems = azure.read('azure-pipelines.yml', project, DEFAULT_CONFIG, deploymentsOf(project)).problems
    expect(problems.map((p) => [p.span.start.line, p.message])).toEqual([
      [3, expect.stringMatching(/^`template: notify\.yml@templates` is not in this repository.*\(referenced 2 times; the first reference is here\)$/)],
      [4, expect.not.stringContaining('referenced')],
    ])
  })
})

describe('Azure Pipelines: where a deployment job deploys', () => {
  it('an environment chosen when the run is queued is production when one of its choices is', () => {
    const pipeline = (values: string) =>
      yaml('parameters:', '  - name: env', '    type: string', '    default: dev', `    values: [${values}]`, 'trigger: none', 'jobs:', '  - deployment: Db', '    environment: ${{ parameters.env }}', '    strategy: { runOnce: { deploy: { steps: [{ script: npm run seed }] } } }')
    const chosen = read({ 'azure-pipelines.yml': pipeline('dev, test, prod') }).contexts[0]!
    expect(chosen.label).toBe('deployment `Db` (environment: ${{ parameters.env }} → dev | test | prod) in azure-pipelines.yml')
    expect(chosen.steps[0]!.reasons).toContainEqual(expect.objectContaining({ kind: 'environment', towards: true, detail: 'environment `${{ parameters.env }}` can be prod (chosen when the run is queued)' }))
    expect(read({ 'azure-pipelines.yml': pipeline('dev, test') }).contexts[0]!.reasons).toContainEqual(expect.objectContaining({ kind: 'environment', towards: false }))
  })

  it('an environment set under a `${{ if }}` key of the job', () => {
    const pipeline = (env: string) =>
      yaml('jobs:', '  - template: job.yml', `    parameters: { env: ${env} }`)
    const job = yaml('parameters:', '  env: dev', 'jobs:', '  - deployment: Db', "    ${{ if eq(parameters.env, 'prod') }}:", '      environment: production', '    ${{ else }}:', '      environment: development', '    strategy: { runOnce: { deploy: { steps: [{ script: npm run seed }] } } }')
    expect(read({ 'azure-pipelines.yml': pipeline('prod'), 'job.yml': job }).contexts[0]!.label).toContain('(environment: production)')
    expect(read({ 'azure-pipelines.yml': pipeline('qa'), 'job.yml': job }).contexts[0]!.label).toContain('(environment: development)')
  })

  it('a steps template of another repository is a step that cannot be read, judged with its job', () => {
    const { contexts, problems } = read({
      'azure-pipelines.yml': yaml('resources: { repositories: [{ repository: shared, type: git, name: Ops/templates }] }', 'jobs:', '  - deployment: Db', '    environment: production', '    strategy: { runOnce: { deploy: { steps: [{ template: steps/seed.yml@shared, parameters: { script: npm run seed } }] } } }'),
    })
    expect(problems).toEqual([])
    expect(contexts[0]!.steps[0]).toMatchObject({ label: 'step `template: steps/seed.yml@shared`', action: { uses: 'template: steps/seed.yml@shared', inputs: { script: 'npm run seed' } } })
  })
})

describe('Azure Pipelines in a check', () => {
  it('a runtime parameter on by default seeds in production (error); off by default, chosen when queued (warning)', () => {
    const pipeline = (value: string) =>
      yaml('parameters:', '  - name: seed', '    type: boolean', `    default: ${value}`, 'jobs:', '  - deployment: Db', '    environment: production', '    strategy:', '      runOnce:', '        deploy:', '          steps:', '            - ${{ if parameters.seed }}:', '              - script: npx knex seed:run')
    expect(findings({ 'azure-pipelines.yml': pipeline('true') })).toEqual(['azure-pipelines.yml:13:25 error [seed-in-production]'])
    expect(findings({ 'azure-pipelines.yml': pipeline('false') })).toEqual(['azure-pipelines.yml:13:25 warning [seed-possibly-in-production]'])
  })

  it('reads azure-pipelines-*.yml at the root and the files of the folders pipelines are kept in, not one in a subfolder', () => {
    const seed = yaml('jobs:', '  - deployment: Db', '    environment: production', '    strategy: { runOnce: { deploy: { steps: [{ script: npx knex seed:run }] } } }')
    expect(findings({ 'azure-pipelines-release.yaml': seed, '.azure-pipelines/prod.yml': seed, '.azure/pipelines/db.yaml': seed, 'vendor/lib/azure-pipelines.yml': seed })).toEqual([
      '.azure-pipelines/prod.yml:4:56 error [seed-in-production]',
      '.azure/pipelines/db.yaml:4:56 error [seed-in-production]',
      'azure-pipelines-release.yaml:4:56 error [seed-in-production]',
    ])
  })
})
