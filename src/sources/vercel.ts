// https://vercel.com/docs/project-configuration
import type { ContextStep, ExecutionContext, PlatformInvocation } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import type { Span } from '../model/span.js'
import type { Project } from '../project/project.js'
import { jsonAt, jsonEntries, jsonString, parseJsonOf, shellSourceOfJsonString, type JsonNode } from '../util/json.js'
import type { LineIndex } from '../util/line-index.js'
import { dirnameOf, joinPath } from '../util/paths.js'
import type { Problem, SourceReader } from './types.js'

// A Vercel build runs for production and preview deployments alike, with VERCEL_ENV telling them
// apart (system-environment-variables docs). The production build is the one judged here, so a
// build command that branches on `[ "$VERCEL_ENV" = production ]` is evaluated as it runs there.
const BUILD_ENV = { VERCEL: '1', VERCEL_ENV: 'production', CI: '1' }

// the package.json scripts Vercel builds with when no Build Command is set, first found wins
// (vercel/vercel builders: runPackageJsonScript(cwd, ['vercel-build', 'now-build', 'build']))
const BUILD_SCRIPTS = ['vercel-build', 'now-build', 'build']
// legacy `builds` entries whose builder is not a framework build only run vercel-build/now-build
const FRAMEWORK_BUILDER = /static-build|next|remix|nuxt|gatsby|redwood|svelte|astro|hydrogen|vite/

const at = (dir: string, name: string): string => joinPath(dir, name) ?? name
const whole = (file: string): Span => ({ file, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } })

interface Settings {
  file: string
  lines?: LineIndex
  buildCommand?: JsonNode
  installCommand?: JsonNode
  ignoreCommand?: JsonNode
  env: Record<string, string>
  builders?: string[]
}

function readSettings(file: string, lines: LineIndex, root: JsonNode, base: (string | number)[]): Settings {
  const node = (key: string): JsonNode | undefined => {
    const found = jsonAt(root, [...base, key])
    // `"buildCommand": null` asks for the framework default, as an absent key does
    return found?.type === 'string' ? found : undefined
  }
  const env: Record<string, string> = {}
  for (const { key, value } of jsonEntries(jsonAt(root, ['build', 'env']))) env[key] = jsonString(value) ?? ''
  const builds = jsonAt(root, ['builds'])
  const builders = builds?.type === 'array' ? (builds.children ?? []).map((b) => jsonString(jsonAt(b, ['use'])) ?? '') : undefined
  return { file, lines, buildCommand: node('buildCommand'), installCommand: node('installCommand'), ignoreCommand: node('ignoreCommand'), env, ...(builders && { builders }) }
}

/** The build of one Vercel project directory: ignore step, install, build. */
function buildContext(dir: string, settings: Settings, why: string, project: Project): ExecutionContext {
  const { file, lines } = settings
  const env = { ...BUILD_ENV, ...settings.env }
  const steps: ContextStep[] = []
  const command = (key: string, node: JsonNode | undefined): ContextStep | undefined =>
    node && lines ? { label: `\`${key}\``, span: lines.span(node.offset, node.offset + node.length), source: shellSourceOfJsonString(node, lines), cwd: dir, env, reasons: [] } : undefined
  const pkg = project.packages.get(dir)
  const invoke = (label: string, span: Span, invocation: PlatformInvocation): ContextStep => ({ label, span, cwd: dir, env, reasons: [], invoke: [invocation] })
  // the Ignored Build Step runs first on every deployment and decides whether to build at all
  const ignore = command('ignoreCommand', settings.ignoreCommand)
  if (ignore) steps.push(ignore)
  const install = command('installCommand', settings.installCommand)
  if (install) steps.push(install)
  else if (pkg) steps.push(invoke('Vercel installs dependencies', pkg.scripts.get('postinstall')?.span ?? whole(pkg.file), { kind: 'install', packageDir: dir, via: 'Vercel install' }))
  const build = command('buildCommand', settings.buildCommand)
  if (build) steps.push(build)
  else if (pkg) {
    const framework = settings.builders === undefined || settings.builders.some((b) => FRAMEWORK_BUILDER.test(b))
    const name = (framework ? BUILD_SCRIPTS : BUILD_SCRIPTS.slice(0, 2)).find((n) => pkg.scripts.has(n))
    const script = name !== undefined ? pkg.scripts.get(name) : undefined
    if (name !== undefined && script) steps.push(invoke(`Vercel builds with \`${name}\``, script.span, { kind: 'script', packageDir: dir, name, ifPresent: true, hooks: true, via: 'Vercel build' }))
  }
  const span = settings.buildCommand && lines ? lines.span(settings.buildCommand.offset, settings.buildCommand.offset + settings.buildCommand.length) : whole(file)
  const reason: ProductionReason = { kind: 'platform-phase', towards: true, detail: `Vercel builds ${dir === '.' ? 'the project' : dir} the same way for production and preview deployments (${why})`, span }
  return { id: `${file}#vercel-build`, label: `Vercel build of ${dir === '.' ? 'the project' : dir} (${why})`, span: whole(file), reasons: [reason], steps }
}

