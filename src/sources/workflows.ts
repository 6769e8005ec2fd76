// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax
import { classifyEnvironmentName, databaseReasons, envVarReasons } from '../production/evidence.js'
import type { SeedguardConfig } from '../config/types.js'
import type { ContextStep, ExecutionContext } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import type { Project } from '../project/project.js'
import { joinPath } from '../util/paths.js'
import { parseYamlOf, YamlView, type YamlNode } from '../util/yaml.js'
import { readLocalAction } from './github/composite-action.js'
import { checkoutDir, defaultRunDirectory, repositoryDir } from './github/checkout.js'
import { rejectedDuplicateKey } from './github/duplicate-keys.js'
import { conditionReasons } from './github/conditions.js'
import { hasExpression, possibleValues, type Scope } from './github/expressions.js'
import { readTriggers, type Triggers } from './github/triggers.js'
import { runnerEnvironment } from './github/runner.js'
import { expandMatrix } from './github/matrix.js'
import { workflowArtifacts } from './github/artifacts.js'
import { remoteScriptContexts } from './github/remote-actions.js'
import type { Problem, SourceReader } from './types.js'
import { shellKind } from './ci/shell.js'
import { aliasLimitProblem } from './ci/load.js'

interface WorkflowScope {
  view: YamlView
  file: string
  triggers: Triggers
  env: Record<string, string>
  defaultShell: string | undefined
  scope: Scope
  /** label of the calling job when this workflow runs as a reusable workflow */
  caller?: string
  callerReasons: ProductionReason[]
  depth: number
}

const workflows: SourceReader = {
  id: 'workflows',
  rejectedBy: 'GitHub Actions',
  title: 'GitHub Actions workflows',
  docs: 'https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax',
  files: ['.github/workflows/*.yml', '.github/workflows/*.yaml'],
  read(file, project, config) {
    const loaded = loadWorkflow(file, project)
    if ('problem' in loaded) return { contexts: [], problems: [loaded.problem] }
    const { view } = loaded
    const triggers = readTriggers(view, view.get(view.root, 'on'), config.defaultBranches, view.span(view.get(view.root, 'on')))
    // a workflow that only runs when called is judged through each caller
    if (triggers.calledOnly) return { contexts: [], problems: [] }
    const inputs = Object.fromEntries(Object.entries(triggers.inputs))
    const problems: Problem[] = []
    const contexts = readJobs({ view, file, triggers, env: {}, defaultShell: undefined, scope: { inputs }, callerReasons: [], depth: 0 }, project, config, problems)
    return { contexts, problems: [...problems, ...aliasLimitProblem(view)] }
  },
  deploys: { read: workflowArtifacts },
}
export default workflows

function loadWorkflow(file: string, project: Project): { view: YamlView } | { problem: Problem } {
  const lines = project.cache.get(file)
  if (!lines) return { problem: { rule: 'parse-error', message: `${file} cannot be read`, span: { file, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } } }
  const { doc, error } = parseYamlOf(lines)
  if (error) return { problem: { rule: 'parse-error', message: `invalid YAML: ${error.message}`, span: lines.span(error.offset, error.offset + 1) } }
  const rejected = rejectedDuplicateKey(doc, lines, 'workflow')
  if (rejected) return { problem: rejected }
  return { view: new YamlView(doc, lines) }
}

