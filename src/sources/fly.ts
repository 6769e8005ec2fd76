// https://fly.io/docs/reference/configuration/
import { classifyEnvironmentName, envVarReasons } from '../production/evidence.js'
import type { SeedguardConfig } from '../config/types.js'
import type { ContextStep, ExecutionContext, ShellSource } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import { shellSourceOfArgv } from '../util/exec-form.js'
import type { LineIndex } from '../util/line-index.js'
import { dirnameOf } from '../util/paths.js'
import { TomlView, type TomlValue } from '../util/toml.js'
import { imageScriptStep, readDockerWorkdir } from './docker/image-script.js'
import type { SourceReader } from './types.js'
import type { Artifacts } from '../production/deployments.js'
import { nameVerdict } from '../production/evidence.js'
import type { Project } from '../project/project.js'
import { basenameOf, joinPath } from '../util/paths.js'
import { defaultDockerfile, tomlOf } from './docker/files.js'

type Env = Record<string, string>

/**
 * fly.toml and its per-app siblings (`fly.staging.toml`, deployed with `fly deploy -c`): the
 * commands Fly runs from the app's image. Every `fly deploy` of the app runs them, so the app's
 * name (or the file's) decides whether that is production.
 */
const fly: SourceReader = {
  id: 'fly',
  rejectedBy: 'Fly.io',
  title: 'Fly.io',
  docs: 'https://fly.io/docs/reference/configuration/',
  files: ['**/fly.toml', '**/fly.*.toml'],
  read(file, project, config) {
    const lines = project.cache.get(file)
    if (!lines) return { contexts: [], problems: [] }
    const parsed = TomlView.parse(lines)
    if ('error' in parsed) return { contexts: [], problems: [{ rule: 'parse-error', message: parsed.error.message, span: parsed.error.span }] }
    const { view } = parsed
    const dir = dirnameOf(file)
    const env = flyEnv(view)
    const appReasons = readAppReasons(view, file, env, config)
    const contexts: ExecutionContext[] = []
    const add = (key: string, what: string, phase: string, when: string) => {
      const entry = view.entries.get(key)
      const source = entry && commandSource(view, entry.value, lines)
      if (!entry || !source) return
      const span = view.span(entry.value)
      const step: ContextStep = { label: `runs ${when}`, span, source, cwd: dir, env, reasons: envVarReasons(env, config, span) }
      // an absolute path in the image (`/app/bin/release.sh`) is the repository's file copied to WORKDIR
      const script = imageScriptStep(source.text, dir, [readDockerWorkdir(project, dir, view.string('build.dockerfile')?.value), '/app'], project, step)
      const phaseReason: ProductionReason = { kind: 'platform-phase', towards: true, detail: phase, span: entry.key }
      contexts.push({ id: `${file}#${key}`, label: `Fly.io ${what} in ${file}`, span: entry.key, reasons: [phaseReason, ...appReasons], steps: [script ? { ...step, nested: [script] } : step] })
    }
    // runs once per `fly deploy`, in a temporary Machine with the app's secrets, before the
    // release goes live; the image's ENTRYPOINT still runs around it (the Dockerfile reader's part)
    add('deploy.release_command', 'release_command', 'Fly.io runs `[deploy] release_command` before every `fly deploy` goes live', 'before every `fly deploy` goes live')
    // each process group's Machines run their command on every start
    for (const name of view.childrenOf('processes')) add(`processes.${name}`, `process \`${name}\``, `Fly.io starts every Machine of process group \`${name}\` with this command`, 'on every Machine start')
    for (const key of ['cmd', 'entrypoint', 'exec']) add(`experimental.${key}`, `experimental.${key}`, `Fly.io starts every Machine with \`[experimental] ${key}\``, 'on every Machine start')
    return { contexts, problems: [] }
  },
  deploys: { read: flyImages },
}
export default fly

/**
 * A staging or review app is configured in its own file (`fly.staging.toml`) or under its own
 * name (`app = "shop-staging"`); a production name, or an `[env]` naming a non-production
 * runtime environment (`RAILS_ENV = "staging"`), decides the other way.
 */
