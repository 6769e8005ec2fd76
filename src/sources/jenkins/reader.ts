// Jenkins pipelines: https://www.jenkins.io/doc/book/pipeline/syntax/ , read as data, never run.
// Each stage with steps is one context (declarative, or a scripted `node { stage('x') { … } }`); its
// `sh` steps are shell at their place in the Jenkinsfile. The Groovy around them (a `script { }`
// block's, a scripted pipeline's `if`/`def`) and steps from shared libraries or plugins are not read,
// and say so where they can reach production.
import type { SeedguardConfig } from '../../config/types.js'
import type { ContextStep, ExecutionContext } from '../../model/context.js'
import type { ProductionReason } from '../../model/production.js'
import type { Span } from '../../model/span.js'
import { classifyEnvironmentName, databaseReasons, envVarReasons } from '../../production/evidence.js'
import type { LineIndex } from '../../util/line-index.js'
import { joinPath } from '../../util/paths.js'
import { pushedBranches } from '../ci/branches.js'
import { reachReasons, type Gate } from '../ci/reach.js'
import type { Problem, SourceReader } from '../types.js'
import type { Project } from '../../project/project.js'
import { GroovyError, parseGroovy, type Arg, type Expr, type Statement } from './parse.js'
import { jenkinsRuntime } from './runtime.js'
import { shellSourceOf, stringValue } from './strings.js'
import { scenariosOf, whenGate, type Scenario } from './when.js'
import { shippedByJobs } from '../ci/artifacts.js'
import { remoteHostReason } from '../ci/remote-host.js'

const jenkins: SourceReader = {
  id: 'jenkins',
  title: 'Jenkins declarative pipelines',
  docs: 'https://www.jenkins.io/doc/book/pipeline/syntax/',
  // the default name, and the names a project picks for its other pipelines ("Script Path")
  files: ['**/Jenkinsfile', '**/Jenkinsfile.*', '**/*.Jenkinsfile', '**/jenkins/Jenkinsfile*'],
  accepts: (file) => !/\.(md|txt|ya?ml|json|xml|html|png|svg|bak|orig)$/i.test(file),
  read: readJenkinsFile,
  deploys: shippedByJobs(readJenkinsFile),
}
export default jenkins

function readJenkinsFile(file: string, project: Project, config: SeedguardConfig): { contexts: ExecutionContext[]; problems: Problem[] } {
  const lines = project.cache.get(file)
  if (!lines) return { contexts: [], problems: [{ rule: 'parse-error', message: `${file} cannot be read`, span: { file, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } }] }
  let statements: Statement[]
  try {
    statements = parseGroovy(lines.text)
  } catch (error) {
    if (!(error instanceof GroovyError)) throw error
    return { contexts: [], problems: [{ rule: 'parse-error', message: `not a Jenkinsfile this reader can parse: ${error.message}`, span: lines.span(error.offset, error.offset + 1) }] }
  }
  return readPipeline(statements, { file, lines, config })
}

interface FileSetting {
  file: string
  lines: LineIndex
  config: SeedguardConfig
}

type Call = Expr & { kind: 'call' }

function callOf(statement: Statement | undefined): Call | undefined {
  return statement?.kind === 'expr' && statement.value.kind === 'call' ? statement.value : undefined
}

/** the calls of a block named `name` among statements: `stages { … }`, `environment { … }` */
function blockOf(statements: Statement[], name: string): Call | undefined {
  return statements.map(callOf).find((c) => c?.path.length === 1 && c.path[0] === name && c.closure !== undefined)
}

const bodyOf = (call: Call | undefined): Statement[] => call?.closure?.body ?? []

/** a call's span from its name to the end of its arguments, without its block */
function headSpan(call: Call, lines: LineIndex): Span {
  const end = call.closure ? lines.text.slice(call.start, call.closure.start).trimEnd().length + call.start : call.end
  return lines.span(call.start, end)
}

