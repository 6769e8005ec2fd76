// https://render.com/docs/blueprint-spec
import { classifyEnvironmentName, databaseReasons, envVarReasons } from '../production/evidence.js'
import type { SeedguardConfig } from '../config/types.js'
import type { ExecutionContext } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import { dirnameOf, joinPath } from '../util/paths.js'
import type { YamlNode, YamlView } from '../util/yaml.js'
import type { SourceReader } from './types.js'
import type { Artifacts } from '../production/deployments.js'
import { nameVerdict } from '../production/evidence.js'
import type { Project } from '../project/project.js'
import { yamlOf } from './docker/files.js'
import { loadYamlFile } from './yaml-file.js'

type Env = Record<string, string>

interface Command {
  key: string
  /** what the key means for production, per the Blueprint spec */
  detail: (service: string) => string
  weak?: boolean
}

// Preview environments (`previews.generation`, legacy `previewsEnabled`) are copies of these same
// services running the same commands: they add previews, they never take the production deploy away.
const BUILD: Command = { key: 'buildCommand', detail: (s) => `Render runs the buildCommand of \`${s}\` on every deploy` }
const PRE_DEPLOY: Command = { key: 'preDeployCommand', detail: (s) => `Render runs the preDeployCommand of \`${s}\` before every deploy goes live` }
const START: Command = { key: 'startCommand', detail: (s) => `Render runs the startCommand of \`${s}\` every time an instance starts (a cron job: on its schedule)` }
const DOCKER: Command = { key: 'dockerCommand', detail: (s) => `Render runs the dockerCommand of \`${s}\` every time an instance starts` }
// UNVERIFIED: Render documents initialDeployHook for preview environments; whether it also runs once
// after the first deploy of a production service is not confirmed, so it is only a possibility
const INITIAL: Command = { key: 'initialDeployHook', detail: (s) => `the initialDeployHook of \`${s}\` may run once after its first deploy`, weak: true }

/** The commands a service runs, by runtime: a Docker service ignores buildCommand and startCommand. */
function commandsFor(runtime: string | undefined, type: string | undefined): Command[] {
  if (runtime === 'docker' || runtime === 'image') return [PRE_DEPLOY, DOCKER, INITIAL]
  if (runtime === 'static' || type === 'static' || type === 'static_site') return [BUILD]
  return [BUILD, PRE_DEPLOY, START, INITIAL]
}


interface Scope {
  view: YamlView
  file: string
  groups: Map<string, Env>
  /** evidence of the enclosing `projects[].environments[]` entry */
  reasons: ProductionReason[]
  prefix: string
}

function readServices(scope: Scope, list: YamlNode | undefined, config: SeedguardConfig): ExecutionContext[] {
  const { view, file } = scope
  const contexts: ExecutionContext[] = []
  view.items(list).forEach((service, index) => {
    const name = view.string(view.get(service, 'name')) ?? `#${index + 1}`
    const runtime = view.string(view.get(service, 'runtime')) ?? view.string(view.get(service, 'env'))
    const rootDir = view.string(view.get(service, 'rootDir'))
    // rootDir is relative to the repository root; a Blueprint kept in a subdirectory (a custom
    // Blueprint path) without one describes the service in that directory
    const cwd = (rootDir !== undefined ? joinPath('.', rootDir) : undefined) ?? dirnameOf(file)
    // Render sets IS_PULL_REQUEST=true in pull request previews and false elsewhere (environment-variables
    // docs; the exact wording is UNVERIFIED), so a preview-only branch never runs in the production service
    const env: Env = { IS_PULL_REQUEST: 'false', ...renderEnvVars(view, view.get(service, 'envVars'), scope.groups) }
    const nameSpan = view.span(view.get(service, 'name') ?? service)
    const serviceReasons: ProductionReason[] = [...scope.reasons]
    // RAILS_ENV=staging and the like name a non-production service
    serviceReasons.push(...envVarReasons(env, config, nameSpan).filter((r) => !r.towards))
    for (const command of commandsFor(runtime, view.string(view.get(service, 'type')))) {
      const entry = view.entries(service).find((e) => e.key === command.key)
      const source = entry && view.string(entry.value) !== undefined ? view.shellSource(entry.value, 'sh') : undefined
      if (!entry || !source) continue
      const keySpan = view.span(entry.keyNode)
      const span = view.span(entry.value)
      const phase: ProductionReason = { kind: 'platform-phase', towards: true, detail: command.detail(name), span: keySpan, ...(command.weak && { weak: true }) }
      contexts.push({
        id: `${file}#${scope.prefix}${name}.${command.key}`,
        label: `Render ${command.key} of service \`${name}\`${scope.prefix ? ` (${scope.prefix.slice(0, -1)})` : ''} in ${file}`,
        span: keySpan,
        reasons: [phase, ...serviceReasons],
        steps: [{ label: `\`${command.key}\``, span, source, cwd, env, reasons: [...databaseReasons(env, [], config, span), ...envVarReasons(env, config, span)] }],
      })
    }
  })
  return contexts
}

