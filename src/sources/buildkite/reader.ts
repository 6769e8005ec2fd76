// Buildkite pipelines: https://buildkite.com/docs/pipelines/configure/defining-steps
import type { SeedguardConfig } from '../../config/types.js'
import type { ExecutionContext, ShellSource } from '../../model/context.js'
import type { ProductionReason } from '../../model/production.js'
import type { RuntimeEnvironment } from '../../model/runtime.js'
import type { Span } from '../../model/span.js'
import { decideProduction } from '../../production/decision.js'
import { databaseReasons, envVarReasons, nameVerdict } from '../../production/evidence.js'
import type { Project } from '../../project/project.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'
import { aliasLimitProblem } from '../ci/load.js'
import { loadYamlFile } from '../yaml-file.js'
import { pushedBranches } from '../ci/branches.js'
import { reachesProduction, reachReasons, type Gate } from '../ci/reach.js'
import { joinedSources } from '../ci/script.js'
import type { Problem, SourceReader } from '../types.js'
import { branchesGate, ifGate, scenariosOf, type BuildkiteScenario } from './conditions.js'
import { readPlugins } from './plugins.js'
import { shippedByJobs } from '../ci/artifacts.js'

// what `buildkite-agent pipeline upload` reads without a file argument: https://buildkite.com/docs/agent/v3/cli-pipeline
const DEFAULT_FILES = ['buildkite.yml', 'buildkite.yaml', 'buildkite.json', '.buildkite/pipeline.yml', '.buildkite/pipeline.yaml', '.buildkite/pipeline.json', 'buildkite/pipeline.yml', 'buildkite/pipeline.yaml', 'buildkite/pipeline.json']
const MAX_UPLOAD_DEPTH = 4
// options of `pipeline upload` that take a value: https://buildkite.com/docs/agent/v3/cli-pipeline
const VALUED_FLAGS = new Set(['--format', '--job', '--agent-access-token', '--endpoint', '--redacted-vars', '--jwks-file', '--jwks-key-id', '--signing-key-path', '--signing-aws-kms-key', '--signing-gcp-kms-key', '--signing-jwks-file', '--signing-jwks-key-id'])

const buildkite: SourceReader = {
  id: 'buildkite',
  rejectedBy: 'Buildkite',
  title: 'Buildkite pipelines',
  docs: 'https://buildkite.com/docs/pipelines/configure/defining-steps',
  // a file another step uploads is read through that step
  files: DEFAULT_FILES,
  read: readBuildkiteFile,
  deploys: shippedByJobs(readBuildkiteFile),
}
export default buildkite

function readBuildkiteFile(file: string, project: Project, config: SeedguardConfig): { contexts: ExecutionContext[]; problems: Problem[] } {
  return readPipeline(file, { gates: [], label: '', depth: 0 }, project, config)
}

type Gates = { gate: Gate<BuildkiteScenario>; kind: 'trigger' | 'condition' }[]

interface Upload {
  /** the gates of the step that uploads this file, and of its groups */
  gates: Gates
  /** the uploading step's label, for the chain */
  label: string
  depth: number
}

function readPipeline(file: string, upload: Upload, project: Project, config: SeedguardConfig): { contexts: ExecutionContext[]; problems: Problem[] } {
  const loaded = loadYamlFile(file, project)
  if ('problem' in loaded) return { contexts: [], problems: [loaded.problem] }
  const { view } = loaded
  // `steps:`, or (the older form) the file is the list of steps itself
  const list = view.items(view.root).length > 0 ? view.root : view.get(view.root, 'steps')
  const pipeline: Pipeline = { view, project, config, scenarios: scenariosOf(pushedBranches(config)), env: view.record(view.get(view.root, 'env')), upload, contexts: [], problems: [], blocked: undefined }
  readSteps(pipeline, view.items(list), upload.gates)
  return { contexts: pipeline.contexts, problems: [...pipeline.problems, ...aliasLimitProblem(view)] }
}

interface Pipeline {
  view: YamlView
  project: Project
  config: SeedguardConfig
  scenarios: BuildkiteScenario[]
  env: Record<string, string>
  upload: Upload
  contexts: ExecutionContext[]
  problems: Problem[]
  /** the last `block`/`input` step before the current one: a gate someone unblocks, after which the steps run all the same */
  blocked: string | undefined
}