function readPipeline(statements: Statement[], setting: FileSetting): { contexts: ExecutionContext[]; problems: Problem[] } {
  const pipeline = blockOf(statements, 'pipeline')
  const { lines } = setting
  if (!pipeline) {
    const scripted = readScripted(statements, setting)
    if (scripted) return { contexts: scripted, problems: [] }
    const problem = notDeclarative(statements, lines)
    return { contexts: [], problems: problem ? [problem] : [] }
  }
  const scenarios = scenariosOf(pushedBranches(setting.config))
  const body = bodyOf(pipeline)
  const env = environmentOf(bodyOf(blockOf(body, 'environment')), {})
  const agent = agentOf(body)
  const top: StageSetting = { names: [], gates: [], env, agent, scenarios }
  const contexts = stagesIn(bodyOf(blockOf(body, 'stages'))).flatMap((stage) => readStage(stage, top, setting))
  const post = blockOf(body, 'post')
  if (post) {
    const span = headSpan(post, lines)
    const steps = postSteps(post, { cwd: '.', env }, setting)
    if (steps.length > 0) {
      const reasons = reachReasons([], scenarios, span, 'no `when`')
      contexts.push({ id: `${setting.file}#post`, label: `\`post\` of the pipeline in ${setting.file}`, span, reasons, runtime: jenkinsRuntime(agent), steps })
    }
  }
  return { contexts, problems: [] }
}

/**
 * A scripted pipeline (`node { … }`): Groovy that runs for every build, the default branch's too,
 * whose `stage('x') { … }` blocks hold their steps directly
 * (https://www.jenkins.io/doc/book/pipeline/syntax/#scripted-pipeline). Each stage is a context, as
 * a declarative one is, and so are the steps a `node` runs outside any stage; a `node` or a wrapper
 * (`timestamps { node { … } }`) inside runs its block where it is. The Groovy around the steps
 * (`if`, `def`, `try`, a method's closure) is reported where it stands, as in a `script { }` block.
 */
function readScripted(statements: Statement[], setting: FileSetting): ExecutionContext[] | undefined {
  const { lines, file, config } = setting
  const blockNamed = (statement: Statement, names: Set<string>): Call | undefined => {
    const call = callOf(statement)
    return call?.closure && call.path.length === 1 && names.has(call.path[0]!) ? call : undefined
  }
  const nodes = statements.map((s) => blockNamed(s, NODES)).filter((c): c is Call => c !== undefined)
  const first = nodes.find((c) => c.path[0] === 'node') ?? nodes.flatMap((c) => bodyOf(c).map((s) => blockNamed(s, new Set(['node'])))).find((c) => c !== undefined)
  if (!first) return undefined
  const scenarios = scenariosOf(pushedBranches(config))
  const contexts: ExecutionContext[] = []
  const context = (id: string, label: string, span: Span, names: string[], steps: ContextStep[]): void => {
    if (steps.length === 0) return
    const reasons = [...reachReasons([], scenarios, span, 'a scripted pipeline, no condition the file declares'), ...nameReasons(names, span, config)]
    contexts.push({ id, label, span, reasons, runtime: jenkinsRuntime(undefined), steps })
  }
  // the statements outside stages, with those of the nodes and wrappers they sit in
  const walk = (body: Statement[], names: string[]): Statement[] =>
    body.flatMap((statement) => {
      const stage = blockNamed(statement, STAGE)
      if (stage) {
        const nameArg = stage.args[0]?.value
        const inner = [...names, stringValue(nameArg, {}) ?? (nameArg ? lines.text.slice(nameArg.start, nameArg.end) : '?')]
        context(`${file}#${inner.join('/')}`, `stage \`${inner.join(' → ')}\` in ${file}`, headSpan(stage, lines), inner, stepsOf(walk(bodyOf(stage), inner), { cwd: '.', env: {} }, setting))
        return []
      }
      const node = blockNamed(statement, NODES)
      return node ? walk(bodyOf(node), names) : [statement]
    })
  const loose = walk(statements.filter((s) => blockNamed(s, NODES) !== undefined), [])
  context(`${file}#node`, `\`node\` in ${file}`, headSpan(first, lines), [], stepsOf(loose, { cwd: '.', env: {} }, setting))
  return contexts
}

