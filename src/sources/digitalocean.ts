// https://docs.digitalocean.com/products/app-platform/reference/app-spec/
import { databaseReasons, envVarReasons } from '../production/evidence.js'
import type { SeedguardConfig } from '../config/types.js'
import type { ContextStep, ExecutionContext } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import type { Project } from '../project/project.js'
import { joinPath } from '../util/paths.js'
import { parseYamlOf, YamlView, type YamlNode } from '../util/yaml.js'
import { nodeBuildpackSteps } from './heroku.js'
import type { SourceReader } from './types.js'
import type { Artifacts } from '../production/deployments.js'
import { yamlOf } from './docker/files.js'

type Env = Record<string, string>

// the component lists of an app spec; `functions` deploy serverless code and run no commands
const COMPONENTS = ['services', 'workers', 'jobs', 'static_sites'] as const

/**
 * Deploy-time jobs by kind (manage-jobs docs): PRE_DEPLOY runs before every deployment and fails it
 * on error, POST_DEPLOY after every successful one, UNSPECIFIED is completed to POST_DEPLOY, a
 * SCHEDULED job runs in the live app on its cron schedule; FAILED_DEPLOY only after a failed deployment.
 */
function jobPhase(kind: string): { detail: string; weak?: boolean } {
  switch (kind) {
    case 'PRE_DEPLOY':
      return { detail: 'a PRE_DEPLOY job runs before every deployment' }
    case 'FAILED_DEPLOY':
      return { detail: 'a FAILED_DEPLOY job runs after a deployment fails', weak: true }
    case 'SCHEDULED':
      return { detail: 'a SCHEDULED job runs on its schedule in the deployed app' }
    default:
      return { detail: 'a POST_DEPLOY job runs after every successful deployment' }
  }
}

interface Spec {
  view: YamlView
  file: string
  root: YamlNode | undefined
  /** the Deploy to DigitalOcean button's template: it creates new apps, maybe not this repository's production */
  template: boolean
}

function readComponents(spec: Spec, project: Project, config: SeedguardConfig): ExecutionContext[] {
  const { view, file, root } = spec
  const contexts: ExecutionContext[] = []
  for (const list of COMPONENTS) {
    view.items(view.get(root, list)).forEach((component, index) => {
      const name = view.string(view.get(component, 'name')) ?? `#${index + 1}`
      const what = `${list === 'jobs' ? 'job' : list.replace(/s$/, '').replace('_', ' ')} \`${name}\``
      const cwd = joinPath('.', view.string(view.get(component, 'source_dir')) ?? '.') ?? '.'
      const kind = view.string(view.get(component, 'kind')) ?? 'UNSPECIFIED'
      const phase = list === 'jobs' ? jobPhase(kind) : { detail: `App Platform builds and runs ${what} on every deployment` }
      const keySpan = view.span(view.get(component, 'name') ?? component)
      const weak = spec.template || phase.weak === true
      const reason: ProductionReason = {
        kind: 'platform-phase',
        towards: true,
        detail: spec.template ? `${phase.detail} of each app created from the Deploy to DigitalOcean template` : phase.detail,
        span: keySpan,
        ...(weak && { weak: true }),
      }
      const buildEnv = { ...appPlatformEnvs(view, view.get(root, 'envs'), 'BUILD'), ...appPlatformEnvs(view, view.get(component, 'envs'), 'BUILD') }
      const runEnv = { ...appPlatformEnvs(view, view.get(root, 'envs'), 'RUN'), ...appPlatformEnvs(view, view.get(component, 'envs'), 'RUN') }
      // App Platform has no previews: a staging app is a separate app spec whose variables say so
      const against = envVarReasons({ ...buildEnv, ...runEnv }, config, keySpan).filter((r) => !r.towards)
      const step = (key: string, env: Env): ContextStep | undefined => {
        const entry = view.entries(component).find((e) => e.key === key)
        const source = entry && view.string(entry.value) !== undefined ? view.shellSource(entry.value, 'sh') : undefined
        if (!entry || !source) return undefined
        const span = view.span(entry.value)
        return { label: `\`${key}\``, span, source, cwd, env, reasons: [...databaseReasons(env, [], config, span), ...envVarReasons(env, config, span)] }
      }
      const steps: ContextStep[] = []
      const build = step('build_command', buildEnv)
      const pkg = project.packages.get(cwd)
      // without a Dockerfile or a prebuilt image, App Platform builds Node.js apps with Heroku's buildpack
      const buildpack = pkg && !view.get(component, 'dockerfile_path') && !view.get(component, 'image')
      if (buildpack) steps.push(...nodeBuildpackSteps(pkg, 'the App Platform Node.js buildpack', buildEnv, build))
      else if (build) steps.push(build)
      const run = step('run_command', runEnv)
      if (run) steps.push(run)
      if (steps.length === 0) return
      const label = list === 'jobs' ? `DigitalOcean App Platform ${kind} job \`${name}\`` : `DigitalOcean App Platform ${what}`
      contexts.push({ id: `${file}#${list}.${name}`, label: `${label} in ${file}`, span: keySpan, reasons: [reason, ...against], steps })
    })
  }
  return contexts
}

