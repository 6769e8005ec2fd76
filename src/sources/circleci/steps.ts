// A job's steps as CircleCI compiles them: `run`, reusable `commands` with their parameters,
// `steps` parameters, `when`/`unless` steps and orb commands
// (https://circleci.com/docs/reference/configuration-reference/,
// https://circleci.com/docs/reference/reusing-config/).
import type { SeedguardConfig } from '../../config/types.js'
import type { ContextStep } from '../../model/context.js'
import type { ProductionReason } from '../../model/production.js'
import type { Span } from '../../model/span.js'
import { databaseReasons, envVarReasons, nameVerdict } from '../../production/evidence.js'
import { joinPath } from '../../util/paths.js'
import type { YamlNode } from '../../util/yaml.js'
import { reachReasons, type Gate } from '../ci/reach.js'
import { shellKind } from '../ci/shell.js'
import { logicOutcome, negate, type Scenario } from './conditions.js'
import type { CircleConfig, Scope } from './config.js'
import { orbKnowledge, type OrbKnowledge } from './orbs.js'

// steps CircleCI provides that run none of the project's commands
const BUILT_IN = new Set(['checkout', 'setup_remote_docker', 'save_cache', 'restore_cache', 'store_artifacts', 'store_test_results', 'persist_to_workspace', 'attach_workspace', 'add_ssh_keys'])
const MAX_NESTING = 8

export interface JobSetting {
  env: Record<string, string>
  cwd: string
  services: string[]
  /** the job's gates: a `when` step is judged together with them */
  gates: { gate: Gate<Scenario>; kind: 'trigger' | 'condition' }[]
  scenarios: Scenario[]
  config: SeedguardConfig
  /** deploys an orb command makes: evidence for the whole job */
  deploys: ProductionReason[]
}

interface Place {
  scope: Scope
  /** what a `when` step around these steps says */
  reasons: ProductionReason[]
  depth: number
}

export function stepsOf(circle: CircleConfig, list: YamlNode | undefined, scope: Scope, job: JobSetting): ContextStep[] {
  return readList(circle, list, job, { scope, reasons: [], depth: 0 })
}

function readList(circle: CircleConfig, list: YamlNode | undefined, job: JobSetting, place: Place): ContextStep[] {
  const { view } = circle
  // `steps: << parameters.steps >>`: the caller's steps, read where the caller writes them
  const passed = circle.binding(view.string(list), place.scope)
  if (passed) return place.depth < MAX_NESTING ? readList(circle, passed.node, job, { ...place, scope: passed.scope, depth: place.depth + 1 }) : []
  return view.items(list).flatMap((item) => readStep(circle, item, job, place))
}

function readStep(circle: CircleConfig, item: YamlNode, job: JobSetting, place: Place): ContextStep[] {
  const { view } = circle
  const bare = view.string(item)
  const entry = bare === undefined ? view.entries(item)[0] : undefined
  const type = bare ?? entry?.key
  if (type === undefined || BUILT_IN.has(type)) return []
  const args = entry?.value
  // `deploy` is the deprecated spelling of `run`
  if (type === 'run' || type === 'deploy') return [runStep(circle, args, job, place)]
  if (type === 'steps') return readList(circle, args, job, place)
  if (type === 'when' || type === 'unless') return conditional(circle, args, type, job, place)
  if (place.depth >= MAX_NESTING) return []
  const command = circle.commands.get(type)
  const span = view.span(entry?.keyNode ?? item)
  if (command) {
    const scope = circle.bind(command.node, args, place.scope)
    const nested = readList(circle, view.get(command.node, 'steps'), job, { scope, reasons: place.reasons, depth: place.depth + 1 })
    return [{ label: `command \`${type}\``, span, cwd: job.cwd, env: job.env, reasons: place.reasons, nested }]
  }
  const orb = orbOf(circle, type)
  if (!orb) return []
  const knowledge = orbKnowledge(orb.registry, 'commands', orb.name)
  const label = `orb command \`${type}\``
  if (knowledge.deploys) job.deploys.push(orbDeploy(circle, type, knowledge, args, place.scope, span, job.config))
  if (knowledge.known) return []
  return [{ label, span, cwd: job.cwd, env: job.env, reasons: place.reasons, invoke: [{ kind: 'unresolved', reason: `${label} (orb \`${orb.registry}\`) is not in this repository: what it runs cannot be read; if it seeds, seedguard cannot see it` }] }]
}