const STAGE = new Set(['stage'])

/**
 * A Jenkinsfile without `pipeline { }` or `node { }` is Groovy that runs for every build, the default
 * branch's too: a pipeline a shared library defines (`@Library('x') _` and a call of its step).
 */
function notDeclarative(statements: Statement[], lines: LineIndex): Problem | undefined {
  const calls = statements.map(callOf).filter((c): c is Call => c !== undefined)
  // `properties([…])` and `library 'x'` set the build up; the call after them is the pipeline
  const first = calls.find((c) => c.path[0] !== 'properties' && c.path[0] !== 'library') ?? statements.find((s) => s.kind !== 'other' || !/^(@|import$|def$)/.test(s.word))
  if (!first) return undefined
  const what = first.kind === 'call' ? `\`${first.path.join('.')}\`` : 'Groovy'
  return { rule: 'unresolved-on-production-path', message: `no \`pipeline { }\` block: the build runs ${what} (a shared library's or scripted Groovy), on the default branch too, and its steps are not read`, span: first.kind === 'call' ? headSpan(first, lines) : lines.span(first.start, first.end) }
}

interface StageSetting {
  /** the enclosing stages' names, outermost first */
  names: string[]
  gates: { gate: Gate<Scenario>; kind: 'condition' }[]
  env: Record<string, string>
  agent: string | undefined
  scenarios: Scenario[]
}

/** the stages of a `stages { }` or `parallel { }` block */
function stagesIn(statements: Statement[]): Call[] {
  return statements.map(callOf).filter((c): c is Call => c?.path.length === 1 && c.path[0] === 'stage' && c.closure !== undefined)
}

function readStage(stage: Call, outer: StageSetting, setting: FileSetting): ExecutionContext[] {
  const { lines, file, config } = setting
  const body = bodyOf(stage)
  const nameArg = stage.args[0]?.value
  // a name Groovy computes (`stage("Deploy ${TARGET}")`) is shown as written
  const name = stringValue(nameArg, outer.env) ?? (nameArg ? lines.text.slice(nameArg.start, nameArg.end) : '?')
  const span = headSpan(stage, lines)
  const when = blockOf(body, 'when')
  const env = { ...outer.env, ...environmentOf(bodyOf(blockOf(body, 'environment')), outer.env) }
  // a stage's `environment` is set before its `when` is judged (pipeline-model-definition's
  // ModelInterpreter.groovy: "so that the per-stage environment is populated before we evaluate any when")
  const gates = when ? [...outer.gates, { gate: whenGate(bodyOf(when), env, headSpan(when, lines)), kind: 'condition' as const }] : outer.gates
  const inner: StageSetting = { names: [...outer.names, name], gates, env, agent: agentOf(body) ?? outer.agent, scenarios: outer.scenarios }
  // sequential stages, parallel stages, a matrix's stages: each is its own context
  const nested = [...stagesIn(bodyOf(blockOf(body, 'stages'))), ...stagesIn(bodyOf(blockOf(body, 'parallel'))), ...stagesIn(bodyOf(blockOf(bodyOf(blockOf(body, 'matrix')), 'stages')))]
  const contexts = nested.flatMap((s) => readStage(s, inner, setting))
  const steps = [...stepsOf(bodyOf(blockOf(body, 'steps')), { cwd: '.', env }, setting), ...postSteps(blockOf(body, 'post'), { cwd: '.', env }, setting)]
  if (steps.length === 0) return contexts
  const label = `stage \`${inner.names.join(' → ')}\` in ${file}`
  const reasons: ProductionReason[] = [...reachReasons(gates, outer.scenarios, span, 'no `when`'), ...nameReasons(inner.names, span, config), ...approvalReasons(body, steps, lines)]
  contexts.unshift({ id: `${file}#${inner.names.join('/')}`, label, span, reasons, runtime: jenkinsRuntime(inner.agent), steps })
  return contexts
}

