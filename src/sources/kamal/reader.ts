// https://kamal-deploy.org/docs/hooks/overview/
import { classifyEnvironmentName } from '../../production/evidence.js'
import type { SeedguardConfig } from '../../config/types.js'
import type { ExecutionContext, ShellSource } from '../../model/context.js'
import type { ProductionReason } from '../../model/production.js'
import type { Span } from '../../model/span.js'
import type { Project } from '../../project/project.js'
import { dirnameOf, joinPath } from '../../util/paths.js'
import { shellOfScript } from '../../util/shebang.js'
import { parseYamlOf, YamlView } from '../../util/yaml.js'
import type { Problem, SourceReader } from '../types.js'
import type { Artifacts } from '../../production/deployments.js'
import { yamlOf } from '../docker/files.js'
import { deployConfig, roleEnv, roleNames, settingOf } from './environment.js'

const at = (dir: string, name: string): string => joinPath(dir, name) ?? name
const whole = (file: string): Span => ({ file, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } })

// hooks `kamal deploy` runs on the deploying machine, every deploy (hooks overview): these are the
// deploy path. docker-setup only runs while servers are bootstrapped and the proxy hooks only on
// `kamal proxy reboot`, so a seed there reaches production only when someone runs those.
const DEPLOY_HOOKS = new Set(['pre-connect', 'pre-build', 'pre-deploy', 'post-deploy', 'pre-app-boot', 'post-app-boot'])
const OTHER_HOOKS = new Set(['docker-setup', 'pre-proxy-reboot', 'post-proxy-reboot', 'pre-traefik-reboot', 'post-traefik-reboot'])

interface KamalConfig {
  root: string
  hooksDir: string
  /** `-d <destination>` values the repository has a config/deploy.<destination>.yml for; '' = no -d */
  runs: string[]
  view?: YamlView
}

/** config/deploy.yml is Kamal's when it names the service and the image (both required). */
function readConfig(project: Project, root: string, names: SeedguardConfig): { config?: KamalConfig; problem?: Problem } {
  const file = at(root, 'config/deploy.yml')
  const lines = project.cache.get(file)
  if (!lines) return {}
  const { doc, error } = parseYamlOf(lines)
  if (error) {
    // ERB (`<%= ENV["HOST"] %>`) is rendered before Kamal reads the YAML, so it may not parse as written
    const kamal = !lines.text.includes('<%') && project.cache.files.list().some((f) => f.startsWith(at(root, '.kamal/')) || f === at(root, 'bin/kamal'))
    return kamal ? { problem: { rule: 'parse-error', message: `invalid YAML: ${error.message}`, span: lines.span(error.offset, error.offset + 1) } } : {}
  }
  const view = new YamlView(doc, lines)
  if (view.get(view.root, 'service') === undefined || view.get(view.root, 'image') === undefined) return {}
  const prefix = at(root, 'config/deploy.')
  const destinations = project.cache.files
    .list()
    .filter((f) => f.startsWith(prefix) && /^[^/.]+\.yml$/.test(f.slice(prefix.length)))
    .map((f) => f.slice(prefix.length, -'.yml'.length))
  const required = view.string(view.get(view.root, 'require_destination')) === 'true'
  // with a production destination, production deploys pass `-d`; without one, the bare deploy is production
  const runs = destinations.some((d) => classifyEnvironmentName(d, names) === 'production') || required ? destinations : ['', ...destinations]
  return { config: { root, hooksDir: at(root, view.string(view.get(view.root, 'hooks_path')) ?? '.kamal/hooks'), runs, view } }
}

function destinationReasons(destination: string, config: SeedguardConfig, span: Span): ProductionReason[] {
  if (destination === '' || classifyEnvironmentName(destination, config) !== 'not-production') return []
  return [{ kind: 'environment', towards: false, detail: `Kamal destination \`${destination}\``, span }]
}

function readHooks(kamal: KamalConfig | undefined, hooks: string[], project: Project, config: SeedguardConfig): ExecutionContext[] {
  const contexts: ExecutionContext[] = []
  for (const file of hooks) {
    const name = file.slice(file.lastIndexOf('/') + 1)
    const lines = project.cache.get(file)
    const shell = lines && shellOfScript(lines.text)
    if (!lines || !shell || (!DEPLOY_HOOKS.has(name) && !OTHER_HOOKS.has(name))) continue
    const root = kamal?.root ?? dirnameOf(dirnameOf(dirnameOf(file)))
    const weak = !kamal || OTHER_HOOKS.has(name)
    const detail = !kamal
      ? `Kamal runs the \`${name}\` hook if this repository deploys with Kamal (no config/deploy.yml found)`
      : DEPLOY_HOOKS.has(name)
        ? `Kamal runs the \`${name}\` hook during every \`kamal deploy\``
        : `Kamal runs the \`${name}\` hook only during server setup or a proxy reboot`
    for (const destination of kamal?.runs ?? ['']) {
      const span = whole(file)
      const reasons: ProductionReason[] = [{ kind: 'platform-phase', towards: true, detail, span, ...(weak && { weak: true }) }, ...destinationReasons(destination, config, span)]
      // hooks get KAMAL_* variables; `-d` sets KAMAL_DESTINATION, so hooks can branch on it
      const env = { KAMAL_COMMAND: 'deploy', KAMAL_DESTINATION: destination }
      const suffix = destination ? ` (kamal deploy -d ${destination})` : ''
      contexts.push({
        id: `${file}#${destination}`,
        label: `Kamal \`${name}\` hook${suffix}`,
        span,
        reasons,
        steps: [{ label: `hook ${file}`, span, source: { text: lines.text, offsets: (i) => i, file, shell }, cwd: root, env, reasons: [] }],
      })
    }
  }
  return contexts
}

