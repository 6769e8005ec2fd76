// Azure Pipelines YAML: https://learn.microsoft.com/en-us/azure/devops/pipelines/yaml-schema/
import type { SeedguardConfig } from '../../config/types.js'
import type { ContextStep, ExecutionContext } from '../../model/context.js'
import type { ProductionReason } from '../../model/production.js'
import type { Span } from '../../model/span.js'
import { databaseReasons, envVarReasons } from '../../production/evidence.js'
import type { Project } from '../../project/project.js'
import { globMatcher } from '../../util/globs.js'
import { dirnameOf, joinPath } from '../../util/paths.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'
import { pushedBranches } from '../ci/branches.js'
import { allOf, reachesProduction, reachReasons } from '../ci/reach.js'
import type { Problem, SourceReader } from '../types.js'
import { checkoutDirectory, stepRun } from './steps.js'
import { agentRuntime, environmentOf, stepEnv, variablesAsEnv } from './environment.js'
import { conditionHolds, emptyScope, lookupOf, substitute, type Scope } from './scope.js'
import { declaredParameters, expandList, loadTemplate, property, variablesOf, type Expansion, type External, type GateEntry, type Item } from './templates.js'
import { scenariosOf, triggerGate, type AzureGate, type Scenario } from './triggers.js'
import { shippedByJobs } from '../ci/artifacts.js'
import { loadYamlFile } from '../yaml-file.js'

// The pipeline→file mapping lives in Azure DevOps, not in the repository: these are the names
// pipelines are conventionally given (https://learn.microsoft.com/en-us/azure/devops/pipelines/repos/azure-repos-git)
// and the folders repositories keep them in
const FOLDERS = ['.azure-pipelines', '.azuredevops', '.pipelines', '.azure/pipelines']
const FILES = ['azure-pipelines*.yml', 'azure-pipelines*.yaml', ...FOLDERS.flatMap((folder) => [`${folder}/**/*.yml`, `${folder}/**/*.yaml`])]
const UNFILTERED = 'no `trigger:` or `condition:` that excludes it'

const azure: SourceReader = {
  id: 'azure-pipelines',
  rejectedBy: 'Azure Pipelines',
  title: 'Azure Pipelines',
  docs: 'https://learn.microsoft.com/en-us/azure/devops/pipelines/yaml-schema/',
  files: FILES,
  read: readAzureFile,
  deploys: shippedByJobs(readAzureFile),
}
export default azure

function readAzureFile(file: string, project: Project, config: SeedguardConfig): { contexts: ExecutionContext[]; problems: Problem[] } {
  // a template is read through the pipelines that reference it
  if (templatesOf(project).has(file)) return { contexts: [], problems: [] }
  const loaded = loadYamlFile(file, project)
  if ('problem' in loaded) return { contexts: [], problems: [loaded.problem] }
  return readPipeline(loaded.view, project, config)
}

interface Pipeline {
  file: string
  scenarios: Scenario[]
  ex: Expansion
  config: SeedguardConfig
  contexts: ExecutionContext[]
}

function readPipeline(view: YamlView, project: Project, config: SeedguardConfig): { contexts: ExecutionContext[]; problems: Problem[] } {
  const root = view.root
  const file = view.lines.file
  const ex: Expansion = { project, problems: [], external: [] }
  const pipeline: Pipeline = { file, scenarios: scenariosOf(pushedBranches(config)), ex, config, contexts: [] }
  const gates: GateEntry[] = [{ gate: triggerGate(view, root), kind: 'trigger' }]
  const scope: Scope = { ...emptyScope(), params: declaredParameters(view, true) }
  scope.variables = variablesOf(view, view.get(root, 'variables'), scope, gates, ex)
  // `extends: template:` hands the whole pipeline to a template, with the root's parameters
  let body = { view, node: root, scope }
  const extended = view.get(view.get(root, 'extends'), 'template')
  if (extended) {
    const loaded = loadTemplate(view, extended, view.get(view.get(root, 'extends'), 'parameters'), scope, gates, ex)
    if (!loaded) return finish(pipeline)
    body = { view: loaded.view, node: loaded.view.root, scope: { ...loaded.scope, variables: { ...scope.variables, ...variablesOf(loaded.view, loaded.view.get(loaded.view.root, 'variables'), loaded.scope, gates, ex) } } }
  }
  const stages = body.view.get(body.node, 'stages')
  if (stages) {
    for (const stage of expandList(body.view, stages, body.scope, gates, 'stages', ex)) readStage(stage, pipeline)
  } else {
    // a pipeline of jobs only, or of steps only, is one stage of one job
    readStage({ view: body.view, node: body.node!, scope: body.scope, gates }, pipeline, true)
  }
  return finish(pipeline)
}

