// GitLab CI/CD pipelines: https://docs.gitlab.com/ci/yaml/
import type { SeedguardConfig } from '../../config/types.js'
import type { ContextStep, ExecutionContext, ShellSource } from '../../model/context.js'
import type { ProductionReason } from '../../model/production.js'
import type { Span } from '../../model/span.js'
import { decideProduction } from '../../production/decision.js'
import { databaseReasons, envVarReasons } from '../../production/evidence.js'
import type { Project } from '../../project/project.js'
import type { Problem, SourceReader } from '../types.js'
import { pushedBranches } from '../ci/branches.js'
import { allOf, reachesProduction, reachReasons } from '../ci/reach.js'
import { joinedSources } from '../ci/script.js'
import { shippedByJobs } from '../ci/artifacts.js'
import { environmentOf } from './environment.js'
import { externalInclude, includeEntries, loadPipeline, loadPipelineOf, localFiles, type Pipeline } from './includes.js'
import { get, stringOf, stringsOf, type Definitions, type ScriptLine, type Value } from './merge.js'
import { asChild, gateOf, scenariosOf, workflowGate, type Gate, type Scenario } from './rules.js'
import { matrixJobs, type MatrixJob } from './matrix.js'
import { jobRuntime, serviceHosts } from './runtime.js'

// top-level keys that are not jobs: https://docs.gitlab.com/ci/yaml/#global-keywords
const GLOBAL_KEYS = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script', 'types', 'spec'])
// what a job takes from `default:` when it does not set the key itself; `image`, `services`,
// `before_script` and `after_script` at the top level are the deprecated spelling of the same
const DEFAULTED = ['before_script', 'after_script', 'image', 'services'] as const
const MAX_CHILD_DEPTH = 4

const gitlab: SourceReader = {
  id: 'gitlab',
  rejectedBy: 'GitLab CI',
  title: 'GitLab CI/CD pipelines',
  docs: 'https://docs.gitlab.com/ci/yaml/',
  // included files and child pipelines are read through the pipeline that names them
  files: ['.gitlab-ci.yml'],
  read: (file, project, config) => readGitlab(file, project, config),
  deploys: shippedByJobs((file, project, config) => readGitlab(file, project, config)),
}
export default gitlab

function readGitlab(file: string, project: Project, config: SeedguardConfig): { contexts: ExecutionContext[]; problems: Problem[] } {
  const pipeline = loadPipeline(file, project)
  if ('problem' in pipeline) return { contexts: [], problems: [pipeline.problem] }
  return readPipeline(pipeline, { prefix: '', scenarios: scenariosOf(pushedBranches(config)), forwarded: {}, reasons: [], depth: 0 }, project, config)
}

interface PipelineSetting {
  /** the trigger job's label, for a child pipeline */
  prefix: string
  scenarios: Scenario[]
  /** a child pipeline runs only where its trigger job does */
  parent?: Gate
  /** variables a trigger job passes down to its child pipeline */
  forwarded: Record<string, string>
  /** what the trigger job's own `environment:` says, for every job of its child pipeline */
  reasons: ProductionReason[]
  depth: number
}

function readPipeline(pipeline: Pipeline, setting: PipelineSetting, project: Project, config: SeedguardConfig): { contexts: ExecutionContext[]; problems: Problem[] } {
  const defs = pipeline.definitions
  const problems: Problem[] = [...pipeline.problems]
  const contexts: ExecutionContext[] = []
  const globals = defs.variables(defs.resolved('variables'))
  const workflow = workflowGate(defs, { ...globals, ...setting.forwarded })
  const pipelineGates = [...(setting.parent ? [{ gate: setting.parent, kind: 'trigger' as const }] : []), ...(workflow ? [{ gate: workflow, kind: 'trigger' as const }] : [])]
  // what an include outside the repository adds may run on production whenever the pipeline does
  const pipelineReaches = reachesProduction(pipelineGates, setting.scenarios) !== 'no'
  if (pipelineReaches) {
    for (const include of pipeline.external) problems.push(unresolvedInclude(include.kind, include.target, include.span))
    if (pipeline.external.length === 0) {
      for (const { name, span } of defs.missing) problems.push({ rule: 'parse-error', message: `\`extends: ${name}\` cannot be resolved (no such definition, or a cycle): GitLab refuses the pipeline`, span })
    }
  }
  for (const name of defs.names()) {
    if (GLOBAL_KEYS.has(name) || name.startsWith('.')) continue
    const job = defs.resolved(name)
    if (job?.kind !== 'map' || (!get(job, 'script') && !get(job, 'trigger'))) continue
    for (const matrix of matrixJobs(defs, job) ?? [undefined]) {
      const read = readJob(pipeline, name, job, { globals, gates: pipelineGates, setting, ...(matrix && { matrix }) }, project, config)
      contexts.push(...read.contexts)
      problems.push(...read.problems)
    }
  }
  return { contexts, problems }
}

