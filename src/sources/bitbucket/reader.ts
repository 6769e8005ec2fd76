// Bitbucket Pipelines: https://support.atlassian.com/bitbucket-cloud/docs/bitbucket-pipelines-configuration-reference/
import type { SeedguardConfig } from '../../config/types.js'
import type { ContextStep, ExecutionContext, ShellSource } from '../../model/context.js'
import type { ProductionReason } from '../../model/production.js'
import type { RuntimeEnvironment } from '../../model/runtime.js'
import { fileStartSpan, type Span } from '../../model/span.js'
import { decideProduction } from '../../production/decision.js'
import { classifyEnvironmentName } from '../../production/evidence.js'
import type { Project } from '../../project/project.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'
import { aliasLimitProblem } from '../ci/load.js'
import { loadYamlFile } from '../yaml-file.js'
import { pushedBranches } from '../ci/branches.js'
import { reachesProduction, reachReasons, type Gate } from '../ci/reach.js'
import { joinedSources } from '../ci/script.js'
import type { Problem, SourceReader } from '../types.js'
import { readPipe, type PipeReading } from './pipes.js'
import { scenariosOf, startGate, startLabel, type BitbucketScenario, type PipelineStart } from './starts.js'
import { shippedByJobs } from '../ci/artifacts.js'

const bitbucket: SourceReader = {
  id: 'bitbucket',
  rejectedBy: 'Bitbucket Pipelines',
  title: 'Bitbucket Pipelines',
  docs: 'https://support.atlassian.com/bitbucket-cloud/docs/bitbucket-pipelines-configuration-reference/',
  files: ['bitbucket-pipelines.yml'],
  read: readBitbucketFile,
  deploys: shippedByJobs(readBitbucketFile),
}
export default bitbucket

function readBitbucketFile(file: string, project: Project, config: SeedguardConfig): { contexts: ExecutionContext[]; problems: Problem[] } {
  const loaded = loadYamlFile(file, project)
  if ('problem' in loaded) return { contexts: [], problems: [loaded.problem] }
  const { view } = loaded
  const pipelines = view.get(view.root, 'pipelines')
  if (!pipelines) return { contexts: [], problems: [{ rule: 'parse-error', message: 'no `pipelines:`: Bitbucket runs nothing from this file', span: fileStartSpan(file) }] }
  const scenarios = scenariosOf(pushedBranches(config))
  const branchPatterns = view.entries(view.get(pipelines, 'branches')).map((e) => e.key)
  const contexts: ExecutionContext[] = []
  const problems: Problem[] = []
  for (const { start, value } of pipelineStarts(view, pipelines)) {
    const gate = startGate(start, branchPatterns)
    // a pipeline shared from another repository: https://support.atlassian.com/bitbucket-cloud/docs/share-pipelines-configurations/
    const imported = view.string(view.get(value, 'import'))
    if (imported !== undefined) {
      if (reachesProduction([{ gate, kind: 'trigger' }], scenarios) !== 'no') {
        problems.push({ rule: 'unresolved-on-production-path', message: `\`import: ${imported}\` is a pipeline of another repository: its steps, which run on the default branch or a tag, are not read`, span: view.span(view.get(value, 'import')) })
      }
      continue
    }
    const pipeline: Pipeline = { view, start, scenarios, gate: [{ gate, kind: 'trigger' }], image: view.get(view.root, 'image') }
    stepsOf(view, view.items(value), {}).forEach((step, i) => {
      const read = readStep(pipeline, step, i + 1, project, config)
      contexts.push(read.context)
      problems.push(...read.problems)
    })
  }
  return { contexts, problems: [...problems, ...aliasLimitProblem(view)] }
}

interface Pipeline {
  view: YamlView
  start: PipelineStart
  scenarios: BitbucketScenario[]
  gate: { gate: Gate<BitbucketScenario>; kind: 'trigger' }[]
  image: YamlNode | undefined
}