function finish(pipeline: Pipeline): { contexts: ExecutionContext[]; problems: Problem[] } {
  const problems = [...pipeline.ex.problems]
  // one warning per template, at its first reference: a shared steps template used by every job is one unknown, not one per job
  const references = new Map<string, External[]>()
  for (const external of pipeline.ex.external) {
    if (reachesProduction(external.gates, pipeline.scenarios) === 'no') continue
    references.set(external.target, [...(references.get(external.target) ?? []), external])
  }
  for (const [target, [first, ...more]] of references) {
    if (!first) continue
    const also = more.length > 0 ? ` (referenced ${more.length + 1} times; the first reference is here)` : ''
    problems.push({ rule: 'unresolved-on-production-path', message: `\`template: ${target}\` is not in this repository: what it adds to a pipeline that can run on the default branch or a tag is not read${also}`, span: first.span })
  }
  return { contexts: pipeline.contexts, problems }
}

function readStage(stage: Item, pipeline: Pipeline, implicit = false) {
  const { view, node, scope } = stage
  const prop = (key: string) => property(view, node, key, scope)
  const name = implicit ? undefined : shown(view.string(view.get(node, 'stage')), scope)
  const gates = [...stage.gates, ...conditionGate(view, node, scope)]
  const stageScope = implicit ? scope : { ...scope, variables: { ...scope.variables, ...variablesOf(view, prop('variables'), scope, gates, pipeline.ex) } }
  const jobs = prop('jobs')
  if (jobs) {
    for (const job of expandList(view, jobs, stageScope, gates, 'jobs', pipeline.ex)) readJob(job, name, pipeline)
  } else if (prop('steps')) {
    readJob({ view, node, scope: stageScope, gates }, name, pipeline, true)
  }
}

// where a deployment job's steps are: https://learn.microsoft.com/en-us/azure/devops/pipelines/yaml-schema/jobs-deployment-strategy
const STRATEGIES = ['runOnce', 'rolling', 'canary']
const HOOKS = ['preDeploy', 'deploy', 'routeTraffic', 'postRouteTraffic']