function readJobs(ws: WorkflowScope, project: Project, config: SeedguardConfig, problems: Problem[]): ExecutionContext[] {
  const { view } = ws
  const root = view.root
  const workflowEnv = { ...ws.env, ...resolveEnv(view, view.get(root, 'env'), ws.scope, {}) }
  const workflowShell = view.string(view.get(view.get(view.get(root, 'defaults'), 'run'), 'shell')) ?? ws.defaultShell
  const contexts: ExecutionContext[] = []
  for (const { key: jobId, keyNode, value: job } of view.entries(view.get(root, 'jobs'))) {
    for (const matrix of expandMatrix(view, view.get(view.get(job, 'strategy'), 'matrix'))) {
      const scope: Scope = { ...ws.scope, matrix }
      const suffix = Object.keys(matrix).length > 0 ? ` (${Object.entries(matrix).map(([k, v]) => `${k}: ${v[0] ?? ''}`).join(', ')})` : ''
      const reasons: ProductionReason[] = [...ws.triggers.reasons, ...ws.callerReasons]
      const environment = environmentReasons(view, view.get(job, 'environment'), scope, config)
      reasons.push(...environment.reasons)
      const jobIf = view.string(view.get(job, 'if'))
      if (jobIf !== undefined) reasons.push(...conditionReasons(jobIf, config, view.span(view.get(job, 'if'))))
      const label = `${ws.caller ? `${ws.caller} → ` : ''}job \`${jobId}\`${suffix}${environment.label ? ` (environment: ${environment.label})` : ''} in ${ws.file}`
      const jobSpan = view.span(keyNode)
      const calls = view.string(view.get(job, 'uses'))
      if (calls !== undefined) {
        contexts.push(...readReusableCall(ws, calls, view.get(job, 'with'), scope, label, reasons, project, config, problems, jobSpan))
        continue
      }
      const jobDefaults = view.get(view.get(job, 'defaults'), 'run')
      const env = { ...workflowEnv, ...resolveEnv(view, view.get(job, 'env'), scope, workflowEnv) }
      const services = view.entries(view.get(job, 'services')).map((e) => e.key)
      const checkout = checkoutDir(view, job)
      const cwd = repositoryDir(defaultRunDirectory(view, job), checkout) ?? '.'
      const shell = view.string(view.get(jobDefaults, 'shell')) ?? workflowShell
      const readSteps = (v: YamlView, steps: YamlNode[], inherited: { cwd: string; env: Record<string, string> }, depth: number): ContextStep[] =>
        steps.map((step, index) => readStep(v, step, index, { ...inherited, shell, services, scope, checkout }, project, config, readSteps, problems, depth))
      // actions/checkout puts the repository at $GITHUB_WORKSPACE unless its `path` says otherwise
      const runtime = { ...runnerEnvironment(view.strings(view.get(job, 'runs-on')), view.get(job, 'container') !== undefined, scope), ...(checkout === '.' && { checkout: ['GITHUB_WORKSPACE'] }) }
      const id = `${ws.file}#${jobId}${suffix}`
      const steps = view.items(view.get(job, 'steps'))
      contexts.push({ id, label, span: jobSpan, reasons, services, runtime, steps: readSteps(view, steps, { cwd, env }, ws.depth) })
      contexts.push(...remoteScriptContexts(view, steps, { id, label, reasons }, (step) => ({ ...env, ...resolveEnv(view, view.get(step, 'env'), scope, env) }), config))
    }
  }
  return contexts
}

function readStep(
  view: YamlView,
  step: YamlNode,
  index: number,
  inherited: { cwd: string; env: Record<string, string>; shell: string | undefined; services: string[]; scope: Scope; checkout: string },
  project: Project,
  config: SeedguardConfig,
  readSteps: (v: YamlView, steps: YamlNode[], inherited: { cwd: string; env: Record<string, string> }, depth: number) => ContextStep[],
  problems: Problem[],
  depth: number,
): ContextStep {
  const env = { ...inherited.env, ...resolveEnv(view, view.get(step, 'env'), inherited.scope, inherited.env) }
  const name = view.string(view.get(step, 'name')) ?? view.string(view.get(step, 'id'))
  const run = view.get(step, 'run')
  const uses = view.string(view.get(step, 'uses'))
  const label = `step \`${name ?? (uses ? uses : `#${index + 1}`)}\``
  const span = view.span(run ?? view.get(step, 'uses') ?? step)
  // a step's working-directory replaces the default one, both named from the workspace
  const cwd = repositoryDir(view.string(view.get(step, 'working-directory')), inherited.checkout) ?? inherited.cwd
  const reasons: ProductionReason[] = [...databaseReasons(env, inherited.services, config, span), ...envVarReasons(env, config, span)]
  const stepIf = view.string(view.get(step, 'if'))
  if (stepIf !== undefined) reasons.push(...conditionReasons(stepIf, config, view.span(view.get(step, 'if'))))
  const base: ContextStep = { label, span, cwd, env, reasons }
  if (run) {
    const source = view.shellSource(run, shellKind(view.string(view.get(step, 'shell')) ?? inherited.shell))
    return source ? { ...base, source } : base
  }
  if (uses === undefined) return base
  if (uses.startsWith('./')) {
    const local = readLocalAction(uses, repositoryDir(uses, inherited.checkout), project, readSteps, { cwd, env }, depth)
    if (local.problem) problems.push(local.problem)
    return local.steps ? { ...base, nested: local.steps } : { ...base, action: { uses, inputs: {} }, label: `${label} (${local.unresolved ?? 'unreadable'})` }
  }
  if (uses.startsWith('docker://')) return base
  return { ...base, action: { uses, inputs: resolveEnv(view, view.get(step, 'with'), inherited.scope, env) } }
}