const digitalocean: SourceReader = {
  id: 'digitalocean',
  rejectedBy: 'App Platform',
  title: 'DigitalOcean App Platform app spec',
  docs: 'https://docs.digitalocean.com/products/app-platform/reference/app-spec/',
  files: ['**/.do/*.yaml', '**/.do/*.yml', 'app.yaml', 'app.yml'],
  read(file, project, config) {
    const lines = project.cache.get(file)
    if (!lines) return { contexts: [], problems: [] }
    const ours = file.startsWith('.do/') || file.includes('/.do/')
    const { doc, error } = parseYamlOf(lines)
    if (error) {
      // a root app.yaml is often Google App Engine's: only a `.do/` spec is surely ours to report
      return { contexts: [], problems: ours ? [{ rule: 'parse-error', message: `invalid YAML: ${error.message}`, span: lines.span(error.offset, error.offset + 1) }] : [] }
    }
    const view = new YamlView(doc, lines)
    const template = /(^|\/)deploy\.template\.ya?ml$/.test(file)
    // the button template wraps the app spec in `spec:`
    const root = template ? view.get(view.root, 'spec') : view.root
    if (!COMPONENTS.some((c) => view.items(view.get(root, c)).length > 0)) return { contexts: [], problems: [] }
    return { contexts: readComponents({ view, file, root, template }, project, config), problems: [] }
  },
  deploys: { files: ['.do/app.yaml', '.do/app.yml', '.do/deploy.template.yaml', '.do/deploy.template.yml'], read: appPlatformImages },
}
export default digitalocean

function appPlatformImages(file: string, project: Project, _config: SeedguardConfig, out: Artifacts): void {
  const view = yamlOf(project, file)
  if (!view) return
  const spec = view.get(view.root, 'spec') ?? view.root
  for (const kind of ['services', 'workers', 'jobs']) {
    for (const component of view.items(view.get(spec, kind))) {
      const path = view.string(view.get(component, 'dockerfile_path'))
      const dockerfile = path && joinPath('.', path)
      if (!dockerfile || !project.cache.exists(dockerfile)) continue
      const command = view.shellSource(view.get(component, 'run_command'), 'sh')
      const env = { ...appPlatformEnvs(view, view.get(spec, 'envs'), 'RUN'), ...appPlatformEnvs(view, view.get(component, 'envs'), 'RUN') }
      out.images.push({ dockerfile, context: joinPath('.', view.string(view.get(component, 'source_dir')) ?? '.') ?? '.', production: 'production', via: 'platform', detail: `App Platform builds it for \`${view.string(view.get(component, 'name')) ?? kind}\` (${file})`, span: view.span(component), env, ...(command?.text && { command: { label: `App Platform run_command in ${file}`, source: command } }) })
    }
  }
}

/** App Platform `envs` entries for one phase: scope defaults to RUN_AND_BUILD_TIME; SECRET values are not in the file. */
function appPlatformEnvs(view: YamlView, list: YamlNode | undefined, phase: 'BUILD' | 'RUN'): Env {
  const env: Env = {}
  for (const item of view.items(list)) {
    const key = view.string(view.get(item, 'key'))
    const scope = view.string(view.get(item, 'scope')) ?? 'RUN_AND_BUILD_TIME'
    if (key === undefined || !scope.includes(phase === 'BUILD' ? 'BUILD_TIME' : 'RUN_')) continue
    const value = view.string(view.get(item, 'value'))
    env[key] = value === undefined || view.string(view.get(item, 'type')) === 'SECRET' ? `<secret ${key}>` : value
  }
  return env
}
