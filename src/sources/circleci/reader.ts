// CircleCI: https://circleci.com/docs/reference/configuration-reference/
import type { SeedguardConfig } from '../../config/types.js'
import type { ContextStep, ExecutionContext } from '../../model/context.js'
import type { ProductionReason } from '../../model/production.js'
import type { Span } from '../../model/span.js'
import { classifyEnvironmentName } from '../../production/evidence.js'
import type { Project } from '../../project/project.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'
import { pushedBranches } from '../ci/branches.js'
import { and, reachesProduction, reachReasons, type Gate, type GateResult, type Outcome } from '../ci/reach.js'
import type { Problem, SourceReader } from '../types.js'
import { filtersGate, logicOutcome, negate, scenariosOf, type Scenario } from './conditions.js'
import { CircleConfig, ROOT, type Binding, type Scope } from './config.js'
import { continuedFiles } from './continuation.js'
import { orbKnowledge } from './orbs.js'
import { loadYamlFile } from '../yaml-file.js'
import { jobRuntime } from './runtime.js'
import { orbDeploy, orbOf, stepsOf, type JobSetting } from './steps.js'
import { shippedByJobs } from '../ci/artifacts.js'

const FILE = '.circleci/config.yml'

const circleci: SourceReader = {
  id: 'circleci',
  rejectedBy: 'CircleCI',
  title: 'CircleCI pipelines',
  docs: 'https://circleci.com/docs/reference/configuration-reference/',
  files: [FILE],
  read: readCircleciFile,
  deploys: shippedByJobs(readCircleciFile),
}
export default circleci

function readCircleciFile(file: string, project: Project, config: SeedguardConfig): { contexts: ExecutionContext[]; problems: Problem[] } {
  const loaded = loadYamlFile(file, project)
  if ('problem' in loaded) return { contexts: [], problems: [loaded.problem] }
  return readConfig(loaded.view, project, config, 0)
}

/** one job as a workflow runs it */
interface Invocation {
  workflow: string
  /** the name `requires:` uses: `name:`, else the job's */
  name: string
  job: string
  item: YamlNode
  args: YamlNode | undefined
  /** a matrix instance's parameter values, and its label */
  matrix: Map<string, Binding>
  suffix: string
  gate: Gate<Scenario>
}

function readConfig(view: YamlView, project: Project, config: SeedguardConfig, depth: number): { contexts: ExecutionContext[]; problems: Problem[] } {
  const circle = new CircleConfig(view)
  const scenarios = scenariosOf(pushedBranches(config))
  const problems: Problem[] = []
  const contexts: ExecutionContext[] = []
  const invocations = invocationsOf(circle)
  for (const invocation of invocations) {
    const read = readInvocation(circle, invocation, scenarios, config)
    contexts.push(...read.contexts)
    problems.push(...read.problems)
  }
  const setup = view.get(view.root, 'setup')
  const reaching = invocations.filter((i) => reachesProduction([{ gate: i.gate, kind: 'condition' }], scenarios) !== 'no')
  if (view.string(setup) === 'true' && reaching.length > 0) {
    const continued = depth === 0 ? continuedFiles(circle, reaching) : undefined
    const missing = continued?.filter((f) => f !== view.lines.file && !project.cache.exists(f)) ?? []
    if (!continued || missing.length > 0) {
      const what = missing.length > 0 ? `with ${missing.map((f) => `\`${f}\``).join(', ')}, not in this repository` : 'with a config chosen or generated when it runs'
      problems.push({ rule: 'unresolved-on-production-path', message: `a setup config (\`setup: true\`) continues the pipeline ${what}: the jobs it continues with on the default branch or a tag are not read`, span: view.span(setup) })
    }
    for (const file of continued ?? []) {
      if (file === view.lines.file || missing.includes(file)) continue
      const loadedNext = loadYamlFile(file, project)
      const next = 'problem' in loadedNext ? { contexts: [], problems: [loadedNext.problem] } : readConfig(loadedNext.view, project, config, depth + 1)
      contexts.push(...next.contexts)
      problems.push(...next.problems)
    }
  }
  if (view.aliasLimitAt !== undefined) problems.push({ rule: 'parse-error', message: 'too many YAML alias expansions (an alias bomb?): the rest of the file was not read', span: view.lines.span(view.aliasLimitAt, view.aliasLimitAt + 1) })
  return { contexts, problems }
}

