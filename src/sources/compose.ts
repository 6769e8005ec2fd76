// https://docs.docker.com/reference/compose-file/services/
import { classifyEnvironmentName } from '../production/evidence.js'
import type { SeedguardConfig } from '../config/types.js'
import type { ContextStep, ExecutionContext, ShellSource } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import { RUNTIME_ENV_VARIABLES } from '../model/runtime.js'
import { composeBuild } from './docker/compose-command.js'
import { composeServices, isComposeFile, yamlOf } from './docker/files.js'
import { composeServiceProduction, composeServiceStart, type StackVerdict } from './docker/compose-stack.js'
import { localEnvironment, serviceEnvironment, serviceEnvironmentAt } from './docker/compose-env.js'
import type { Project } from '../project/project.js'
import { parseShellOnce, type SimpleCommand } from '../shell/parse.js'
import { shellSourceOfArgv } from '../util/exec-form.js'
import { dirnameOf, joinPath } from '../util/paths.js'
import { parseYamlOf, YamlView, type YamlNode } from '../util/yaml.js'
import { containerPath, repoDirOf } from './docker/container-paths.js'
import { productionMarker, readImage, stageOf } from './docker/image.js'
import { devStartOf } from './docker/dev-start.js'
import { initdbContext, isDatabaseImage } from './docker/initdb.js'
import { runtimeSteps } from './docker/runtime.js'
import { containerStartSteps } from './docker/start-conventions.js'
import { unshadowed } from './docker/written-files.js'
import type { ImageCommand, Mount } from './docker/types.js'
import type { SourceReader } from './types.js'
import { imageName, sameImage } from '../model/image-name.js'
import type { ComposeService, Deployments, ImageRun } from '../production/deployments.js'

