// Drone pipelines: https://docs.drone.io/pipeline/docker/syntax/ (also the kubernetes, exec and
// ssh pipeline types, which share steps, `trigger:` and `when:`)
import type { SeedguardConfig } from '../../config/types.js'
import type { ContextStep, ExecutionContext, ShellSource } from '../../model/context.js'
import { OUTSIDE_ENVIRONMENT, type RuntimeEnvironment } from '../../model/runtime.js'
import { fileStartSpan, type Span } from '../../model/span.js'
import { databaseReasons, envVarReasons } from '../../production/evidence.js'
import { parseYamlDocuments, YamlView, type YamlNode } from '../../util/yaml.js'
import { pushedBranches } from '../ci/branches.js'
import { reachReasons, type Gate } from '../ci/reach.js'
import { joinedSources } from '../ci/script.js'
import { remoteHostReason } from '../ci/remote-host.js'
import type { Problem, SourceReader } from '../types.js'
import type { Project } from '../../project/project.js'
import { conditionGate, droneScenarios, targetReasons, type DroneScenario } from './conditions.js'
import { shippedByJobs } from '../ci/artifacts.js'

// plugins whose settings run commands on a remote host: https://github.com/appleboy/drone-ssh (DOCS.md),
// `plugins/ssh` its former name
const SSH_PLUGIN = /^(?:[\w.-]+\/)?(?:appleboy\/drone-ssh|plugins\/ssh)(?::[\w.-]+)?$/
// files Drone evaluates into the pipeline: https://docs.drone.io/pipeline/scripting/jsonnet/ , /starlark/
const GENERATED = ['.drone.jsonnet', '.drone.star']

type Gated = { gate: Gate<DroneScenario>; kind: 'trigger' | 'condition' }

const drone: SourceReader = {
  id: 'drone',
  rejectedBy: 'Drone',
  title: 'Drone pipelines',
  docs: 'https://docs.drone.io/pipeline/docker/syntax/',
  files: ['.drone.yml', ...GENERATED],
  read: readDroneFile,
  deploys: shippedByJobs(readDroneFile),
}
export default drone

function readDroneFile(file: string, project: Project, config: SeedguardConfig): { contexts: ExecutionContext[]; problems: Problem[] } {
  if (GENERATED.includes(file)) {
    return { contexts: [], problems: [{ rule: 'unresolved-on-production-path', message: `${file} is a script that Drone runs to generate the pipeline: its steps, which may run for the default branch or a tag, are not read`, span: fileStartSpan(file) }] }
  }
  const lines = project.cache.get(file)
  if (!lines) return { contexts: [], problems: [] }
  const { docs, error } = parseYamlDocuments(lines.text)
  if (error) return { contexts: [], problems: [{ rule: 'parse-error', message: `invalid YAML: ${error.message}`, span: lines.span(error.offset, error.offset + 1) }] }
  const scenarios = droneScenarios(pushedBranches(config))
  const contexts = docs.flatMap((doc) => readPipeline(new YamlView(doc, lines), file, scenarios, config))
  return { contexts, problems: [] }
}

/** a list of maps with `name:` (1.x), or a map of name → map (0.8's `pipeline:` and `services:`) */
function named(view: YamlView, node: YamlNode | undefined): { name: string; node: YamlNode; span: Span }[] {
  const items = view.items(node)
  if (items.length > 0) {
    return items.map((item, i) => {
      const name = view.entries(item).find((e) => e.key === 'name')
      return { name: view.string(name?.value) ?? `#${i + 1}`, node: item, span: view.span(name?.value ?? item) }
    })
  }
  return view.entries(node).flatMap(({ key, keyNode, value }) => (value ? [{ name: key, node: value, span: view.span(keyNode) }] : []))
}

/** `environment:` values; `from_secret:` ones as `<secret NAME>`, whose value no file shows */
function environmentOf(view: YamlView, node: YamlNode | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const { key, value } of view.entries(node)) {
    const plain = view.string(value)
    const secret = view.string(view.get(value, 'from_secret'))
    if (plain !== undefined) out[key] = plain
    else if (secret !== undefined) out[key] = `<secret ${secret}>`
  }
  return out
}