function readSteps(pipeline: Pipeline, items: YamlNode[], inherited: Gates): void {
  const { view } = pipeline
  for (const item of items) {
    const bare = view.string(item)
    if (bare === 'block' || bare === 'input') pipeline.blocked = bare
    if (bare !== undefined) continue
    const gates = [...inherited, ...stepGates(view, item)]
    const blockLabel = view.string(view.get(item, 'block')) ?? view.string(view.get(item, 'input'))
    if (blockLabel !== undefined) pipeline.blocked = blockLabel
    else if (view.get(item, 'group') !== undefined || view.get(item, 'steps') !== undefined) readSteps(pipeline, view.items(view.get(item, 'steps')), gates)
    else if (view.get(item, 'trigger') !== undefined) readTrigger(pipeline, item, gates)
    else if (view.get(item, 'wait') === undefined && view.entries(item).length > 0) readCommandStep(pipeline, item, gates)
  }
}

/** a step's `branches:` and `if:`, each a gate of its own */
function stepGates(view: YamlView, step: YamlNode): Gates {
  const gates: Gates = []
  const branches = view.string(view.get(step, 'branches')) ?? (view.strings(view.get(step, 'branches')).join(' ') || undefined)
  if (branches !== undefined) gates.push({ gate: branchesGate(branches, view.span(view.get(step, 'branches'))), kind: 'condition' })
  const condition = view.string(view.get(step, 'if'))
  if (condition !== undefined) gates.push({ gate: ifGate(condition, view.span(view.get(step, 'if'))), kind: 'condition' })
  return gates
}

function reaches(pipeline: Pipeline, gates: Gates): boolean {
  return reachesProduction(gates, pipeline.scenarios) !== 'no'
}

/** `trigger:` starts a build of another pipeline, whose steps its own settings define */
function readTrigger(pipeline: Pipeline, step: YamlNode, gates: Gates): void {
  const { view } = pipeline
  if (!reaches(pipeline, gates)) return
  const target = view.get(step, 'trigger')
  pipeline.problems.push({ rule: 'unresolved-on-production-path', message: `\`trigger: ${view.string(target) ?? '?'}\` starts a build of another pipeline, on the default branch or a tag: its steps are not in this file`, span: view.span(target) })
}

function readCommandStep(pipeline: Pipeline, step: YamlNode, gates: Gates): void {
  const { view, config, upload } = pipeline
  const file = view.lines.file
  const keySpan = view.span(view.entries(step)[0]!.keyNode)
  const commandNode = view.get(step, 'command') ?? view.get(step, 'commands') ?? view.get(step, 'script')
  const lines = view.string(commandNode) !== undefined ? [commandNode!] : view.items(commandNode)
  const sources = lines.map((line) => view.shellSource(line, 'bash')).filter((s): s is ShellSource => s !== undefined)
  const name = view.string(view.get(step, 'label')) ?? view.string(view.get(step, 'name')) ?? view.string(view.get(step, 'key'))
  const plugins = readPlugins(view, view.get(step, 'plugins'), { ...pipeline.env, ...view.record(view.get(step, 'env')) }, pipeline.project)
  const env = { ...pipeline.env, ...plugins.env, ...view.record(view.get(step, 'env')) }
  const label = `${upload.label}step \`${name ?? sources[0]?.text.split('\n')[0] ?? '?'}\`${pipeline.blocked ? ` (after block \`${pipeline.blocked}\`)` : ''}${plugins.where ? ` ${plugins.where}` : ''} in ${file}`
  const reasons: ProductionReason[] = [...reachReasons(gates, pipeline.scenarios, keySpan, 'no `branches:` or `if:`'), ...namedReasons(view, step, config)]
  // what a plugin runs unseen matters where the step is production or may be; a generated pipeline wherever the step can run on production
  const verdict = decideProduction(reasons)
  const reachable = reaches(pipeline, gates) && !(verdict.verdict === 'not-production' && verdict.confidence === 'high')
  if (reachable && verdict.verdict !== 'not-production') for (const { why, span } of plugins.unresolved) pipeline.problems.push({ rule: 'unresolved-on-production-path', message: `${why}: what it runs is not read`, span })
  const id = `${file}#${pipeline.contexts.length + 1}`
  if (sources.length > 0) {
    const span: Span = { ...view.span(lines[0]), end: view.span(lines.at(-1)).end }
    const source = joinedSources(sources)
    const stepReasons = [...databaseReasons(env, plugins.services, config, span), ...envVarReasons(env, config, span)]
    // `commands` run as one script: https://buildkite.com/docs/pipelines/configure/step-types/command-step
    pipeline.contexts.push({ id, label, span: keySpan, reasons, services: plugins.services, runtime: agentRuntime(), steps: [{ label: '`command`', span, cwd: '.', env, reasons: stepReasons, source }] })
    const upload = { gates: [...gates], label, onProduction: reachable, env }
    readUploads(pipeline, source, upload)
    // the usual place of an upload is a script of the repository the step runs (`.buildkite/upload.sh`)
    for (const script of scriptsRun(pipeline.project, source.text)) readUploads(pipeline, script, upload)
  }
}