/**
 * The jobs the workflows run. A job no workflow names does not run (2.1); a 2.0 config without
 * `workflows:` runs its `build` job for every pushed branch, or those its `branches:` names.
 */
function invocationsOf(circle: CircleConfig): Invocation[] {
  const { view } = circle
  const workflows = view.get(view.root, 'workflows')
  if (!workflows) {
    const build = circle.jobs.get('build')
    if (!build) return []
    // the job's own `branches:` (2.0) filters it as a workflow's `filters: branches:` would
    const branches = view.get(build.node, 'branches')
    const filtered = branches ? filtersGate(view, build.node, (s) => circle.values(ROOT, s)) : undefined
    const gate: Gate<Scenario> = { outcome: (s) => (filtered ? filtered.outcome(s) : { outcome: s.ref.tag ? 'no' : 'yes' }) }
    return [{ workflow: '', name: 'build', job: 'build', item: build.keyNode ?? build.node, args: undefined, matrix: new Map(), suffix: '', gate }]
  }
  const out: Invocation[] = []
  for (const { key, value } of view.entries(workflows)) {
    if (key === 'version') continue
    const workflowGate = workflowGateOf(circle, value)
    const byName = new Map<string, Invocation[]>()
    const own: { invocation: Invocation; requires: string[]; filters: Gate<Scenario> }[] = []
    for (const item of view.items(view.get(value, 'jobs'))) {
      const job = view.string(item) ?? view.entries(item)[0]?.key
      if (job === undefined) continue
      const args = view.string(item) === undefined ? view.entries(item)[0]?.value : undefined
      const requires = view.items(view.get(args, 'requires')).map((r) => view.string(r) ?? view.entries(r)[0]?.key).filter((r): r is string => r !== undefined)
      const filters = filtersGate(view, view.get(args, 'filters'), (s) => circle.values(ROOT, s))
      const name = view.string(view.get(args, 'name')) ?? job
      const matrix = view.get(args, 'matrix')
      const alias = view.string(view.get(matrix, 'alias')) ?? name
      for (const instance of matrixOf(view, view.get(matrix, 'parameters'))) {
        // the gate is filled in below, once every job `requires:` can name is known
        const invocation: Invocation = { workflow: key, name, job, item, args, matrix: instance.values, suffix: instance.suffix, gate: { outcome: () => ({ outcome: 'yes' }) } }
        byName.set(alias, [...(byName.get(alias) ?? []), invocation])
        if (alias !== name) byName.set(name, [...(byName.get(name) ?? []), invocation])
        own.push({ invocation, requires, filters })
      }
    }
    // a job runs only where every job it requires runs
    const judging = new Set<Invocation>()
    const gateOf = (entry: (typeof own)[number]): Gate<Scenario> => ({
      outcome(s) {
        const result = workflowThenFilters(workflowGate?.outcome(s), entry.filters.outcome(s))
        if (result.outcome === 'no' || judging.has(entry.invocation)) return result
        judging.add(entry.invocation)
        try {
          for (const required of entry.requires.flatMap((r) => byName.get(r) ?? [])) {
            const upstream = required.gate.outcome(s)
            if (upstream.outcome === 'no') return { ...upstream, detail: `requires \`${required.name}\`, which does not run there (${upstream.detail ?? 'its filters'})` }
            // where the job has no filter of its own, the job it waits for says where it runs
            if (result.detail === undefined && upstream.detail !== undefined) Object.assign(result, { span: upstream.span, detail: `requires \`${required.name}\` with ${upstream.detail}` })
            result.outcome = and(result.outcome, upstream.outcome)
          }
        } finally {
          judging.delete(entry.invocation)
        }
        return result
      },
    })
    for (const entry of own) entry.invocation.gate = gateOf(entry)
    out.push(...own.map((e) => e.invocation))
  }
  return out
}

/** the workflow's result first where it decides, else the job's filters */
function workflowThenFilters(workflow: GateResult | undefined, filters: GateResult): GateResult {
  if (!workflow) return { ...filters }
  if (workflow.outcome === 'no') return { ...workflow }
  const outcome: Outcome = and(workflow.outcome, filters.outcome)
  return filters.detail !== undefined || workflow.outcome === 'yes' ? { ...filters, outcome } : { ...workflow, outcome }
}