function readJob(job: Item, stage: string | undefined, pipeline: Pipeline, implicit = false) {
  const { view, node } = job
  const prop = (key: string) => property(view, node, key, job.scope)
  const deployment = shown(view.string(view.get(node, 'deployment')), job.scope)
  const name = deployment ?? (implicit ? 'Job' : (shown(view.string(view.get(node, 'job')), job.scope) ?? 'Job'))
  const gates = [...job.gates, ...conditionGate(view, node, job.scope)]
  const scope = implicit ? job.scope : { ...job.scope, variables: { ...job.scope.variables, ...variablesOf(view, prop('variables'), job.scope, gates, pipeline.ex) } }
  const keyNode = view.entries(node).find((e) => e.key === (deployment !== undefined ? 'deployment' : 'job'))?.keyNode
  const span = keyNode ? view.span(keyNode) : view.span(view.entries(node)[0]?.keyNode)
  const environment = environmentOf(view, prop('environment'), scope, pipeline.config)
  const where = `${stage !== undefined ? `stage \`${stage}\`, ` : ''}${deployment !== undefined ? 'deployment' : 'job'} \`${name}\`${environment.label ? ` (environment: ${environment.label})` : ''}`
  const label = `${where} in ${view.lines.file}${scope.via.length > 0 ? ` via ${scope.via.join(' → ')}` : ''}`
  const reasons: ProductionReason[] = [...reachReasons(gates, pipeline.scenarios, span, UNFILTERED), ...environment.reasons.filter((r) => !r.towards)]
  const env = variablesAsEnv(scope)
  const services = view.entries(prop('services')).map((e) => e.key)
  const lists: { key: string; list: YamlNode | undefined }[] = []
  if (deployment !== undefined) {
    const strategy = prop('strategy')
    for (const kind of STRATEGIES) {
      const hooks = view.get(strategy, kind)
      if (!hooks) continue
      for (const hook of HOOKS) lists.push({ key: `${kind}.${hook}`, list: view.get(view.get(hooks, hook), 'steps') })
      for (const outcome of ['failure', 'success']) lists.push({ key: `${kind}.on.${outcome}`, list: view.get(view.get(view.get(hooks, 'on'), outcome), 'steps') })
    }
  } else lists.push({ key: '', list: prop('steps') })
  const steps: ContextStep[] = []
  for (const { key, list } of lists) {
    for (const step of expandList(view, list, scope, [], 'steps', pipeline.ex)) {
      steps.push(readStep(step, key, { gates, env, services, environment: environment.reasons.filter((r) => r.towards), file: view.lines.file }, pipeline))
    }
  }
  pipeline.contexts.push({ id: `${pipeline.file}#${stage ?? ''}/${name}#${span.start.offset}`, label, span, reasons, services, runtime: agentRuntime(environment.name), steps })
}

interface JobSetting {
  gates: GateEntry[]
  env: Record<string, string>
  services: string[]
  /** what the deployment job's environment says towards production */
  environment: ProductionReason[]
  file: string
}

/**
 * One step. Its own gates (`condition:`, `enabled: false`, the `${{ if }}` it sits in) are read
 * with the job's: a step no run of the default branch or a tag can reach is not production.
 * A runtime parameter keeps its default in every run a trigger starts and can be changed only by
 * the person who queues a run by hand ("Parameters ... expand before the pipeline runs"; the run
 * pane offers them, https://learn.microsoft.com/en-us/azure/devops/pipelines/process/runtime-parameters).
 * So a seed step a boolean parameter turns on by default runs on every triggered deploy: an
 * error. One it turns off by default runs only when someone chooses it at queue time (as one a
 * variable from the pipeline's settings turns on): it still deploys to the job's environment, but
 * not surely, so the environment weighs as uncertain evidence, a warning rather than an error.
 */
function readStep(item: Item, hook: string, job: JobSetting, pipeline: Pipeline): ContextStep {
  const { view, node, scope } = item
  const prop = (key: string) => property(view, node, key, scope)
  const own = [...item.gates, ...conditionGate(view, node, scope)]
  const enabled = prop('enabled')
  if (view.string(enabled) === 'false') own.push({ gate: { outcome: () => ({ outcome: 'no', span: view.span(enabled), detail: '`enabled: false`' }) }, kind: 'condition' })
  if (item.external !== undefined) {
    const span = view.span(view.get(node, 'template'))
    const uses = `template: ${item.external}`
    return { label: `step \`${uses}\``, span, cwd: '.', env: job.env, reasons: stepReach(job, own, pipeline, span), action: { uses, inputs: view.record(view.get(node, 'parameters')) } }
  }
  const macro = (name: string) => checkoutDirectory(name) ?? known(lookupOf(scope, undefined).property(['variables', name]))
  const run = stepRun(view, node, macro, (text) => known(substitute(text, scope, undefined)))
  const env = { ...job.env, ...stepEnv(view, prop('env'), scope) }
  const display = shown(view.string(view.get(node, 'displayName')) ?? view.string(view.get(node, 'name')), scope)
  const file = view.lines.file
  const label = `${hook ? `\`${hook}\` ` : ''}step \`${display ?? run.kind}\`${file !== job.file ? ` in ${file}` : ''}`
  const span = run.source ? view.span(view.get(node, run.kind) ?? node) : view.span(node)
  const at = run.source ? { ...span, start: view.lines.span(run.source.offsets(0), run.source.offsets(0)).start } : span
  const reasons: ProductionReason[] = [...databaseReasons(env, job.services, pipeline.config, at), ...envVarReasons(env, pipeline.config, at), ...stepReach(job, own, pipeline, span)]
  return { label, span, cwd: run.cwd, env, reasons, ...(run.source ? { source: run.source } : {}) }
}