function readPipeline(view: YamlView, file: string, scenarios: DroneScenario[], config: SeedguardConfig): ExecutionContext[] {
  const root = view.root
  const kind = view.string(view.get(root, 'kind'))
  // `secret`, `signature` and `template` documents run nothing
  if (kind !== undefined && kind !== 'pipeline') return []
  const type = view.string(view.get(root, 'type')) ?? 'docker'
  const pipeline = view.string(view.get(root, 'name')) ?? 'default'
  const trigger = view.get(root, 'trigger')
  const pipelineGate: Gated = { gate: conditionGate(view, trigger, config, 'trigger'), kind: 'trigger' }
  const services = named(view, view.get(root, 'services')).map((s) => s.name)
  const globals = environmentOf(view, view.get(root, 'environment'))
  // an ssh pipeline runs its steps on `server.host` (https://docs.drone.io/pipeline/ssh/overview/)
  const server = type === 'ssh' ? hostOf(view, view.get(view.get(root, 'server'), 'host')) : undefined
  const steps = named(view, view.get(root, 'steps') ?? view.get(root, 'pipeline'))
  return steps.flatMap((step) => {
    const when = view.get(step.node, 'when')
    const gates: Gated[] = [pipelineGate, { gate: conditionGate(view, when, config, 'when'), kind: 'condition' }]
    const env = { ...globals, ...environmentOf(view, view.get(step.node, 'environment')) }
    const image = view.string(view.get(step.node, 'image'))
    const label = `step \`${step.name}\` of pipeline \`${pipeline}\` in ${file}`
    const reasons = [...reachReasons(gates, scenarios, step.span, 'no `trigger:` or `when:`'), ...targetReasons(view, trigger, config), ...targetReasons(view, when, config)]
    const id = `${file}#${pipeline}/${step.name}`
    const contexts: ExecutionContext[] = []
    const commands = view.get(step.node, 'commands')
    if (commands) {
      const onServer = server && remoteHostReason(server, `the ssh pipeline's server`, view.span(view.get(view.get(root, 'server'), 'host')), config)
      // an ssh or exec pipeline runs on a host whose environment no file shows
      const runtime = server || type === 'exec' ? OUTSIDE_ENVIRONMENT : stepRuntime(image)
      const list = commandStep(view, '`commands`', commands, env, services, config)
      contexts.push({ id, label, span: step.span, reasons: [...reasons, ...(onServer ? [onServer] : [])], services, runtime, ...(server && { ownDatabase: true }), steps: list })
    }
    const script = image && SSH_PLUGIN.test(image) ? view.get(view.get(step.node, 'settings'), 'script') : undefined
    if (script) {
      const settings = view.get(step.node, 'settings')
      const host = hostOf(view, view.get(settings, 'host'))
      const remote = remoteHostReason(host, `\`${image}\``, view.span(view.get(settings, 'host') ?? script), config)
      const remoteSteps = commandStep(view, '`settings: script`', script, {}, [], config)
      contexts.push({ id: `${id}/ssh`, label: `\`script:\` of ${label}, on the remote host ${host}`, span: step.span, reasons: [...reasons, remote], runtime: OUTSIDE_ENVIRONMENT, ownDatabase: true, steps: remoteSteps })
    }
    return contexts
  })
}

/** a host as written (or the secret it comes from), for messages and for what its name says */
function hostOf(view: YamlView, node: YamlNode | undefined): string {
  const secret = view.string(view.get(node, 'from_secret'))
  if (secret !== undefined) return `from secret \`${secret}\``
  const hosts = view.strings(node)
  return hosts.length > 0 ? hosts.map((h) => `\`${h}\``).join(', ') : '(not given)'
}

/**
 * The lines of `commands:` as one shell text: the runner writes them into one script run with
 * /bin/sh in the step's image (https://docs.drone.io/pipeline/docker/syntax/steps/#commands).
 */
function commandStep(view: YamlView, label: string, node: YamlNode, env: Record<string, string>, services: string[], config: SeedguardConfig): ContextStep[] {
  const items = view.items(node).length > 0 ? view.items(node) : [node]
  const sources = items.map((item) => view.shellSource(item, 'sh')).filter((s): s is ShellSource => s !== undefined)
  if (sources.length === 0) return []
  const span: Span = { ...view.span(items[0]), end: view.span(items.at(-1)).end }
  return [{ label, span, cwd: '.', env, reasons: [...databaseReasons(env, services, config, span), ...envVarReasons(env, config, span)], source: joinedSources(sources) }]
}

/**
 * A step's container: Drone sets CI=true, DRONE=true and its DRONE_* variables
 * (https://docs.drone.io/pipeline/environment/reference/); the image's own ENV is not in the
 * repository, so a variable no file sets is unknown.
 */
function stepRuntime(image: string | undefined): RuntimeEnvironment {
  return {
    unset: 'unknown',
    label: `${image ? `the image \`${image}\`` : 'the step image'} and the Drone server's settings (outside the repository)`,
    values: { CI: 'true', DRONE: 'true' },
    valuesBy: 'Drone',
    provides: (variable) => /^(DRONE|CI)_/.test(variable),
    // each step runs in the checkout at $DRONE_WORKSPACE: https://docs.drone.io/pipeline/environment/reference/
    checkout: ['DRONE_WORKSPACE'],
  }
}