/** `when:` / `unless:` on a workflow, and 2.0 `triggers: - schedule:` (then it runs on schedule, on the branches its filters name) */
function workflowGateOf(circle: CircleConfig, workflow: YamlNode | undefined): Gate<Scenario> | undefined {
  const { view } = circle
  const when = view.get(workflow, 'when')
  const unless = view.get(workflow, 'unless')
  const schedule = view.items(view.get(workflow, 'triggers')).map((t) => view.get(t, 'schedule')).find((s) => s !== undefined)
  if (!when && !unless && !schedule) return undefined
  const scheduled = schedule ? filtersGate(view, view.get(schedule, 'filters'), (s) => circle.values(ROOT, s)) : undefined
  return {
    outcome(s) {
      if (scheduled) {
        const result = scheduled.outcome(s)
        if (result.outcome === 'no') return { ...result, detail: `scheduled ${result.detail ?? ''}`.trim() }
      }
      const condition = when ?? unless
      if (!condition) return scheduled!.outcome(s)
      const holds = logicOutcome(view, condition, circle.values(ROOT, s))
      return { outcome: when ? holds : negate(holds), span: view.span(condition), detail: `workflow \`${when ? 'when' : 'unless'}:\`` }
    },
  }
}

/** `matrix: parameters:`: one instance per combination of values */
function matrixOf(view: YamlView, parameters: YamlNode | undefined): { values: Map<string, Binding>; suffix: string }[] {
  let instances: { values: Map<string, Binding>; suffix: string[] }[] = [{ values: new Map(), suffix: [] }]
  for (const { key, value } of view.entries(parameters)) {
    const items = view.items(value)
    instances = instances.flatMap((instance) => items.map((item) => ({ values: new Map([...instance.values, [key, { node: item, scope: ROOT }]]), suffix: [...instance.suffix, `${key}: ${view.string(item) ?? '…'}`] })))
  }
  return instances.map((i) => ({ values: i.values, suffix: i.suffix.length > 0 ? ` (${i.suffix.join(', ')})` : '' }))
}

function readInvocation(circle: CircleConfig, invocation: Invocation, scenarios: Scenario[], config: SeedguardConfig): { contexts: ExecutionContext[]; problems: Problem[] } {
  const { view } = circle
  const { args } = invocation
  // an approval job is a hold in the workflow, and runs nothing
  if (view.string(view.get(args, 'type')) === 'approval') return { contexts: [], problems: [] }
  const definition = circle.jobs.get(invocation.job)
  const orb = definition ? undefined : orbOf(circle, invocation.job)
  const itemSpan = view.span(view.string(invocation.item) !== undefined ? invocation.item : (view.entries(invocation.item)[0]?.keyNode ?? invocation.item))
  if (!definition && !orb) return { contexts: [], problems: [{ rule: 'parse-error', message: `\`${invocation.job}\` is neither a job of this config nor an orb's: CircleCI refuses the config`, span: itemSpan }] }
  const span = definition ? view.span(definition.keyNode ?? definition.node) : itemSpan
  const gates = [{ gate: invocation.gate, kind: 'condition' as const }]
  const contextNames = view.strings(view.get(args, 'context'))
  const reasons: ProductionReason[] = [...reachReasons(gates, scenarios, span, 'no `filters:`'), ...contextReasons(contextNames, view.span(view.get(args, 'context')), config)]
  const named = invocation.name !== invocation.job ? ` (\`${invocation.job}\`)` : ''
  const label = `job \`${invocation.name}\`${named}${invocation.suffix}${contextNames.length > 0 ? ` (context: ${contextNames.join(', ')})` : ''} in ${span.file}`
  const id = `${span.file}#${invocation.workflow}/${invocation.name}${invocation.suffix}`
  if (!definition) return { contexts: [orbJob(circle, invocation, orb!, { id, label, span: itemSpan, reasons }, scenarios, gates, config)], problems: [] }
  const scope = circle.bind(definition.node, args, ROOT, invocation.matrix)
  const executor = executorOf(circle, definition.node, scope)
  const env = { ...executor.env, ...circle.record(view.get(definition.node, 'environment'), scope) }
  const job: JobSetting = { env, cwd: '.', services: executor.services, gates, scenarios, config, deploys: [] }
  // `pre-steps` and `post-steps` of the workflow run around every job's own (2.1)
  const steps = [...stepsOf(circle, view.get(args, 'pre-steps'), ROOT, job), ...stepsOf(circle, view.get(definition.node, 'steps'), scope, job), ...stepsOf(circle, view.get(args, 'post-steps'), ROOT, job)]
  return { contexts: [{ id, label, span, reasons: [...reasons, ...job.deploys], services: executor.services, runtime: jobRuntime(executor.image), steps }], problems: [] }
}