const compose: SourceReader = {
  id: 'compose',
  rejectedBy: 'Docker Compose',
  title: 'Docker Compose',
  docs: 'https://docs.docker.com/reference/compose-file/services/',
  files: ['**/*compose*.yml', '**/*compose*.yaml', '**/*docker-stack*.yml', '**/*docker-stack*.yaml'],
  accepts: isComposeFile,
  read(file, project, config, deployments) {
    const lines = project.cache.get(file)
    if (!lines || !isComposeFile(file)) return { contexts: [], problems: [] }
    const { doc, error } = parseYamlOf(lines)
    if (error) return { contexts: [], problems: [{ rule: 'parse-error', message: `invalid YAML: ${error.message}`, span: lines.span(error.offset, error.offset + 1) }] }
    const view = new YamlView(doc, lines)
    const dir = dirnameOf(file)
    const contexts: ExecutionContext[] = []
    for (const { key, keyNode, value: service } of composeServices(view)) {
      const build = composeBuild(project, view, dir, view.get(service, 'build'))
      // a service that runs by name an image the repository builds is started by the Dockerfile
      // reader (image-uses.ts), in that image's files and working directory, not in this file's folder
      if (!build && builtInRepository(deployments, view.string(view.get(service, 'image')))) continue
      const image = build && readImage(project, build.dockerfile, build.context)
      const stage = image ? stageOf(image, build.target) : undefined
      const command = commandOf(view, view.get(service, 'command'), 'compose `command`')
      const entrypointNode = view.get(service, 'entrypoint')
      const entrypoint = commandOf(view, entrypointNode, 'compose `entrypoint`')
      const bound = bindMounts(project, view, dir, view.get(service, 'volumes'))
      const mounts = [...(stage?.mounts ?? []), ...bound]
      const workdir = containerPath('/', view.string(view.get(service, 'working_dir')) ?? stage?.workdir ?? '/')
      const set = serviceEnvironment(project, view, dir, service)
      const env = { ...stage?.env, ...set }
      const cwd = repoDirOf(project, mounts, workdir, build?.context ?? dir)
      const label = `compose service \`${key}\` in ${file}${build?.target ? ` (build target \`${build.target}\`)` : ''}`
      const profiles = view.strings(view.get(service, 'profiles'))
      // a production deploy that enables the service's profile, or names it, starts it like any other
      const started = composeServiceStart(deployments, file, key, profiles) !== undefined
      // where neither the stack nor a deploy says, the service's own environment may (NODE_ENV=development)
      const local = localEnvironment(set, config)
      const gate = { ...composeServiceProduction(project, config, deployments, { file, service: key, profiles, ...(local && { local }) }), profiles: started ? [] : profiles }
      const database = stage?.base ?? view.string(view.get(service, 'image'))
      if (database && isDatabaseImage(database) && gate.production === 'production' && gate.profiles.length === 0) {
        const first = initdbContext(project, { id: `${file}#${key}`, label: `first start of ${label}`, span: view.span(keyNode), production: gate.detail, mounts, cwd, env })
        if (first) contexts.push(first)
      }
      if (!stage && !command && !entrypoint) continue
      // `entrypoint:` discards both the image's ENTRYPOINT and its CMD; `command:` replaces CMD only
      const overridden = entrypointNode !== undefined
      const run = { entrypoint: overridden ? entrypoint : stage?.entrypoint, cmd: command ?? (overridden ? undefined : stage?.cmd) }
      const rt = { mounts, written: unshadowed(project, stage?.written ?? [], bound), workdir, env, evidenceEnv: env, cwd }
      const marker = stage && productionMarker(stage, config)
      // the base image's start conventions read the service's environment too (serversideup/php's AUTORUN_*), set where the service sets it
      const steps = stage
        ? containerStartSteps(project, config, { stage: { ...stage, envAt: { ...stage.envAt, ...serviceEnvironmentAt(project, view, dir, service) } }, rt, ...run })
        : runtimeSteps(project, config, rt, run.entrypoint, run.cmd)
      const dev = developmentService(project, config, bound, workdir, build?.context, steps, env)
      // the image's own commands are production when the image is; what this stack adds is not
      const own = steps.filter((s) => !s.label.startsWith('compose '))
      const added = steps.filter((s) => s.label.startsWith('compose '))
      const base = { id: `${file}#${key}`, label, span: view.span(keyNode), ownDatabase: true }
      if (marker && gate.production === 'unknown' && added.length > 0) {
        contexts.push({ ...base, reasons: serviceReasons(view, service, gate, marker, env, config, dev), steps: own })
        contexts.push({ ...base, id: `${file}#${key}#command`, reasons: serviceReasons(view, service, gate, undefined, env, config, dev), steps: added })
      } else contexts.push({ ...base, reasons: serviceReasons(view, service, gate, marker, env, config, dev), steps })
    }
    return { contexts, problems: [] }
  },
  deploys: {
    // a service that builds a Dockerfile uses its image, and one with `image:` and no `build:` runs an
    // image by name; whether the stack is production is decided when the image is read, once every
    // deploy that brings the stack up is known
    read(file, project, config, out) {
      const view = yamlOf(project, file)
      if (!view) return
      const dir = dirnameOf(file)
      for (const { key, value } of composeServices(view)) {
        const build = composeBuild(project, view, dir, view.get(value, 'build'))
        const env = serviceEnvironment(project, view, dir, value)
        const local = localEnvironment(env, config)
        const replaces: ComposeService['replaces'] = startOverride(view, value).command?.entrypoint ? 'entrypoint' : view.get(value, 'command') !== undefined ? 'command' : undefined
        const compose = { file, service: key, profiles: view.strings(view.get(value, 'profiles')), ...(local && { local }), ...(replaces && { replaces }) }
        const detail = `compose service \`${key}\` in ${file}`
        // with both, Compose tags the image it builds with the `image:` name (https://docs.docker.com/reference/compose-file/build/#using-build-and-image)
        const image = imageName(view.string(view.get(value, 'image')) ?? '')
        if (build) out.images.push({ ...build, production: 'unknown', via: 'compose', compose, detail, span: view.span(value), ...(image && { names: [image] }) })
        else if (image) out.imageRuns.push({ image, production: 'unknown', compose, detail, span: view.span(value), env, ...startOverride(view, value) })
      }
    },
  },
}
export default compose

/** an image some build of the repository tags with this name (`docker build -t`, a compose `image:` beside `build:`) */
function builtInRepository(deployments: Deployments, written: string | undefined): boolean {
  const name = written === undefined ? undefined : imageName(written)
  return name !== undefined && deployments.artifacts.images.some((u) => u.names?.some((n) => sameImage(n, name)))
}

/**
 * The stack's verdict for one service: a production image in an unlabelled stack is production;
 * a service behind `profiles:` that no production run enables (`stack.profiles`) starts only when
 * someone names the profile. `dev`: the service is a developer's (see developmentService), which
 * counts only where nothing says production.
 */