/** `jobs.x.uses: ./.github/workflows/y.yml`: the callee's jobs run in the caller's production setting. */
function readReusableCall(ws: WorkflowScope, calls: string, withNode: YamlNode | undefined, scope: Scope, label: string, reasons: ProductionReason[], project: Project, config: SeedguardConfig, problems: Problem[], span: ExecutionContext['span']): ExecutionContext[] {
  if (!calls.startsWith('./')) return [{ id: `${ws.file}#${label}`, label, span, reasons, steps: [{ label: `reusable workflow \`${calls}\``, span, cwd: '.', env: {}, reasons: [], action: { uses: calls, inputs: {} } }] }]
  const file = joinPath('.', calls.replace(/^\.\//, '').replace(/@.*$/, ''))
  const loaded = file && ws.depth < 8 && project.cache.exists(file) ? loadWorkflow(file, project) : undefined
  if (!file || !loaded || 'problem' in loaded) {
    if (loaded && 'problem' in loaded) problems.push(loaded.problem)
    return [{ id: `${ws.file}#${label}`, label, span, reasons, steps: [{ label: `reusable workflow \`${calls}\``, span, cwd: '.', env: {}, reasons: [], action: { uses: calls, inputs: {} } }] }]
  }
  const { view } = loaded
  const calleeTriggers = readTriggers(view, view.get(view.root, 'on'), config.defaultBranches, view.span(view.get(view.root, 'on')))
  const inputs: Record<string, string[]> = { ...calleeTriggers.inputs }
  for (const { key, value } of ws.view.entries(withNode)) {
    const raw = ws.view.string(value)
    const values = raw === undefined ? undefined : possibleValues(raw, scope)
    if (values) inputs[key] = values
  }
  // the caller's triggers decide when the callee runs; its own `workflow_call` says nothing
  return readJobs({ view, file, triggers: { ...calleeTriggers, reasons: [] }, env: {}, defaultShell: undefined, scope: { inputs }, caller: label, callerReasons: reasons, depth: ws.depth + 1 }, project, config, problems)
}

function environmentReasons(view: YamlView, node: YamlNode | undefined, scope: Scope, config: SeedguardConfig): { reasons: ProductionReason[]; label?: string } {
  const raw = view.string(node) ?? view.string(view.get(node, 'name'))
  if (raw === undefined) return { reasons: [] }
  const span = view.span(node)
  const values = possibleValues(raw, scope)
  if (!values) return { reasons: [{ kind: 'environment', towards: true, weak: true, detail: `environment \`${raw}\` is chosen when the workflow runs, so it may be production`, span }], label: raw }
  const verdicts = values.map((v) => classifyEnvironmentName(v, config))
  const shown = values.length === 1 && values[0] === raw ? raw : `${raw} → ${values.join(' | ')}`
  if (verdicts.includes('production')) {
    const which = values.filter((_, i) => verdicts[i] === 'production')
    return { reasons: [{ kind: 'environment', towards: true, detail: values.length > 1 || values[0] !== raw ? `environment \`${raw}\` can be ${which.join(', ')}` : `environment \`${raw}\``, span }], label: shown }
  }
  if (verdicts.every((v) => v === 'not-production')) return { reasons: [{ kind: 'environment', towards: false, detail: `environment \`${values.join(', ')}\` is not production`, span }], label: shown }
  return { reasons: [], label: shown }
}

/** env maps with `${{ secrets.X }}` kept recognisable as `<secret X>` and known expressions resolved */
function resolveEnv(view: YamlView, node: YamlNode | undefined, scope: Scope, outer: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  // most steps have no env, or none with an expression: the scope of `env.X` is built only when one asks
  let envScope: Scope | undefined
  for (const [key, raw] of Object.entries(view.record(node))) {
    if (hasExpression(raw)) envScope ??= { ...scope, env: Object.fromEntries(Object.entries(outer).map(([k, v]) => [k, [v]])) }
    const values = possibleValues(raw, envScope ?? scope)
    out[key] = values?.length === 1 ? values[0]! : raw.replace(/\$\{\{\s*secrets\.([\w]+)\s*\}\}/g, '<secret $1>')
  }
  return out
}