/** `default`, then each pattern or name of `branches`, `tags`, `pull-requests` and `custom` */
function pipelineStarts(view: YamlView, pipelines: YamlNode): { start: PipelineStart; value: YamlNode | undefined }[] {
  const starts: { start: PipelineStart; value: YamlNode | undefined }[] = []
  for (const { key, keyNode, value } of view.entries(pipelines)) {
    if (key === 'default') starts.push({ start: { kind: 'default', span: view.span(keyNode) }, value })
    else if (key === 'branches' || key === 'tags' || key === 'pull-requests' || key === 'custom') {
      for (const entry of view.entries(value)) starts.push({ start: { kind: key, name: entry.key, span: view.span(entry.keyNode) }, value: entry.value })
    }
  }
  return starts
}

interface StepAt {
  node: YamlNode
  keySpan: Span
  /** a stage's `deployment:` and `trigger:` hold for each of its steps */
  stage: { deployment?: YamlNode; manual?: boolean }
}

/** the steps of a pipeline, also inside `parallel:` (a list, or `steps:`) and `stage:` */
function stepsOf(view: YamlView, items: YamlNode[], stage: StepAt['stage']): StepAt[] {
  return items.flatMap((item) =>
    view.entries(item).flatMap(({ key, keyNode, value }): StepAt[] => {
      if (key === 'step' && value) return [{ node: value, keySpan: view.span(keyNode), stage }]
      if (key === 'parallel') return stepsOf(view, view.items(value).length > 0 ? view.items(value) : view.items(view.get(value, 'steps')), stage)
      if (key === 'stage') {
        const deployment = view.get(value, 'deployment')
        const manual = view.string(view.get(value, 'trigger')) === 'manual'
        return stepsOf(view, view.items(view.get(value, 'steps')), { ...(deployment ? { deployment } : {}), manual })
      }
      return []
    }),
  )
}

function readStep(pipeline: Pipeline, at: StepAt, index: number, project: Project, config: SeedguardConfig): { context: ExecutionContext; problems: Problem[] } {
  const { view, start } = pipeline
  const step = at.node
  const deploymentNode = view.get(step, 'deployment') ?? at.stage.deployment
  const deployment = view.string(deploymentNode)
  const manual = at.stage.manual || view.string(view.get(step, 'trigger')) === 'manual'
  const name = view.string(view.get(step, 'name'))
  const file = view.lines.file
  const label = `step \`${name ?? `#${index}`}\`${deployment !== undefined ? ` (deployment: ${deployment}${manual ? ', manual' : ''})` : manual ? ' (manual)' : ''} of \`pipelines: ${startLabel(start)}\` in ${file}`
  const scripts = [scriptOf(view, 'script', view.get(step, 'script'), project, config), scriptOf(view, 'after-script', view.get(step, 'after-script'), project, config)]
  const pipes = scripts.flatMap((s) => s.pipes)
  const reasons: ProductionReason[] = [
    ...reachReasons(pipeline.gate, pipeline.scenarios, at.keySpan, ''),
    ...deploymentReasons(deployment, deploymentNode ? view.span(deploymentNode) : at.keySpan, config),
    ...pipes.flatMap(({ reading }) => (reading.kind !== 'fixed' && reading.reason ? [reading.reason] : [])),
  ]
  // what a pipe runs unseen matters where the step is production or may be: a pipe of a build step is not looked at
  const onProduction = decideProduction(reasons).verdict !== 'not-production'
  const problems: Problem[] = onProduction
    ? pipes.flatMap(({ reading, span }) => (reading.kind === 'unresolved' ? [{ rule: 'unresolved-on-production-path' as const, message: `${reading.why}: what it runs is not in the repository`, span }] : []))
    : []
  const image = view.get(step, 'image') ?? pipeline.image
  const runtime = stepRuntime(view.string(image) ?? view.string(view.get(image, 'name')), deployment, start)
  const steps = scripts.flatMap((s) => s.steps)
  return { context: { id: `${file}#${startLabel(start)}/${index}`, label, span: at.keySpan, reasons, runtime, steps }, problems }
}