function serviceReasons(view: YamlView, service: YamlNode | undefined, stack: StackVerdict & { profiles: string[] }, marker: string | undefined, env: Record<string, string>, config: SeedguardConfig, dev: string | undefined): ProductionReason[] {
  const span = view.span(service)
  let production = stack.production
  let detail = stack.detail
  // a production image in a stack that sets NODE_ENV=development is a local run of it
  const local = localEnvironment(env, config) !== undefined
  if (production === 'unknown' && marker && !local) [production, detail] = ['production', `the service runs a production image (${marker})`]
  // the service says it runs as production (NODE_ENV=production), or a reverse proxy routes a public host to it
  const declared = RUNTIME_ENV_VARIABLES.find((name) => env[name] !== undefined && classifyEnvironmentName(env[name]!, config) === 'production')
  if (production === 'unknown' && declared) [production, detail] = ['production', `the service sets ${declared}=${env[declared]}`]
  const routed = publicRoute(view, service)
  if (production === 'unknown' && routed && !local) [production, detail] = ['production', `${routed} (a public host)`]
  if (production === 'unknown' && dev) [production, detail] = ['not-production', dev]
  const { profiles } = stack
  if (profiles.some((p) => classifyEnvironmentName(p, config) === 'not-production')) return [{ kind: 'environment', towards: false, detail: `starts only with profile ${profiles.join(', ')}`, span }]
  if (production === 'not-production') return [{ kind: 'environment', towards: false, detail, span }]
  const weak = production === 'unknown' || profiles.length > 0
  const when = `runs on every \`up\` of the stack${profiles.length > 0 ? ` (only with profile ${profiles.join(', ')})` : ''}`
  // the service's own signal in a stack no deploy brings up goes first: it is the evidence
  const text = detail === stack.detail ? `${when}; ${detail}` : `${detail}, and it ${when}; no deploy in the repository brings the stack up`
  return [{ kind: 'platform-phase', towards: true, ...(weak && { weak: true }), detail: text, span }]
}

/**
 * A local development service: it bind-mounts the source it runs (over its working directory, or
 * its build context) AND starts a development server or workflow. Docker's production guidance is
 * to remove "any volume bindings for application code" (https://docs.docker.com/compose/how-tos/production/),
 * and a dev server exists to reload that mounted code. Either alone says too little: a server that
 * `git pull`s and runs `up` often bind-mounts the checkout and starts `node server.js`, and some
 * images built with their code are served with `npm run dev`, so one signal keeps the stack unknown.
 */
function developmentService(project: Project, config: SeedguardConfig, bound: Mount[], workdir: string, context: string | undefined, steps: ContextStep[], env: Record<string, string>): string | undefined {
  const source = bound.find((m) => m.dir && (m.src === context || workdir === m.dest || workdir.startsWith(`${m.dest === '/' ? '' : m.dest}/`)))
  if (!source) return undefined
  const start = devStartOf(project, config, steps, env)
  if (!start) return undefined
  return `the service bind-mounts the source (${source.src} on ${source.dest}) and starts ${start.server ? 'a development server' : 'a development workflow'}: ${start.detail}`
}