/** the repository's shell scripts a command line runs by path (`./ci/upload.sh`, `bash .buildkite/pipeline.sh`) */
function scriptsRun(project: Project, text: string): ShellSource[] {
  const paths = new Set(text.split(/[\s;&|()]+/).map((word) => word.replace(/^\.\//, '')).filter((word) => /\.(sh|bash)$/.test(word)))
  return [...paths].flatMap((path) => {
    const lines = project.cache.get(path)
    return lines ? [{ text: lines.text, offsets: (i: number) => i, file: path, shell: 'bash' as const }] : []
  })
}

/**
 * A step label or concurrency group named for a deploy or for production says the step deploys,
 * weakly: a name is no environment, and seedguard cannot see what the agent it runs on reaches.
 */
function namedReasons(view: YamlView, step: YamlNode, config: SeedguardConfig): ProductionReason[] {
  for (const key of ['label', 'concurrency_group', 'key']) {
    const node = view.get(step, key)
    const name = view.string(node)
    if (name === undefined) continue
    if (nameVerdict(name, config) === 'production' || /deploy|release/i.test(name)) {
      return [{ kind: 'platform-phase', towards: true, weak: true, detail: `\`${key}: ${name}\` names a deploy or production`, span: view.span(node) }]
    }
  }
  return []
}

/**
 * `buildkite-agent pipeline upload <file>` adds the steps of a file of the repository to the build:
 * they run where the uploading step runs. A file piped in or written by the step is generated
 * (https://buildkite.com/docs/pipelines/configure/dynamic-pipelines): not read.
 */
function readUploads(pipeline: Pipeline, source: ShellSource, { gates, label, onProduction, env }: { gates: Gates; label: string; onProduction: boolean; env: Record<string, string> }): void {
  const { view, project, upload } = pipeline
  const lines = project.cache.get(source.file) ?? view.lines
  // a command line may go on after `\` and a newline
  const pattern = /(\|\s*)?buildkite-agent(?:\s|\\\n)+pipeline(?:\s|\\\n)+upload\b((?:[^\n;&|\\]|\\\n|\\.)*)/g
  for (const m of source.text.matchAll(pattern)) {
    const start = m.index + m[0].indexOf('buildkite-agent')
    const span = lines.span(source.offsets(start), source.offsets(m.index + m[0].length))
    const words = m[2]!.replace(/\\\n/g, ' ').trim().split(/\s+/).filter(Boolean)
    // `--dry-run` only prints the pipeline: https://buildkite.com/docs/agent/v3/cli-pipeline
    if (words.includes('--dry-run')) continue
    const argument = words.find((word, i) => !/^(-|\d*[<>])/.test(word) && !VALUED_FLAGS.has(words[i - 1] ?? ''))
    // `.buildkite/${PIPELINE_FILE}` with the pipeline's or the step's env
    const file = argument?.replace(/^["']|["']$/g, '').replace(/\$\{?(\w+)\}?/g, (whole, name: string) => env[name] ?? whole).replace(/^\.\//, '')
    const piped = m[1] !== undefined || /<<|<\s/.test(m[2]!)
    if (!piped && file === undefined) continue
    if (!piped && file && project.cache.exists(file) && !/\$/.test(file)) {
      if (upload.depth >= MAX_UPLOAD_DEPTH || DEFAULT_FILES.includes(file) || file === view.lines.file) continue
      const read = readPipeline(file, { gates, label: `${label} → uploaded `, depth: upload.depth + 1 }, project, pipeline.config)
      pipeline.contexts.push(...read.contexts)
      pipeline.problems.push(...read.problems)
    } else if (onProduction) {
      pipeline.problems.push({ rule: 'unresolved-on-production-path', message: `\`buildkite-agent pipeline upload\` of a pipeline generated when the build runs${file ? ` (\`${file}\`)` : ''}: the steps it adds are not read`, span })
    }
  }
}

/**
 * What a step's command sees: the agent sets BUILDKITE=true, CI=true and BUILDKITE_* variables
 * (https://buildkite.com/docs/pipelines/configure/environment-variables), no NODE_ENV or RAILS_ENV;
 * but the agent's own environment, its hooks and secrets plugins add what no file shows: a variable
 * no file sets is unknown, not unset.
 */
function agentRuntime(): RuntimeEnvironment {
  return {
    unset: 'unknown',
    label: "the agent's environment and hooks and the pipeline's settings in Buildkite (outside the repository)",
    values: { CI: 'true', BUILDKITE: 'true' },
    valuesBy: 'Buildkite',
    provides: (variable) => variable.startsWith('BUILDKITE_'),
    // each job runs in a checkout at $BUILDKITE_BUILD_CHECKOUT_PATH: https://buildkite.com/docs/pipelines/configure/environment-variables
    checkout: ['BUILDKITE_BUILD_CHECKOUT_PATH'],
  }
}
