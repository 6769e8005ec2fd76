// Travis CI builds: https://docs.travis-ci.com/user/customizing-the-build/ ,
// job lifecycle https://docs.travis-ci.com/user/job-lifecycle/ , stages
// https://docs.travis-ci.com/user/build-stages/ , deploys https://docs.travis-ci.com/user/deployment-v2
import type { SeedguardConfig } from '../../config/types.js'
import type { ContextStep, ExecutionContext, ShellSource } from '../../model/context.js'
import type { ProductionReason } from '../../model/production.js'
import { fileStartSpan, type Span } from '../../model/span.js'
import { classifyEnvironmentName, databaseReasons, envVarReasons } from '../../production/evidence.js'
import type { Project } from '../../project/project.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'
import { loadYamlFile } from '../yaml-file.js'
import { pushedBranches } from '../ci/branches.js'
import { reachesProduction, reachReasons, type Gate } from '../ci/reach.js'
import { joinedSources } from '../ci/script.js'
import { herokuRuntime, HEROKU_PRODUCTION_ENV } from '../heroku-runtime.js'
import type { Problem, SourceReader } from '../types.js'
import { branchesGate, deployGate, ifGate, travisScenarios, type DeployOn, type TravisScenario } from './conditions.js'
import { buildEnv, jobEnv, TRAVIS_VM } from './environment.js'
import { shippedByJobs } from '../ci/artifacts.js'

// the phases every build runs, in order; `after_script` runs last, after any deploy
const BUILD_PHASES = ['before_install', 'install', 'before_script', 'script', 'after_success', 'after_failure', 'after_script'] as const
// the matrix expansion may make many jobs of the same commands; their environments differ only
const MAX_MATRIX_JOBS = 16
const HEROKU = new Set(['heroku', 'heroku:api', 'heroku:git'])

type Gated = { gate: Gate<TravisScenario>; kind: 'trigger' | 'condition' }

const travis: SourceReader = {
  id: 'travis',
  rejectedBy: 'Travis CI',
  title: 'Travis CI builds',
  docs: 'https://docs.travis-ci.com/user/customizing-the-build/',
  files: ['.travis.yml'],
  read: readTravisFile,
  deploys: shippedByJobs(readTravisFile),
}
export default travis

function readTravisFile(file: string, project: Project, config: SeedguardConfig): { contexts: ExecutionContext[]; problems: Problem[] } {
  const loaded = loadYamlFile(file, project)
  if ('problem' in loaded) return { contexts: [], problems: [loaded.problem] }
  return readBuild(loaded.view, file, project, config)
}

interface Job {
  /** its `name:`, or for a job of the matrix expansion its `env` entry */
  name: string
  /** the job's own map (a `jobs.include` entry); absent for a job of the matrix expansion */
  node?: YamlNode
  span: Span
  stage: string
  env: Record<string, string>
}

function readBuild(view: YamlView, file: string, project: Project, config: SeedguardConfig): { contexts: ExecutionContext[]; problems: Problem[] } {
  const root = view.root
  const scenarios = travisScenarios(pushedBranches(config))
  const env = buildEnv(view, view.get(root, 'env'))
  const keySpan = (node: YamlNode | undefined, key: string) => {
    const entry = view.entries(node).find((e) => e.key === key)
    return entry?.keyNode ? view.span(entry.keyNode) : undefined
  }
  const condition = (node: YamlNode | undefined, variables: Record<string, string>) => ifGate(view.string(view.get(node, 'if')), variables, view.span(view.get(node, 'if')))
  const branches = view.get(root, 'branches')
  const only = view.items(branches).length > 0 ? view.strings(branches) : view.get(branches, 'only') ? view.strings(view.get(branches, 'only')) : undefined
  const buildGates: Gated[] = [
    { gate: condition(root, env.global), kind: 'trigger' },
    { gate: branchesGate(only, view.strings(view.get(branches, 'except')), view.span(branches)), kind: 'trigger' },
  ]
  const stages = new Map<string, YamlNode>()
  for (const item of view.items(view.get(root, 'stages'))) {
    const name = view.string(item) ?? view.string(view.get(item, 'name'))
    if (name !== undefined) stages.set(name.toLowerCase(), item)
  }
  const jobs: Job[] = []
  // the jobs of the matrix expansion run in the first stage, `test` (https://docs.travis-ci.com/user/build-stages/)
  const matrix = env.matrix.length > 0 ? env.matrix.slice(0, MAX_MATRIX_JOBS) : [undefined]
  for (const entry of matrix) {
    const shown = entry ? Object.entries(entry.env).map(([k, v]) => `${k}=${v}`).join(' ') : ''
    jobs.push({ name: shown, span: entry ? view.span(entry.node) : (keySpan(root, 'script') ?? keySpan(root, 'language') ?? fileStartSpan(file)), stage: 'test', env: { ...env.global, ...entry?.env } })
  }
  const included = view.get(view.get(root, 'jobs') ?? view.get(root, 'matrix'), 'include')
  let stage = 'test'
  view.items(included).forEach((node, i) => {
    stage = view.string(view.get(node, 'stage')) ?? stage
    const name = view.string(view.get(node, 'name')) ?? `${stage} #${i + 1}`
    const first = view.entries(node)[0]?.keyNode
    jobs.push({ name, node, span: view.span(first ?? node), stage, env: { ...env.global, ...jobEnv(view, view.get(node, 'env')) } })
  })
  const contexts: ExecutionContext[] = []
  for (const job of jobs) {
    const stageNode = stages.get(job.stage.toLowerCase())
    const gates: Gated[] = [...buildGates, { gate: condition(stageNode, job.env), kind: 'condition' }, { gate: condition(job.node, job.env), kind: 'condition' }]
    contexts.push(...readJob(view, job, gates, { file, scenarios, project, config }))
  }
  return { contexts, problems: unreadImports(view, buildGates, scenarios) }
}