/** A Traefik router rule or Caddy site label with a host name: the service is served on the internet. */
function publicRoute(view: YamlView, service: YamlNode | undefined): string | undefined {
  const labels = view.get(service, 'labels')
  const pairs = view.items(labels).length > 0 ? view.items(labels).map((i) => view.string(i) ?? '').map((l) => l.split(/=(.*)/s, 2) as [string, string?]) : Object.entries(view.record(labels))
  for (const [key, value = ''] of pairs) {
    if (/^traefik\.http\.routers\.[^.]+\.rule$/.test(key) && /Host\(\s*`[^`]*\.[^`]+`/.test(value)) return `Traefik routes ${value.match(/`([^`]+)`/)![1]} to it`
    if (key === 'caddy' && /\w\.\w/.test(value) && !/localhost/.test(value)) return `Caddy serves ${value} from it`
  }
  return undefined
}

/** `entrypoint:` replaces the image's ENTRYPOINT and discards its CMD; `command:` replaces CMD only */
function startOverride(view: YamlView, service: YamlNode | undefined): Pick<ImageRun, 'command'> {
  const entrypoint = commandOf(view, view.get(service, 'entrypoint'), 'compose `entrypoint`')
  const command = commandOf(view, view.get(service, 'command'), 'compose `command`')
  if (entrypoint) return { command: { label: entrypoint.label, source: entrypoint.source, entrypoint: true } }
  return command ? { command: { label: command.label, source: command.source } } : {}
}

/**
 * `command:`/`entrypoint:`: a list is exec form; so is a string, which Compose splits into words
 * like a shell line but runs with no shell (https://docs.docker.com/reference/compose-file/services/#command:
 * it "doesn't automatically run within the context of the SHELL instruction"). So an `entrypoint:`
 * string is a program that receives `command:` as its arguments. A string with shell syntax (`&&`,
 * a pipe) would reach the program as literal words; it is read as the shell text it was meant as.
 */
function commandOf(view: YamlView, node: YamlNode | undefined, label: string): ImageCommand | undefined {
  if (!node) return undefined
  const span = view.span(node)
  const at = span.start.offset
  const raw = view.shellSource(node, 'sh')
  const source = raw && unescapeDollars(raw)
  if (source) {
    if (source.text.trim() === '') return undefined
    const parsed = parseShellOnce(source, view.lines, '.')
    const [single] = parsed.commands
    if (parsed.errors.length === 0 && parsed.commands.length === 1 && single && isPlainCommand(single)) {
      const argv = single.words.map((w) => ({ value: w.value, start: w.span.start.offset, end: w.span.end.offset }))
      return { label, exec: true, words: argv.map((a) => a.value), argv, source: shellSourceOfArgv(argv, view.lines), span, at }
    }
    return { label, exec: false, words: [], source, span, at }
  }
  const argv = view.argv(node)
  if (argv.length === 0) return undefined
  return { label, exec: true, words: argv.map((a) => a.value), argv, source: shellSourceOfArgv(argv, view.lines), span, at }
}

/**
 * Compose interpolates `$VAR` in the file before the container starts and turns `$$` into a literal
 * `$` (https://docs.docker.com/reference/compose-file/interpolation/): `sh -c '… "$$NODE_ENV" …'` is
 * how a command reads the container's own variable, so the shell sees `$NODE_ENV`.
 */
function unescapeDollars(source: ShellSource): ShellSource {
  if (!source.text.includes('$$')) return source
  // the shell text's index -> the raw value's index: each `$$` keeps its first `$`
  const kept: number[] = []
  for (let i = 0; i < source.text.length; i++) {
    kept.push(i)
    if (source.text[i] === '$' && source.text[i + 1] === '$') i++
  }
  const { text, offsets } = source
  return { ...source, text: kept.map((i) => text[i]).join(''), offsets: (i) => offsets(i >= 0 && i < kept.length ? kept[i]! : i < 0 ? i : text.length) }
}

/** one command with static words and nothing a shell would do for it: no assignments, redirections or expansions */
function isPlainCommand(command: SimpleCommand): boolean {
  return command.words.length > 0 && command.words.every((w) => !w.dynamic) && Object.keys(command.assignments).length === 0 && command.writes.length === 0 && !command.heredoc && !command.input && command.guards.length === 0
}

/** what a service of a compose file of the repository sets in its containers (`env_file:`, then `environment:`); undefined: no such service */
export function composeServiceEnvironment(project: Project, file: string, service: string): Record<string, string> | undefined {
  const view = yamlOf(project, file)
  const node = view && composeServices(view).find((e) => e.key === service)?.value
  if (!view || !node) return undefined
  return serviceEnvironment(project, view, dirnameOf(file), node)
}

/** `./backend:/app` bind mounts: the repository directory a container path shows */
function bindMounts(project: Project, view: YamlView, dir: string, node: YamlNode | undefined): Mount[] {
  const out: Mount[] = []
  for (const item of view.items(node)) {
    const short = view.string(item)
    const [source, target] = short !== undefined ? short.split(':') : [view.string(view.get(item, 'source')), view.string(view.get(item, 'target'))]
    // named volumes (`data:/var/lib/x`) hold no repository files
    if (!source || !target || !/^\.{1,2}(\/|$)/.test(source)) continue
    const src = joinPath(dir, source)
    if (src !== undefined) out.push({ dest: containerPath('/', target), src, dir: !project.cache.exists(src), span: view.span(item) })
  }
  return out
}