const render: SourceReader = {
  id: 'render',
  rejectedBy: 'Render',
  title: 'Render Blueprint (render.yaml)',
  docs: 'https://render.com/docs/blueprint-spec',
  files: ['**/render.yaml', '**/render.yml'],
  read(file, project, config) {
    const loaded = loadYamlFile(file, project)
    if ('problem' in loaded) return { contexts: [], problems: [loaded.problem] }
    const { view } = loaded
    const groups = new Map<string, Env>()
    renderEnvVarGroups(view, view.get(view.root, 'envVarGroups'), groups)
    const contexts = readServices({ view, file, groups, reasons: [], prefix: '' }, view.get(view.root, 'services'), config)
    // projects group services into environments (`production`, `staging`), each with its own env groups
    for (const project of view.items(view.get(view.root, 'projects'))) {
      for (const environment of view.items(view.get(project, 'environments'))) {
        const name = view.string(view.get(environment, 'name'))
        const envGroups = new Map(groups)
        renderEnvVarGroups(view, view.get(environment, 'envVarGroups'), envGroups)
        const verdict = name === undefined ? 'unknown' : classifyEnvironmentName(name, config)
        const span = view.span(view.get(environment, 'name') ?? environment)
        const reasons: ProductionReason[] = verdict === 'not-production' ? [{ kind: 'environment', towards: false, detail: `Render environment \`${name}\``, span }] : []
        contexts.push(...readServices({ view, file, groups: envGroups, reasons, prefix: name !== undefined ? `${name}/` : '' }, view.get(environment, 'services'), config))
      }
    }
    return { contexts, problems: [] }
  },
  deploys: { read: renderImages },
}
export default render

function renderImages(file: string, project: Project, config: SeedguardConfig, out: Artifacts): void {
  const view = yamlOf(project, file)
  if (!view) return
  const groups = new Map<string, Record<string, string>>()
  renderEnvVarGroups(view, view.get(view.root, 'envVarGroups'), groups)
  for (const service of view.items(view.get(view.root, 'services'))) {
    if ((view.string(view.get(service, 'runtime')) ?? view.string(view.get(service, 'env'))) !== 'docker') continue
    const name = view.string(view.get(service, 'name'))
    const base = joinPath(dirnameOf(file), view.string(view.get(service, 'rootDir')) ?? '.') ?? '.'
    const path = view.string(view.get(service, 'dockerfilePath')) ?? './Dockerfile'
    // Blueprints in the wild write dockerfilePath both relative to rootDir and to the repository
    // root; the one that names an existing Dockerfile decides, and dockerContext is read against
    // the same root (a `backend/` context beside `backend/Dockerfile` is not `backend/backend`).
    const root = [base, dirnameOf(file)].find((dir) => { const p = joinPath(dir, path); return p !== undefined && project.cache.exists(p) })
    const dockerfile = root !== undefined ? joinPath(root, path) : undefined
    if (root === undefined || dockerfile === undefined) continue
    const context = joinPath(root, view.string(view.get(service, 'dockerContext')) ?? '.') ?? root
    const production = nameVerdict(name ?? '', config) === 'not-production' ? 'not-production' : 'production'
    const command = view.shellSource(view.get(service, 'dockerCommand'), 'sh')
    const env = renderEnvVars(view, view.get(service, 'envVars'), groups)
    out.images.push({ dockerfile, context, production, via: 'platform', detail: `Render builds it for service \`${name ?? '?'}\` (${file})`, span: view.span(service), env, ...(command?.text && { command: { label: `Render dockerCommand in ${file}`, source: command } }) })
  }
}

/** Render `envVars`: a value as written; generated, dashboard-set and linked values kept recognisable as `<secret …>` */
function renderEnvVars(view: YamlView, list: YamlNode | undefined, groups: Map<string, Env>): Env {
  const env: Env = {}
  for (const item of view.items(list)) {
    const group = view.string(view.get(item, 'fromGroup'))
    if (group !== undefined) {
      Object.assign(env, groups.get(group) ?? {})
      continue
    }
    const key = view.string(view.get(item, 'key'))
    if (key === undefined) continue
    const value = view.string(view.get(item, 'value'))
    const database = view.string(view.get(view.get(item, 'fromDatabase'), 'name'))
    const service = view.string(view.get(view.get(item, 'fromService'), 'name'))
    // generated, dashboard-set (`sync: false`) and linked values are not in the file
    env[key] = value ?? (database !== undefined ? `<secret Render database ${database}>` : service !== undefined ? `<secret Render service ${service}>` : `<secret ${key}>`)
  }
  return env
}

/** Render `envVarGroups`, by name */
function renderEnvVarGroups(view: YamlView, list: YamlNode | undefined, groups: Map<string, Env>): void {
  for (const group of view.items(list)) {
    const name = view.string(view.get(group, 'name'))
    if (name !== undefined) groups.set(name, renderEnvVars(view, view.get(group, 'envVars'), groups))
  }
}