/**
 * A directory is a Vercel project when it has a vercel.json (or the legacy now.json), a linked
 * `.vercel/project.json`, or a package.json with Vercel's own build scripts.
 */
function readProject(file: string, project: Project): { contexts: ExecutionContext[]; problems: Problem[] } {
  const name = file.slice(file.lastIndexOf('/') + 1)
  const lines = project.cache.get(file)
  if (!lines) return { contexts: [], problems: [] }
  if (name === 'package.json') {
    const dir = dirnameOf(file)
    const pkg = project.packages.get(dir)
    const own = ['vercel-build', 'now-build'].find((n) => pkg?.scripts.has(n))
    // a project with a vercel.json or link is read from that file
    if (!own || ['vercel.json', 'now.json', '.vercel/project.json'].some((n) => project.cache.exists(at(dir, n)))) return { contexts: [], problems: [] }
    return { contexts: [buildContext(dir, { file, env: {} }, `package.json has \`${own}\``, project)], problems: [] }
  }
  const { root, error } = parseJsonOf(lines)
  if (error || root?.type !== 'object') {
    const offset = error?.offset ?? 0
    return { contexts: [], problems: [{ rule: 'parse-error', message: error?.message ?? `${name} is not a JSON object`, span: lines.span(offset, offset + 1) }] }
  }
  if (name === 'project.json') {
    // `.vercel/project.json` from `vercel link`/`vercel pull`: settings may carry the commands and the root directory
    const linked = dirnameOf(dirnameOf(file))
    if (['vercel.json', 'now.json'].some((n) => project.cache.exists(at(linked, n)))) return { contexts: [], problems: [] }
    const rootDirectory = jsonString(jsonAt(root, ['settings', 'rootDirectory']))
    const dir = (rootDirectory ? joinPath(linked, rootDirectory) : undefined) ?? linked
    return { contexts: [buildContext(dir, readSettings(file, lines, root, ['settings']), `${file} links it`, project)], problems: [] }
  }
  // vercel.json wins over now.json in one directory
  const dir = dirnameOf(file)
  if (name === 'now.json' && project.cache.exists(at(dir, 'vercel.json'))) return { contexts: [], problems: [] }
  return { contexts: [buildContext(dir, readSettings(file, lines, root, []), file, project)], problems: [] }
}

const vercel: SourceReader = {
  id: 'vercel',
  rejectedBy: 'Vercel',
  title: 'Vercel project builds',
  docs: 'https://vercel.com/docs/project-configuration',
  files: ['**/vercel.json', '**/now.json', '**/.vercel/project.json', '**/package.json'],
  read(file, project) {
    return readProject(file, project)
  },
}
export default vercel