const DEPLOY_WORDS = /\b(deploy\w*|release\w*|rollout|roll out|ship\w*|promot\w*|publish\w*)\b/i

/**
 * A stage named for an environment says where it runs, as a GitLab or GitHub environment does;
 * one named for a deploy says it deploys, the environment unsaid.
 */
function nameReasons(names: string[], span: Span, config: SeedguardConfig): ProductionReason[] {
  const reasons: ProductionReason[] = []
  for (const name of names) {
    const verdict = classifyEnvironmentName(name, config)
    if (verdict === 'production') reasons.push({ kind: 'environment', towards: true, detail: `stage \`${name}\` is named for production`, span })
    else if (verdict === 'not-production') reasons.push({ kind: 'environment', towards: false, detail: `stage \`${name}\` is named for a non-production environment`, span })
    else if (DEPLOY_WORDS.test(name)) reasons.push({ kind: 'deploy-command', towards: true, detail: `stage \`${name}\` is named for a deploy`, span })
  }
  return reasons
}

/** `input` (the stage directive or the step): a person approves before the stage goes on, as before a release */
function approvalReasons(body: Statement[], steps: ContextStep[], lines: LineIndex): ProductionReason[] {
  const directive = blockOf(body, 'input')
  const step = steps.find((s) => s.label === '`input`')
  const span = directive ? headSpan(directive, lines) : step?.span
  return span ? [{ kind: 'deploy-command', towards: true, detail: '`input` waits for a person to approve it, as a release does', span }] : []
}

/** `agent { docker { image 'x' } }`, `agent { label 'x' }`, `agent any` */
function agentOf(body: Statement[]): string | undefined {
  const agent = body.map(callOf).find((c) => c?.path.length === 1 && c.path[0] === 'agent')
  if (!agent) return undefined
  if (!agent.closure) return agent.args[0]?.value.kind === 'name' ? undefined : stringValue(agent.args[0]?.value, {})
  for (const kind of agent.closure.body.map(callOf)) {
    const inner = kind?.closure ? bodyOf(kind).map(callOf).find((c) => c?.path[0] === 'image' || c?.path[0] === 'label') : kind
    const value = stringValue(inner?.args[0]?.value, {})
    if (value !== undefined) return `${inner!.path[0] === 'image' ? 'image' : 'label'} \`${value}\``
  }
  return undefined
}

/**
 * `environment { K = 'v' }`: a value the file shows, `credentials('id')` as a secret of that
 * name, and nothing for one Groovy computes at run time (`sh(returnStdout: true, …)`), which stays
 * unknown. Later entries see earlier ones, `$X` in single quotes too (JENKINS-41748).
 * https://www.jenkins.io/doc/book/pipeline/syntax/#environment
 */
function environmentOf(statements: Statement[], outer: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {}
  for (const statement of statements) {
    if (statement.kind !== 'assign') continue
    const known = { ...outer, ...env }
    const value = valueOf(statement.value, known)
    if (value !== undefined) env[statement.name] = value.replace(/\$\{?([A-Za-z_]\w*)\}?/g, (whole, name: string) => known[name] ?? whole)
  }
  return env
}

function valueOf(expr: Expr, env: Record<string, string>): string | undefined {
  if (expr.kind === 'call' && expr.path.join('.') === 'credentials') return `<secret ${stringValue(expr.args[0]?.value, env) ?? 'credentials'}>`
  if (expr.kind === 'literal' && expr.text !== 'null') return expr.text
  return stringValue(expr, env)
}

interface StepSetting {
  cwd: string
  env: Record<string, string>
}

// `post` conditions: https://www.jenkins.io/doc/book/pipeline/syntax/#post
const POST_CONDITIONS = new Set(['always', 'changed', 'fixed', 'regression', 'aborted', 'failure', 'success', 'unstable', 'unsuccessful', 'cleanup', 'notBuilt'])