/** what the step's own gates say with the job's, and the environment's evidence as far as the step surely runs */
function stepReach(job: JobSetting, own: GateEntry[], pipeline: Pipeline, span: Span): ProductionReason[] {
  const all = [...job.gates, ...own]
  const outcome = reachesProduction(all, pipeline.scenarios)
  if (outcome === 'no') return own.length > 0 ? reachReasons(all, pipeline.scenarios, span, UNFILTERED) : []
  if (outcome === 'yes') return job.environment
  return job.environment.map((r) => uncertainly(r, all, pipeline.scenarios))
}

/** the environment's evidence for a step whose gates may or may not let it run on the default branch */
function uncertainly(reason: ProductionReason, gates: GateEntry[], scenarios: Scenario[]): ProductionReason {
  const decided = scenarios.filter((s) => s.production).map((s) => allOf(gates, s)).find((r) => r.outcome === 'maybe')
  const why = decided?.detail ?? 'its conditions'
  return { kind: 'platform-phase', towards: true, weak: true, detail: `${reason.detail}, but ${why} decides whether this step runs there, from a value no file shows (a parameter chosen when the run is queued, a variable set in Azure DevOps)`, ...(decided?.span ? { span: decided.span } : reason.span ? { span: reason.span } : {}) }
}

/** a name for a label, its `${{ }}` replaced where the value is known (`stage: ${{ env.name }}` in an `each`) */
function shown(raw: string | undefined, scope: Scope): string | undefined {
  return raw === undefined ? undefined : (known(substitute(raw, scope, undefined)) ?? raw)
}

function known(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** `condition:` as a gate: https://learn.microsoft.com/en-us/azure/devops/pipelines/process/conditions */
function conditionGate(view: YamlView, node: YamlNode, scope: Scope): GateEntry[] {
  const condition = property(view, node, 'condition', scope)
  const text = view.string(condition)
  if (text === undefined) return []
  const span = view.span(condition)
  const gate: AzureGate = {
    outcome(scenario) {
      const result = conditionHolds(text, scope, scenario)
      return { outcome: result === 'unknown' ? 'maybe' : result ? 'yes' : 'no', span, detail: `\`condition: ${text.trim()}\`` }
    },
  }
  return [{ gate, kind: 'condition' }]
}

const templateSets = new WeakMap<Project, Set<string>>()

/** the files of this reader that another one references as a template */
function templatesOf(project: Project): Set<string> {
  let found = templateSets.get(project)
  if (found) return found
  found = new Set()
  const owns = globMatcher(FILES)
  for (const file of project.cache.files.list()) {
    if (!owns(file)) continue
    const loaded = loadYamlFile(file, project)
    if ('problem' in loaded) continue
    collectTemplates(loaded.view, loaded.view.root, file, found)
  }
  templateSets.set(project, found)
  return found
}

function collectTemplates(view: YamlView, node: YamlNode | undefined, file: string, out: Set<string>, depth = 0) {
  if (!node || depth > 64) return
  for (const { key, value } of view.entries(node)) {
    const target = key === 'template' ? view.string(value) : undefined
    if (target !== undefined && !target.includes('@') && !target.includes('${{')) {
      const path = target.startsWith('/') ? joinPath('.', target.slice(1)) : joinPath(dirnameOf(file), target)
      if (path) out.add(path)
    }
    collectTemplates(view, value, file, out, depth + 1)
  }
  for (const item of view.items(node)) collectTemplates(view, item, file, out, depth + 1)
}