/**
 * A step's `deployment:` names an environment of the repository's deployment settings, each of
 * type Test, Staging or Production; the default environments are named after their types
 * (https://support.atlassian.com/bitbucket-cloud/docs/set-up-and-monitor-deployments/). Another
 * name is judged by its words, as the settings that give its type are not in the repository.
 */
function deploymentReasons(deployment: string | undefined, span: Span, config: SeedguardConfig): ProductionReason[] {
  if (deployment === undefined) return []
  const verdict = classifyEnvironmentName(deployment, config)
  if (verdict === 'production') return [{ kind: 'environment', towards: true, detail: `deployment \`${deployment}\``, span }]
  if (verdict === 'not-production') return [{ kind: 'environment', towards: false, detail: `deployment \`${deployment}\` is not production`, span }]
  return []
}

/**
 * The lines of `script:` or `after-script:`. Consecutive command lines run in one shell, so an
 * `export` or a `cd` reaches the lines after it; `after-script` runs after `script` in a shell of
 * its own. Bitbucket's default images run them with bash.
 */
function scriptOf(view: YamlView, key: string, node: YamlNode | undefined, project: Project, config: SeedguardConfig): { steps: ContextStep[]; pipes: { reading: PipeReading; span: Span }[] } {
  const steps: ContextStep[] = []
  const pipes: { reading: PipeReading; span: Span }[] = []
  let group: { source: ShellSource; span: Span }[] = []
  const flush = () => {
    if (group.length === 0) return
    const span: Span = { ...group[0]!.span, end: group.at(-1)!.span.end }
    steps.push({ label: `\`${key}\``, span, cwd: '.', env: {}, reasons: [], source: joinedSources(group.map((g) => g.source)) })
    group = []
  }
  const items = view.string(node) !== undefined ? [node!] : view.items(node)
  for (const item of items) {
    const source = view.shellSource(item, 'bash')
    if (source) {
      group.push({ source, span: view.span(item) })
      continue
    }
    flush()
    const pipe = view.string(view.get(item, 'pipe'))
    if (pipe === undefined) continue
    const reading = readPipe(view, item, pipe, project, config)
    const span = view.span(view.get(item, 'pipe'))
    if (reading.kind === 'commands') steps.push({ label: reading.label, span: reading.span, cwd: '.', env: {}, reasons: [], source: reading.source })
    pipes.push({ reading, span })
  }
  flush()
  return { steps, pipes }
}

/**
 * What a step's commands see: Bitbucket sets CI=true, BITBUCKET_* variables and, in a deployment
 * step, BITBUCKET_DEPLOYMENT_ENVIRONMENT (https://support.atlassian.com/bitbucket-cloud/docs/variables-in-pipelines/);
 * no NODE_ENV or RAILS_ENV. But the image's ENV and the workspace, repository and deployment
 * variables of the settings reach every step: a variable no file sets is unknown, not unset.
 */
function stepRuntime(image: string | undefined, deployment: string | undefined, start: PipelineStart): RuntimeEnvironment {
  const branch: Record<string, string> = start.kind === 'branches' && !/[*?[\]{}]/.test(start.name!) ? { BITBUCKET_BRANCH: start.name! } : {}
  return {
    unset: 'unknown',
    label: `${image ? `the image \`${image}\`` : 'the default build image'} and the repository's and deployments' variables in Bitbucket (outside the repository)`,
    values: { CI: 'true', BITBUCKET_DEPLOYMENT_ENVIRONMENT: deployment?.toLowerCase() ?? '', ...branch },
    valuesBy: 'Bitbucket',
    provides: (variable) => variable.startsWith('BITBUCKET_'),
    // each step runs in the clone at $BITBUCKET_CLONE_DIR: https://support.atlassian.com/bitbucket-cloud/docs/variables-and-secrets/
    checkout: ['BITBUCKET_CLONE_DIR'],
  }
}