function runStep(circle: CircleConfig, args: YamlNode | undefined, job: JobSetting, place: Place): ContextStep {
  const { view } = circle
  const long = view.string(args) === undefined
  const command = long ? view.get(args, 'command') : args
  const name = long ? circle.text(view.get(args, 'name'), place.scope) : undefined
  const env = { ...job.env, ...(long ? circle.record(view.get(args, 'environment'), place.scope) : {}) }
  const directory = long ? circle.text(view.get(args, 'working_directory'), place.scope) : undefined
  const cwd = directory === undefined ? job.cwd : (joinPath(job.cwd, directory) ?? job.cwd)
  const span = view.span(command ?? args)
  const source = circle.shell(command, place.scope, shellKind(long ? circle.text(view.get(args, 'shell'), place.scope) : undefined))
  const reasons = [...place.reasons, ...databaseReasons(env, job.services, job.config, span), ...envVarReasons(env, job.config, span)]
  return { label: name ? `step \`${name}\`` : '`run`', span, cwd, env, reasons, ...(source ? { source } : {}) }
}

/**
 * `when: { condition, steps }` / `unless:`: decided when the config is compiled. A condition
 * that holds or fails alike in every pipeline keeps or drops its steps; one that depends on the
 * branch adds what it says of production to them.
 */
function conditional(circle: CircleConfig, args: YamlNode | undefined, type: 'when' | 'unless', job: JobSetting, place: Place): ContextStep[] {
  const { view } = circle
  const condition = view.get(args, 'condition')
  const outcome = (s: Scenario) => {
    const holds = logicOutcome(view, condition, circle.values(place.scope, s))
    return type === 'when' ? holds : negate(holds)
  }
  const outcomes = job.scenarios.map(outcome)
  if (outcomes.every((o) => o === 'no')) return []
  const steps = view.get(args, 'steps')
  if (outcomes.every((o) => o === 'yes')) return readList(circle, steps, job, place)
  const gate: Gate<Scenario> = { outcome: (s) => ({ outcome: outcome(s), span: view.span(condition), detail: `\`${type}: condition\`` }) }
  const reach = reachReasons([...job.gates, { gate, kind: 'condition' }], job.scenarios, view.span(condition), '')
  const against = reach.filter((r) => !r.towards)
  return readList(circle, steps, job, { ...place, reasons: [...place.reasons, ...against] })
}

export function orbOf(circle: CircleConfig, name: string): { registry: string; name: string } | undefined {
  const slash = name.indexOf('/')
  const registry = slash > 0 ? circle.orbs.get(name.slice(0, slash)) : undefined
  return registry === undefined ? undefined : { registry, name: name.slice(slash + 1) }
}

/**
 * What an orb's deploy says of production: the target it names where the orb documents one (a
 * Heroku app), else its own name (`hokusai/deploy-staging` deploys to staging).
 */
export function orbDeploy(circle: CircleConfig, type: string, knowledge: OrbKnowledge, args: YamlNode | undefined, scope: Scope, span: Span, config: SeedguardConfig): ProductionReason {
  const deploys = knowledge.deploys!
  const target = deploys.target ? (circle.text(circle.view.get(args, deploys.target.parameter), scope) ?? deploys.target.default) : undefined
  const detail = `orb \`${type}\` ${deploys.what}${target ? ` \`${target}\`` : ''}`
  const verdict = nameVerdict(target ?? type.slice(type.indexOf('/') + 1), config)
  if (verdict === 'not-production') return { kind: 'deploy-action', towards: false, detail: `${detail}, named for a non-production environment`, span }
  return { kind: 'deploy-action', towards: true, detail: verdict === 'production' && target === undefined ? `${detail}, named for production` : detail, span }
}