interface JobSetting {
  globals: Record<string, string>
  gates: { gate: Gate; kind: 'trigger' }[]
  setting: PipelineSetting
  matrix?: MatrixJob
}

/** one job's context, or the contexts of the child pipeline it triggers */
function readJob(pipeline: Pipeline, definition: string, job: Value, { globals, gates: pipelineGates, setting, matrix }: JobSetting, project: Project, config: SeedguardConfig): { contexts: ExecutionContext[]; problems: Problem[] } {
  const defs = pipeline.definitions
  const span = defs.keySpan(definition)!
  const name = matrix ? `${definition}: ${matrix.suffix}` : definition
  const inherited = inheritance(defs, job)
  const env = { ...pick(globals, inherited.variables), ...defs.variables(get(job, 'variables')), ...matrix?.variables, ...setting.forwarded }
  const gates = [...pipelineGates, { gate: gateOf(defs, job, env), kind: 'condition' as const }]
  const environment = environmentOf(defs.dereferenced(get(job, 'environment')), env, config)
  const reasons: ProductionReason[] = [...reachReasons(gates, setting.scenarios, span, 'no `rules:` or `only:`'), ...setting.reasons, ...environment.reasons]
  const manual = stringOf(get(job, 'when')) === 'manual' ? ', manual' : ''
  const label = `${setting.prefix}job \`${name}\`${environment.label ? ` (environment: ${environment.label}${manual})` : manual ? ' (manual)' : ''} in ${span.file}`
  const trigger = defs.dereferenced(get(job, 'trigger'))
  if (trigger) return readChild(trigger, { label, span, reasons, environment: [...setting.reasons, ...environment.reasons], env, gate: combined(gates), scenarios: setting.scenarios, depth: setting.depth }, project, config)
  const withDefault = (key: (typeof DEFAULTED)[number]) => get(job, key) ?? (inherited.defaults(key) ? (get(defs.resolved('default'), key) ?? defs.resolved(key)) : undefined)
  const services = serviceHosts(serviceList(defs, withDefault('services')))
  const imageValue = defs.dereferenced(withDefault('image'))
  const image = stringOf(imageValue) ?? stringOf(get(imageValue, 'name'))
  // CI_ENVIRONMENT_NAME is set in jobs with an environment only
  const environmentName: Record<string, string> = environment.name !== undefined ? { CI_ENVIRONMENT_NAME: environment.name } : environment.label === undefined ? { CI_ENVIRONMENT_NAME: '' } : {}
  const runtime = jobRuntime(image, { CI_JOB_NAME: name, ...environmentName })
  const lines = (key: string, value: Value | undefined) => stepsOf(key, defs.scriptLines(value), definition, span.file, env, services, config)
  // before_script and script run in one shell, after_script in another: https://docs.gitlab.com/ci/yaml/#after_script
  const steps = [...lines('before_script', withDefault('before_script')), ...lines('script', get(job, 'script')), ...lines('after_script', withDefault('after_script'))]
  return { contexts: [{ id: `${pipeline.file}#${setting.prefix}${name}`, label, span, reasons, services, runtime, steps }], problems: [] }
}

/** `inherit: default:` / `inherit: variables:` (true, false, or the list of names kept) */
function inheritance(defs: Definitions, job: Value): { defaults: (key: string) => boolean; variables: (name: string) => boolean } {
  const inherit = defs.dereferenced(get(job, 'inherit'))
  const rule = (key: string) => {
    const value = get(inherit, key)
    const flag = stringOf(value)
    if (flag === 'false') return () => false
    if (flag === undefined && value) {
      const kept = new Set(stringsOf(value))
      return (name: string) => kept.has(name)
    }
    return () => true
  }
  return { defaults: rule('default'), variables: rule('variables') }
}

function pick(variables: Record<string, string>, keep: (name: string) => boolean): Record<string, string> {
  return Object.fromEntries(Object.entries(variables).filter(([name]) => keep(name)))
}

/** the trigger job's gates, judged in the parent pipeline's own scenario */
function combined(gates: { gate: Gate; kind: 'trigger' | 'condition' }[]): Gate {
  return { outcome: (s) => allOf(gates, s.parent ?? s) }
}