/**
 * `import:` merges other config files, from this repository or another one, into the build
 * (https://docs.travis-ci.com/user/build-config-imports/): what they add is not read, so where the
 * build runs on the default branch or a tag each import is a warning at its line.
 */
function unreadImports(view: YamlView, gates: Gated[], scenarios: TravisScenario[]): Problem[] {
  const imports = view.get(view.root, 'import')
  const entries = view.items(imports).length > 0 ? view.items(imports) : imports ? [imports] : []
  if (reachesProduction(gates, scenarios) === 'no') return []
  return entries.map((entry) => {
    const source = view.string(entry) ?? view.string(view.get(entry, 'source')) ?? '?'
    return { rule: 'unresolved-on-production-path', message: `\`import: ${source}\` is not read: the jobs and deploys it adds to a build that runs on the default branch or a tag are not checked`, span: view.span(entry) }
  })
}

interface Setting {
  file: string
  scenarios: TravisScenario[]
  project: Project
  config: SeedguardConfig
}

function readJob(view: YamlView, job: Job, gates: Gated[], setting: Setting): ExecutionContext[] {
  const { file, scenarios, config } = setting
  // a job's own key replaces the build's (https://docs.travis-ci.com/user/build-stages/)
  const own = (key: string) => (job.node && view.entries(job.node).some((e) => e.key === key) ? view.get(job.node, key) : view.get(view.root, key))
  const label = job.node ? `job \`${job.name}\` (stage ${job.stage}) in ${file}` : `the build's job${job.name ? ` \`${job.name}\`` : ''} in ${file}`
  const id = `${file}#${job.stage}/${job.name}`
  const steps = (keys: readonly string[]) => keys.flatMap((key) => phaseStep(view, key, own(key), job.env, config, []))
  const contexts: ExecutionContext[] = [{ id, label, span: job.span, reasons: reachReasons(gates, scenarios, job.span, 'no `if:` or `branches:`'), runtime: TRAVIS_VM, steps: steps(BUILD_PHASES) }]
  const deploys = view.items(own('deploy')).length > 0 ? view.items(own('deploy')) : own('deploy') ? [own('deploy')!] : []
  deploys.forEach((deploy, i) => {
    const provider = view.string(view.get(deploy, 'provider')) ?? '?'
    const at = view.span(view.get(deploy, 'provider') ?? deploy)
    const onNode = view.get(deploy, 'on')
    const deployGates: Gated[] = [...gates, { gate: deployGate(deployOn(view, deploy), job.env, view.span(onNode ?? view.get(deploy, 'provider') ?? deploy)), kind: 'condition' }]
    const reach = reachReasons(deployGates, scenarios, at, 'a deploy')
    const deployLabel = `deploy \`provider: ${provider}\` of ${label}`
    // the script provider's commands are the deploy itself (https://docs.travis-ci.com/user/deployment-v2/providers/script/)
    const itself: ProductionReason[] = provider === 'script' ? [{ kind: 'deploy-action', towards: true, detail: '`provider: script`: the build deploys by running it', span: at }] : []
    const vmSteps = [...steps(['before_deploy']), ...(provider === 'script' ? phaseStep(view, 'script', view.get(deploy, 'script'), job.env, config, itself) : []), ...steps(['after_deploy'])]
    if (vmSteps.length > 0) contexts.push({ id: `${id}/deploy${i}`, label: deployLabel, span: at, reasons: reach, runtime: TRAVIS_VM, steps: vmSteps })
    if (HEROKU.has(provider)) contexts.push(...herokuRun(view, deploy, { id: `${id}/deploy${i}`, label: deployLabel, at, gates: deployGates }, setting))
  })
  return contexts
}