function readAppReasons(view: TomlView, file: string, env: Record<string, string>, config: SeedguardConfig): ProductionReason[] {
  const app = view.string('app')
  const appSpan = app ? view.span(app.node) : view.lines.span(0, 0)
  const named = [/^fly\.(.+)\.toml$/.exec(file.split('/').pop() ?? '')?.[1], app?.value].filter((n): n is string => n !== undefined)
  const verdicts = named.map((n) => classifyEnvironmentName(n, config))
  const against = named.filter((_, i) => verdicts[i] === 'not-production')
  if (against.length > 0) return [{ kind: 'environment', towards: false, detail: `Fly app config \`${against.join('`, `')}\` is not production`, span: appSpan }]
  const configured = envVarReasons(env, config, appSpan).filter((r) => !r.towards)
  if (configured.length > 0) return configured.map((r) => ({ ...r, kind: 'environment', detail: `fly.toml [env] ${r.detail}: the app is not production` }))
  const production = named.filter((_, i) => verdicts[i] === 'production')
  return production.length > 0 ? [{ kind: 'environment', towards: true, detail: `Fly app \`${production.join('`, `')}\``, span: appSpan }] : []
}

/**
 * A command as a string (`"bin/migrate"`) or in exec form (`["sh", "-c", "…"]`). flyctl splits a
 * string into words without a shell, so `a && b` only chains under a shell ENTRYPOINT; it is read
 * as shell text all the same, since a seed written there is meant to run.
 */
function commandSource(view: TomlView, node: TomlValue, lines: LineIndex): ShellSource | undefined {
  if (node.type !== 'TOMLArray') return view.shellSource(node)
  const elements = []
  for (const e of node.elements) {
    if (e.type !== 'TOMLValue' || e.kind !== 'string') return undefined
    const quote = e.multiline ? 3 : 1
    elements.push({ value: e.value, start: e.range[0] + quote, end: e.range[1] - quote })
  }
  return elements.length > 0 ? shellSourceOfArgv(elements, lines) : undefined
}

function flyImages(file: string, project: Project, config: SeedguardConfig, out: Artifacts): void {
  const parsed = tomlOf(project, file)
  if (!parsed || parsed.string('build.image') || parsed.entries.has('build.builder') || parsed.entries.has('build.buildpacks')) return
  const dir = dirnameOf(file)
  const named = parsed.string('build.dockerfile')
  const dockerfile = named ? joinPath(dir, named.value) : defaultDockerfile(project, dir)
  if (!dockerfile) return
  const app = parsed.string('app')?.value
  const production = nameVerdict(`${basenameOf(file)} ${app ?? ''}`, config) === 'not-production' ? 'not-production' : 'production'
  const base = { dockerfile, context: dir, production, via: 'platform', detail: `Fly builds it for app \`${app ?? '?'}\` (${file})`, span: parsed.lines.span(0, 0), env: flyEnv(parsed) } as const
  const target = parsed.string('build.build-target')?.value
  // each `[processes]` command, or `[experimental] cmd`, runs instead of CMD (superfly/docs configuration)
  const commands = parsed.childrenOf('processes').map((p) => ({ label: `Fly process \`${p}\``, node: parsed.string(`processes.${p}`)?.node }))
  const cmd = parsed.string('experimental.cmd')?.node
  if (cmd) commands.push({ label: 'Fly `[experimental] cmd`', node: cmd })
  const sources = commands.map((c) => ({ label: `${c.label} in ${file}`, source: c.node && parsed.shellSource(c.node) })).filter((c) => c.source?.text.trim())
  if (sources.length === 0) out.images.push({ ...base, ...(target && { target }) })
  for (const c of sources) out.images.push({ ...base, ...(target && { target }), command: { label: c.label, source: c.source! } })
}

/** fly.toml `[env]` */
function flyEnv(view: TomlView): Env {
  const env: Env = {}
  for (const name of view.childrenOf('env')) {
    const value = view.string(`env.${name}`)?.value
    if (value !== undefined) env[name] = value
  }
  return env
}