function postSteps(post: Call | undefined, setting: StepSetting, file: FileSetting): ContextStep[] {
  return bodyOf(post).flatMap((statement) => {
    const condition = callOf(statement)
    if (!condition?.closure || !POST_CONDITIONS.has(condition.path.join('.'))) return []
    return stepsOf(condition.closure.body, setting, file).map((step) => ({ ...step, label: `\`post { ${condition.path[0]} }\`: ${step.label}` }))
  })
}

// steps that run none of the repository's commands: Pipeline's basic steps, SCM and the common
// reporting plugins' (https://www.jenkins.io/doc/pipeline/steps/)
const QUIET_STEPS = new Set([
  'echo', 'checkout', 'git', 'junit', 'archiveArtifacts', 'stash', 'unstash', 'cleanWs', 'deleteDir', 'mail', 'emailext', 'slackSend', 'writeFile', 'readFile', 'error', 'unstable',
  'milestone', 'sleep', 'input', 'publishHTML', 'recordIssues', 'fileExists', 'readJSON', 'readYaml', 'readProperties', 'writeJSON', 'writeYaml', 'cobertura', 'jacoco', 'publishCoverage', 'recordCoverage',
  'githubNotify', 'setGitHubPullRequestStatus', 'updateGitlabCommitStatus', 'gitlabCommitStatus', 'buildName', 'buildDescription', 'fingerprint', 'copyArtifacts', 'discordSend', 'office365ConnectorSend',
  'waitForQualityGate', 'zip', 'unzip', 'tool', 'isUnix', 'pwd', 'archive',
])

// steps whose block runs as steps of the same stage: https://www.jenkins.io/doc/pipeline/steps/workflow-basic-steps/
const WRAPPERS = new Set(['timeout', 'retry', 'lock', 'catchError', 'warnError', 'timestamps', 'ansiColor', 'sshagent', 'container', 'withAWS', 'withKubeConfig', 'withDockerRegistry', 'nodejs', 'withMaven', 'withGradle', 'configFileProvider', 'withSonarQubeEnv', 'wrap', 'waitUntil', 'withVault', 'withPythonEnv', 'xvfb'])

// a scripted pipeline's `node` runs its block on an agent, as a wrapper runs its block
const NODES = new Set(['node', ...WRAPPERS])

// shells seedguard does not read: https://www.jenkins.io/doc/pipeline/steps/workflow-durable-task-step/
const OTHER_SHELLS = new Set(['bat', 'powershell', 'pwsh'])