/** one phase's lines, run one after the other in the job's bash session */
function phaseStep(view: YamlView, key: string, value: YamlNode | undefined, env: Record<string, string>, config: SeedguardConfig, reasons: ProductionReason[]): ContextStep[] {
  const items = view.items(value).length > 0 ? view.items(value) : value ? [value] : []
  const sources = items.map((item) => view.shellSource(item, 'bash')).filter((s): s is ShellSource => s !== undefined && s.text.trim() !== '' && s.text.trim() !== 'skip')
  if (sources.length === 0) return []
  const span: Span = { ...view.span(items[0]), end: view.span(items.at(-1)).end }
  return [{ label: `\`${key}\``, span, cwd: '.', env, reasons: [...reasons, ...databaseReasons(env, [], config, span), ...envVarReasons(env, config, span)], source: joinedSources(sources) }]
}

/** a deploy's `on:` (a string is a branch); a branch map's keys are its branches */
function deployOn(view: YamlView, deploy: YamlNode): DeployOn {
  const on = view.get(deploy, 'on')
  const single = view.string(on)
  const branch = view.get(on, 'branch') ?? view.get(on, 'branches')
  const named = single !== undefined ? [single] : view.entries(branch).length > 0 ? view.entries(branch).map((e) => e.key) : branch ? view.strings(branch) : undefined
  // options given per branch (`app: { main: shop, staging: shop-staging }`) name the branches it deploys from
  const perBranch = view
    .entries(deploy)
    .filter((e) => e.key !== 'on' && e.key !== 'edge' && view.entries(e.value).length > 0 && view.get(e.value, 'secure') === undefined)
    .flatMap((e) => view.entries(e.value).map((b) => b.key))
  const tags = view.string(view.get(on, 'tags'))
  return {
    ...(named ? { branches: named } : perBranch.length > 0 ? { branches: [...new Set(perBranch)] } : {}),
    allBranches: view.string(view.get(on, 'all_branches')) === 'true',
    ...(tags === 'true' || tags === 'false' ? { tags: tags === 'true' } : {}),
    condition: view.strings(view.get(on, 'condition')),
  }
}

interface Deploy {
  id: string
  label: string
  at: Span
  gates: Gated[]
}

/**
 * `run:` of the Heroku provider: each command runs with `heroku run` on the app just deployed, a
 * one-off dyno with the app's config vars (https://docs.travis-ci.com/user/deployment-v2/providers/heroku/ ,
 * dpl v1 `run:` https://docs.travis-ci.com/user/deployment/heroku/#running-commands). `restart`
 * restarts the app. An app given per branch is one context per branch.
 */
function herokuRun(view: YamlView, deploy: YamlNode, { id, label, at, gates }: Deploy, { scenarios, project, config }: Setting): ExecutionContext[] {
  const run = view.get(deploy, 'run')
  const items = (view.items(run).length > 0 ? view.items(run) : run ? [run] : []).filter((item) => view.string(item) !== undefined && view.string(item)!.trim() !== 'restart')
  if (items.length === 0) return []
  const app = view.get(deploy, 'app')
  const apps: { name?: string; branch?: string }[] = view.entries(app).length > 0 ? view.entries(app).map((e) => ({ name: view.string(e.value), branch: e.key })) : [{ name: view.string(app) }]
  return apps.map(({ name, branch }) => {
    const branchGate: Gated[] = branch ? [{ gate: { outcome: (s) => ({ outcome: s.ref.branch === branch ? 'yes' : 'no', detail: `\`app: ${branch}: ${name}\``, span: view.span(app) }) }, kind: 'condition' }] : []
    const reach = reachReasons([...gates, ...branchGate], scenarios, at, 'a deploy')
    const certain = scenarios.some((s) => s.production && [...gates, ...branchGate].every(({ gate }) => gate.outcome(s).outcome === 'yes'))
    const target = name ? `the Heroku app \`${name}\`` : "the Heroku app named for the repository (dpl's default)"
    const appReason: ProductionReason =
      name && classifyEnvironmentName(name, config) === 'not-production'
        ? { kind: 'environment', towards: false, detail: `${target} is named for a non-production environment`, span: view.span(view.get(deploy, 'app')) }
        : { kind: 'platform-phase', towards: true, detail: `\`run:\` commands run on ${target} after each deploy`, span: view.span(run), ...(!certain && { weak: true }) }
    const env = { ...HEROKU_PRODUCTION_ENV }
    const steps = items.map((item) => {
      const span = view.span(item)
      return { label: '`run:` on the dyno', span, cwd: '.', env, reasons: [], source: view.shellSource(item, 'bash')! }
    })
    return { id: `${id}/heroku${branch ? `/${branch}` : ''}`, label: `\`run:\` on ${target} by ${label}`, span: view.span(run), reasons: [...reach, appReason], runtime: herokuRuntime(project, '.'), ownDatabase: true, steps }
  })
}
