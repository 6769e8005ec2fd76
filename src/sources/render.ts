// https://render.com/docs/blueprint-spec
import { classifyEnvironmentName, databaseReasons, envVarReasons } from '../analysis/evidence.js'
import type { SeedguardConfig } from '../config/types.js'
import type { ExecutionContext } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import { dirnameOf, joinPath } from '../util/paths.js'
import { renderEnvVarGroups, renderEnvVars, type Env } from '../project/docker/platform-env.js'
import { parseYamlOf, YamlView, type YamlNode } from '../util/yaml.js'
import type { SourceReader } from './types.js'

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
    const lines = project.cache.get(file)
    if (!lines) return { contexts: [], problems: [] }
    const { doc, error } = parseYamlOf(lines)
    if (error) return { contexts: [], problems: [{ rule: 'parse-error', message: `invalid YAML: ${error.message}`, span: lines.span(error.offset, error.offset + 1) }] }
    const view = new YamlView(doc, lines)
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
}
export default render