/** the steps of a `steps { }` block (or a wrapper's block), each `sh` one step with its shell text */
function stepsOf(statements: Statement[], outer: StepSetting, file: FileSetting): ContextStep[] {
  const { lines } = file
  const steps: ContextStep[] = []
  // `env.X = …` in a `script { }` sets X for the steps after it
  let setting = outer
  const step = (label: string, span: Span, extra: Partial<ContextStep> = {}): ContextStep => ({ label, span, cwd: setting.cwd, env: setting.env, reasons: [...databaseReasons(setting.env, [], file.config, span), ...envVarReasons(setting.env, file.config, span)], ...extra })
  const unread = (label: string, span: Span, reason: string) => steps.push(step(label, span, { invoke: [{ kind: 'unresolved', reason }] }))
  for (const statement of statements) {
    if (statement.kind === 'assign') {
      // an assignment runs the steps its value calls (`def out = sh(returnStdout: true, script: …)`), nothing else
      steps.push(...stepsOf(callsIn(statement.value).map((c) => ({ kind: 'expr', value: c, start: c.start, end: c.end })), setting, file))
      if (statement.name.startsWith('env.')) {
        const variable = statement.name.slice('env.'.length)
        const value = valueOf(statement.value, setting.env)
        const env = { ...setting.env }
        // a value Groovy computes at build time is unknown from here on
        if (value === undefined) delete env[variable]
        else env[variable] = value
        setting = { ...setting, env }
      }
      continue
    }
    const call = callOf(statement)
    if (!call) {
      const word = statement.kind === 'other' ? statement.word : 'Groovy'
      unread(`\`${word}\``, lines.span(statement.start, statement.end), `Groovy (\`${word}\`) is run at build time, not read: what it runs is not known`)
      continue
    }
    const name = call.path.join('.')
    const span = headSpan(call, lines)
    if (name === 'sh') {
      const script = argOf(call.args, 'script')
      // Jenkins runs the script with `sh -xe`, or with the interpreter its first line names
      // (https://www.jenkins.io/doc/pipeline/steps/workflow-durable-task-step/#sh-shell-script)
      const source = script && shellSourceOf(script, setting.env, file.file, 'sh')
      if (source) steps.push(step('`sh`', lines.span(call.start, call.end), { source: /^\s*#!\S*\bbash\b/.test(source.text) ? { ...source, shell: 'bash' } : source }))
      else unread('`sh`', span, 'the script of this `sh` step is computed by Groovy at build time')
    } else if (OTHER_SHELLS.has(name)) {
      unread(`\`${name}\``, span, `\`${name}\` runs Windows commands, which seedguard does not read`)
    } else if (name === 'script') {
      steps.push(...stepsOf(call.closure?.body ?? [], setting, file))
    } else if (name === 'dir' && call.closure) {
      // the workspace is where the repository is checked out
      const dir = stringValue(argOf(call.args, 'path'), { ...setting.env, WORKSPACE: '.' })
      // a directory outside the checkout (`/srv/app`) holds no file of the repository: its commands
      // are read where they were, as a workflow's `working-directory` outside the repository is
      if (dir === undefined) unread('`dir`', span, 'the directory of this `dir` step is computed by Groovy at build time')
      else steps.push(...stepsOf(call.closure.body, { ...setting, cwd: joinPath(setting.cwd, dir) ?? setting.cwd }, file))
    } else if ((name === 'withEnv' || name === 'withCredentials') && call.closure) {
      const added = name === 'withEnv' ? withEnvOf(call.args, setting.env) : withCredentialsOf(call.args, setting.env)
      steps.push(...stepsOf(call.closure.body, { ...setting, env: { ...setting.env, ...added } }, file))
    } else if (WRAPPERS.has(name) && call.closure) {
      steps.push(...stepsOf(call.closure.body, setting, file))
    } else if (name === 'parallel' && !call.closure) {
      // `parallel first: { … }, second: { … }` (https://www.jenkins.io/doc/pipeline/steps/workflow-cps/#parallel)
      for (const branch of call.args) {
        if (branch.value.kind === 'closure') steps.push(...stepsOf(branch.value.body, setting, file))
        else if (branch.name !== 'failFast') unread('`parallel`', span, 'the branches of this `parallel` step are computed by Groovy at build time')
      }
    } else if (name === 'sshPublisher') {
      steps.push(...sshPublisherSteps(call, setting, file, step))
    } else if (name === 'input') {
      steps.push(step('`input`', span))
    } else if (name === 'build') {
      unread('`build`', span, 'another Jenkins job is started: its pipeline is configured outside this file')
    } else if (!QUIET_STEPS.has(name)) {
      unread(`\`${name}\``, span, `step \`${name}\` (a shared library's or a plugin's) is not read: what it runs is not known`)
      // a block it takes is most likely run as steps, as a wrapper's is
      if (call.closure) steps.push(...stepsOf(call.closure.body, setting, file))
    }
  }
  return steps
}

/**
 * Publish Over SSH: each `sshPublisherDesc` names a server configured in Jenkins (`configName`), and
 * each of its `sshTransfer`s runs `execCommand` there after copying its files, as shell text on that
 * server (https://plugins.jenkins.io/publish-over-ssh/): a deploy, unless the server is named for
 * another environment. Its environment is the server's, not the build's.
 */
function sshPublisherSteps(call: Call, setting: StepSetting, file: FileSetting, step: (label: string, span: Span, extra?: Partial<ContextStep>) => ContextStep): ContextStep[] {
  const span = headSpan(call, file.lines)
  const unread = (label: string, reason: string) => step(label, span, { invoke: [{ kind: 'unresolved', reason }] })
  const named = (args: Arg[], name: string) => args.find((a) => a.name === name)?.value
  // a list Groovy builds at build time cannot be read
  const literalCalls = (expr: Expr | undefined, name: string): Call[] | undefined =>
    expr?.kind === 'list' && expr.items.every((e) => e.kind === 'call' && e.path.join('.') === name) ? (expr.items as Call[]) : undefined
  const publishers = literalCalls(named(call.args, 'publishers'), 'sshPublisherDesc')
  if (!publishers) return [unread('`sshPublisher`', 'the servers and commands of this `sshPublisher` step are computed by Groovy at build time')]
  const steps: ContextStep[] = []
  for (const publisher of publishers) {
    const server = stringValue(named(publisher.args, 'configName'), setting.env)
    const host = server === undefined ? 'a server Groovy names at build time' : `\`${server}\``
    const remote = remoteHostReason(host, '`sshPublisher`', file.lines.span(publisher.start, publisher.end), file.config)
    const transfers = literalCalls(named(publisher.args, 'transfers'), 'sshTransfer')
    if (!transfers) steps.push(unread(`\`sshPublisher\` on ${host}`, 'the transfers of this `sshPublisher` step are computed by Groovy at build time'))
    for (const transfer of transfers ?? []) {
      const command = named(transfer.args, 'execCommand')
      if (!command) continue
      const source = shellSourceOf(command, setting.env, file.file, 'sh')
      const label = `\`execCommand\` of \`sshPublisher\` on ${host}`
      if (source) steps.push({ ...step(label, file.lines.span(command.start, command.end), { source }), env: {}, reasons: [remote] })
      else steps.push(unread(label, 'the `execCommand` of this `sshPublisher` step is computed by Groovy at build time'))
    }
  }
  return steps
}

/** the step calls within an expression, outermost first */
function callsIn(expr: Expr): Call[] {
  switch (expr.kind) {
    case 'call':
      return [expr]
    case 'method':
      return [...callsIn(expr.target), ...expr.args.flatMap((a) => callsIn(a.value))]
    case 'binary':
      return [...callsIn(expr.left), ...callsIn(expr.right)]
    case 'unary':
      return callsIn(expr.operand)
    case 'list':
      return expr.items.flatMap(callsIn)
    case 'map':
      return expr.entries.flatMap((a) => callsIn(a.value))
    default:
      return []
  }
}

/** the argument a step takes first or by name: `sh 'x'`, `sh(script: 'x', returnStdout: true)`, `dir(path: 'x')` */
function argOf(args: Arg[], name: string): Expr | undefined {
  return args.find((a) => a.name === name)?.value ?? args.find((a) => a.name === undefined)?.value
}

/** `withEnv(['A=1', "B=${X}"])`: an entry whose value Groovy computes stays unknown */
function withEnvOf(args: Arg[], env: Record<string, string>): Record<string, string> {
  const list = args[0]?.value
  const out: Record<string, string> = {}
  for (const item of list?.kind === 'list' ? list.items : []) {
    const entry = stringValue(item, env)
    const at = entry?.indexOf('=') ?? -1
    if (entry !== undefined && at > 0) out[entry.slice(0, at)] = entry.slice(at + 1)
  }
  return out
}

/**
 * `withCredentials([string(credentialsId: 'prod-db', variable: 'DATABASE_URL'), …])`: each
 * variable holds the named secret (https://www.jenkins.io/doc/pipeline/steps/credentials-binding/)
 */
function withCredentialsOf(args: Arg[], env: Record<string, string>): Record<string, string> {
  const list = args[0]?.value
  const out: Record<string, string> = {}
  for (const binding of list?.kind === 'list' ? list.items : []) {
    if (binding.kind !== 'call') continue
    const id = stringValue(binding.args.find((a) => a.name === 'credentialsId')?.value, env) ?? 'credentials'
    for (const arg of binding.args) {
      if (arg.name === 'variable' || arg.name?.endsWith('Variable')) {
        const variable = stringValue(arg.value, env)
        if (variable !== undefined) out[variable] = `<secret ${id}>`
      }
    }
  }
  return out
}