/**
 * A job from an orb: what its documentation says it runs (the Heroku orb's deploy with its
 * `pre-deploy`/`post-deploy` steps), a reporting orb's job runs nothing of the project's; any other
 * orb job may run anything, which is said where the job could be a production one.
 */
function orbJob(circle: CircleConfig, invocation: Invocation, orb: { registry: string; name: string }, head: Pick<ExecutionContext, 'id' | 'label' | 'span' | 'reasons'>, scenarios: Scenario[], gates: JobSetting['gates'], config: SeedguardConfig): ExecutionContext {
  const { view } = circle
  const { args } = invocation
  const knowledge = orbKnowledge(orb.registry, 'jobs', orb.name)
  const job: JobSetting = { env: {}, cwd: '.', services: [], gates, scenarios, config, deploys: [] }
  const passed = (names: string[]) => names.flatMap((name) => stepsOf(circle, view.get(args, name), ROOT, job))
  const own: ContextStep[] = knowledge.known
    ? []
    : [{ label: `orb job \`${invocation.job}\``, span: head.span, cwd: '.', env: {}, reasons: [], invoke: [{ kind: 'unresolved', reason: `orb job \`${invocation.job}\` (orb \`${orb.registry}\`) is not in this repository: what it runs cannot be read; if it seeds, seedguard cannot see it` }] }]
  const steps = [...passed(['pre-steps', ...(knowledge.steps?.before ?? [])]), ...own, ...passed([...(knowledge.steps?.after ?? []), 'post-steps'])]
  const deploy = knowledge.deploys ? [orbDeploy(circle, invocation.job, knowledge, args, ROOT, head.span, config)] : []
  return { ...head, label: `orb ${head.label}`, reasons: [...head.reasons, ...deploy, ...job.deploys], runtime: jobRuntime(undefined), steps }
}

/**
 * `context:`: the organisation's variable sets the job receives, named by the team; one named for
 * production (`production`, `prod-deploy`) gives the job production's secrets, one named for staging
 * gives it staging's (https://circleci.com/docs/contexts/).
 */
function contextReasons(names: string[], span: Span, config: SeedguardConfig): ProductionReason[] {
  const verdicts = names.map((name) => ({ name, verdict: classifyEnvironmentName(name, config) }))
  const production = verdicts.find((v) => v.verdict === 'production')
  if (production) return [{ kind: 'environment', towards: true, detail: `context \`${production.name}\``, span }]
  const other = verdicts.find((v) => v.verdict === 'not-production')
  return other ? [{ kind: 'environment', towards: false, detail: `context \`${other.name}\` is not production`, span }] : []
}

/**
 * The job's executor: its own `docker:`/`machine:`, or a reusable `executor:` with its parameters.
 * The first `docker:` image runs the steps; the others are service containers, reached on
 * localhost or by their `name:` (https://circleci.com/docs/reference/configuration-reference/).
 */
function executorOf(circle: CircleConfig, jobNode: YamlNode, scope: Scope): { env: Record<string, string>; image?: string; services: string[] } {
  const { view } = circle
  const named = view.get(jobNode, 'executor')
  const name = circle.text(named, scope) ?? circle.text(view.get(named, 'name'), scope)
  const reusable = name === undefined ? undefined : circle.executors.get(name)
  const node = reusable ? reusable.node : jobNode
  const at = reusable ? circle.bind(reusable.node, view.string(named) === undefined ? named : undefined, scope) : scope
  const images = [...view.items(view.get(node, 'docker')), ...(reusable ? view.items(view.get(jobNode, 'docker')) : [])]
  const primary = images[0]
  const image = circle.text(view.get(primary, 'image'), at)
  const env = { ...(reusable ? circle.record(view.get(node, 'environment'), at) : {}), ...circle.record(view.get(primary, 'environment'), at) }
  const services = images.slice(1).flatMap((s) => circle.text(view.get(s, 'name'), at) ?? [])
  return { env, ...(image !== undefined ? { image } : {}), services }
}