/** `servers.<role>.cmd` replaces the image's command for that role's containers, on every boot. */
function readRoles(file: string, kamal: KamalConfig): ExecutionContext[] {
  const view = kamal.view
  if (!view) return []
  const contexts: ExecutionContext[] = []
  for (const { key, keyNode, value } of view.entries(view.get(view.root, 'servers'))) {
    const cmd = view.get(value, 'cmd')
    const source = view.string(cmd) !== undefined ? view.shellSource(cmd, 'sh') : undefined
    if (!source) continue
    const span = view.span(keyNode)
    const reason: ProductionReason = { kind: 'platform-phase', towards: true, detail: `Kamal runs the \`cmd\` of role \`${key}\` every time its containers boot`, span }
    contexts.push({ id: `${file}#servers.${key}`, label: `Kamal role \`${key}\` in ${file}`, span, reasons: [reason], steps: [{ label: '`cmd`', span: view.span(cmd), source, cwd: kamal.root, env: {}, reasons: [] }] })
  }
  return contexts
}

const kamal: SourceReader = {
  id: 'kamal',
  rejectedBy: 'Kamal',
  title: 'Kamal hooks and deploy.yml',
  docs: 'https://kamal-deploy.org/docs/hooks/overview/',
  files: ['**/config/deploy.yml', '**/.kamal/hooks/*'],
  read(file, project, config) {
    if (file.endsWith('config/deploy.yml')) {
      const { config: found, problem } = readConfig(project, dirnameOf(dirnameOf(file)), config)
      if (!found) return { contexts: [], problems: problem ? [problem] : [] }
      const hooks = project.cache.files.list().filter((f) => f.startsWith(`${found.hooksDir}/`) && !f.slice(found.hooksDir.length + 1).includes('/'))
      return { contexts: [...readRoles(file, found), ...readHooks(found, hooks, project, config)], problems: [] }
    }
    // a hook without a readable Kamal config next to it; with one, the config reads its hooks
    const root = dirnameOf(dirnameOf(dirnameOf(file)))
    if (project.cache.exists(at(root, 'config/deploy.yml')) && readConfig(project, root, config).config) return { contexts: [], problems: [] }
    return { contexts: readHooks(undefined, [file], project, config), problems: [] }
  },
  deploys: { files: ['**/config/deploy.yml'], read: kamalImages },
}
export default kamal

/**
 * Kamal builds `builder.dockerfile` (default `Dockerfile`) in `builder.context` and starts it for
 * every role of every deploy (`kamal deploy`, or `-d <destination>` with that destination's file
 * merged in): each role with the environment its `env` gives it, its `cmd` in place of CMD.
 */
function kamalImages(file: string, project: Project, config: SeedguardConfig, out: Artifacts): void {
  const root = dirnameOf(dirnameOf(file))
  const kamal = readConfig(project, root, config).config
  const view = kamal?.view
  if (!kamal || !view) return
  for (const destination of kamal.runs) {
    const deploy = deployConfig(project, root, view, destination)
    const context = joinPath(root, settingOf(deploy, 'builder', 'context') ?? '.') ?? root
    const dockerfile = joinPath(root, settingOf(deploy, 'builder', 'dockerfile') ?? 'Dockerfile')
    if (!dockerfile || !project.cache.exists(dockerfile)) continue
    const production = destination && classifyEnvironmentName(destination, config) === 'not-production' ? 'not-production' : 'production'
    const deployed = destination ? `kamal deploy -d ${destination}` : 'kamal deploy'
    for (const role of roleNames(deploy)) {
      const source = roleCommand(project, root, view, destination, role)
      const env = roleEnv(project, root, deploy, role, destination)
      const command = source && { label: `Kamal role \`${role}\` cmd (${deployed})`, source }
      out.images.push({ dockerfile, context, production, via: 'platform', detail: `Kamal builds and deploys it for role \`${role}\` (${deployed}, ${file})`, span: view.span(view.get(view.root, 'image')), env, ...(command && { command }) })
    }
  }
}

/** `servers.<role>.cmd` as written in the file that sets it last: the destination's, else config/deploy.yml */
function roleCommand(project: Project, root: string, base: YamlView, destination: string, role: string): ShellSource | undefined {
  const over = destination ? yamlOf(project, at(root, `config/deploy.${destination}.yml`)) : undefined
  for (const view of over ? [over, base] : [base]) {
    const cmd = view.get(view.get(view.get(view.root, 'servers'), role), 'cmd')
    if (cmd) return view.string(cmd)?.trim() ? view.shellSource(cmd, 'sh') : undefined
  }
  return undefined
}