/** `services:` entries as image names and aliases */
function serviceList(defs: Definitions, value: Value | undefined): { name?: string; alias?: string }[] {
  const list = defs.dereferenced(value)
  if (list?.kind !== 'node') return []
  return list.view.items(list.node).map((item) => {
    const name = list.view.string(item) ?? list.view.string(list.view.get(item, 'name'))
    const alias = list.view.string(list.view.get(item, 'alias'))
    return { ...(name !== undefined ? { name } : {}), ...(alias !== undefined ? { alias } : {}) }
  })
}

/**
 * The lines of one script key as steps: consecutive lines written in the same place form one shell
 * text, so an `export`, a `cd` or an early `exit` reaches the lines after it. GitLab's Docker
 * executor runs them with bash where the image has it, else sh; the image is rarely known, so the
 * text is read as bash, whose syntax covers sh's.
 */
function stepsOf(key: string, lines: ScriptLine[], job: string, jobFile: string, env: Record<string, string>, services: string[], config: SeedguardConfig): ContextStep[] {
  const groups: ScriptLine[][] = []
  for (const line of lines) {
    const last = groups.at(-1)?.[0]
    if (last && last.view === line.view && last.from === line.from) groups.at(-1)!.push(line)
    else groups.push([line])
  }
  return groups.map((group) => {
    const { view, from } = group[0]!
    const file = view.lines.file
    const label = `\`${key}\`${from !== job ? ` of \`${from}\`` : ''}${file !== jobFile ? ` in ${file}` : ''}`
    const first = view.span(group[0]!.node)
    const span: Span = { ...first, end: view.span(group.at(-1)!.node).end }
    const sources = group.map((line) => view.shellSource(line.node, 'bash')).filter((s): s is ShellSource => s !== undefined)
    const reasons = [...databaseReasons(env, services, config, span), ...envVarReasons(env, config, span)]
    return { label, span, cwd: '.', env, reasons, ...(sources.length > 0 ? { source: joinedSources(sources) } : {}) }
  })
}

interface TriggerJob {
  label: string
  span: Span
  reasons: ProductionReason[]
  environment: ProductionReason[]
  env: Record<string, string>
  gate: Gate
  scenarios: Scenario[]
  depth: number
}

/**
 * `trigger: include:` starts a child pipeline from files of the repository: its jobs run where the
 * trigger job runs, with the trigger job's variables. A multi-project trigger or a generated file
 * (`artifact:`) cannot be read. https://docs.gitlab.com/ci/pipelines/downstream_pipelines/
 */
function readChild(trigger: Value, job: TriggerJob, project: Project, config: SeedguardConfig): { contexts: ExecutionContext[]; problems: Problem[] } {
  const production = decideProduction(job.reasons)
  const reaches = !(production.verdict === 'not-production' && production.confidence === 'high')
  const includeValue = get(trigger, 'include')
  if (trigger.kind === 'node' || !includeValue || includeValue.kind !== 'node') {
    const target = stringOf(trigger) ?? stringOf(get(trigger, 'project')) ?? '?'
    const span = trigger.kind === 'node' ? trigger.view.span(trigger.node) : job.span
    return { contexts: [], problems: reaches ? [unresolvedInclude('project', target, span)] : [] }
  }
  const { view, node } = includeValue
  const files: string[] = []
  const problems: Problem[] = []
  for (const entry of includeEntries(view, node)) {
    if (entry.local !== undefined && !/^https?:\/\//.test(entry.local)) {
      const found = localFiles(entry.local, project)
      if (found.length === 0) problems.push({ rule: 'parse-error', message: `\`trigger: include: ${entry.local}\` names no file of the repository: GitLab refuses the pipeline`, span: view.span(entry.node) })
      files.push(...found)
    } else if (reaches) {
      const external = externalInclude(view, entry.node, entry.local, view.span(entry.node))
      problems.push(unresolvedInclude(external.kind, external.target, external.span))
    }
  }
  if (files.length === 0 || job.depth >= MAX_CHILD_DEPTH) return { contexts: [], problems }
  const child = loadPipelineOf(files, project)
  if ('problem' in child) return { contexts: [], problems: [...problems, child.problem] }
  const read = readPipeline(child, { prefix: `${job.label} → child pipeline: `, scenarios: job.scenarios.map(asChild), parent: job.gate, forwarded: job.env, reasons: job.environment, depth: job.depth + 1 }, project, config)
  return { contexts: read.contexts, problems: [...problems, ...read.problems] }
}

function unresolvedInclude(kind: string, target: string, span: Span): Problem {
  return { rule: 'unresolved-on-production-path', message: `\`${kind}: ${target}\` is not in this repository: the jobs it adds to a pipeline that runs on the default branch or a tag are not read`, span }
}
