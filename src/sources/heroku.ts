// https://devcenter.heroku.com/articles/nodejs-classic-buildpack-builds
import type { ContextStep, ExecutionContext, ShellSource } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import type { Span } from '../model/span.js'
import type { PackageJson } from '../project/packages.js'
import type { Project } from '../project/project.js'
import { shellSourceOfArgv } from '../util/exec-form.js'
import type { LineIndex } from '../util/line-index.js'
import { jsonAt, parseJsonOf } from '../util/json.js'
import { dirnameOf, joinPath } from '../util/paths.js'
import { parseYamlOf, YamlView, type YamlNode } from '../util/yaml.js'
import { readAppJsonFacts } from './app-json-facts.js'
import { HEROKU_PRODUCTION_ENV, herokuRuntime } from './heroku-runtime.js'
import type { Problem, SourceReader } from './types.js'
import type { SeedguardConfig } from '../config/types.js'
import type { Artifacts } from '../production/deployments.js'
import { yamlOf } from './docker/files.js'

const at = (dir: string, name: string): string => joinPath(dir, name) ?? name

/**
 * The steps of a build by Heroku's Node.js buildpack (DigitalOcean App Platform uses the same
 * buildpack): `heroku-prebuild`, the dependency install with its lifecycle scripts, then
 * `heroku-postbuild` *instead of* `build` (changelog 1573), then `heroku-cleanup`. A platform's own
 * build command (App Platform's `build_command`, which its UI calls an override of `npm run build`)
 * takes the place of the build script. The buildpack sets
 * NODE_ENV=production for the build, so `[ "$NODE_ENV" = production ]` guards hold.
 */
export function nodeBuildpackSteps(pkg: PackageJson, via: string, env: Record<string, string>, buildCommand?: ContextStep): ContextStep[] {
  const buildEnv = { NODE_ENV: 'production', ...env }
  const steps: ContextStep[] = []
  const script = (name: string): ContextStep | undefined => {
    const found = pkg.scripts.get(name)
    if (!found) return undefined
    return { label: `${via} runs \`${name}\``, span: found.span, cwd: pkg.dir, env: buildEnv, reasons: [], invoke: [{ kind: 'script', packageDir: pkg.dir, name, ifPresent: true, hooks: true, via }] }
  }
  const prebuild = script('heroku-prebuild')
  if (prebuild) steps.push(prebuild)
  const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare'].map((n) => pkg.scripts.get(n)).find((s) => s !== undefined)
  const installSpan = lifecycle?.span ?? { file: pkg.file, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } }
  steps.push({ label: `${via} installs dependencies`, span: installSpan, cwd: pkg.dir, env: buildEnv, reasons: [], invoke: [{ kind: 'install', packageDir: pkg.dir, via }] })
  const build = buildCommand ? { ...buildCommand, env: { ...buildEnv, ...buildCommand.env } } : (script('heroku-postbuild') ?? script('build'))
  if (build) steps.push(build)
  const cleanup = script('heroku-cleanup')
  if (cleanup) steps.push(cleanup)
  return steps
}

const NODE_BUILDPACK = /(^|\/)heroku\/nodejs$|heroku-buildpack-nodejs/

/**
 * A package.json is built by the Node.js buildpack when its directory is a Heroku app (a Procfile,
 * a Heroku app.json or heroku.yml beside it) or when it has Heroku's own build scripts. Buildpacks
 * listed in app.json decide; without a list, Heroku detects Ruby before Node.js, so a Gemfile
 * beside the package.json leaves it open whether the Node.js buildpack was added too.
 */
function readBuildpack(file: string, project: Project): ExecutionContext[] {
  const dir = dirnameOf(file)
  const pkg = project.packages.get(dir)
  if (!pkg) return []
  const herokuScripts = ['heroku-prebuild', 'heroku-postbuild', 'heroku-cleanup'].some((n) => pkg.scripts.has(n))
  const appJson = readAppJsonFacts(project, dir)
  const marker = ['Procfile', 'heroku.yml'].find((name) => project.cache.exists(at(dir, name))) ?? (appJson?.heroku ? 'app.json' : undefined)
  if (!herokuScripts && !marker) return []
  // heroku.yml builds a container from a Dockerfile: no buildpack runs
  if (buildsContainer(project, at(dir, 'heroku.yml'))) return []
  const listed = appJson?.buildpacks
  if (listed && listed.length > 0 && !listed.some((b) => NODE_BUILDPACK.test(b))) return []
  const uncertain = !listed?.length && !herokuScripts && project.cache.exists(at(dir, 'Gemfile'))
  const why = herokuScripts ? 'it has Heroku build scripts' : `${marker} makes it a Heroku app`
  const reason: ProductionReason = {
    kind: 'platform-phase',
    towards: true,
    detail: uncertain ? `the Node.js buildpack builds ${file} on Heroku only if it was added beside the Ruby buildpack` : `the Heroku Node.js buildpack builds ${file} on every deploy (${why})`,
    span: { file, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } },
    ...(uncertain && { weak: true }),
  }
  const steps = nodeBuildpackSteps(pkg, 'the Heroku Node.js buildpack', { ...HEROKU_PRODUCTION_ENV })
  return [{ id: `${file}#heroku-buildpack`, label: `Heroku Node.js buildpack build of ${file}`, span: reason.span!, reasons: [reason], steps, runtime: herokuRuntime(project, dir) }]
}

const PHP_BUILDPACK = /(^|\/)heroku\/php$|heroku-buildpack-php/
// https://devcenter.heroku.com/articles/php-support#build-behavior : what the PHP buildpack runs on every build
const PHP_INSTALL = ['composer', 'install', '--no-dev', '--prefer-dist', '--optimize-autoloader', '--no-interaction']
const PHP_COMPILE = ['composer', 'compile', '--no-dev', '--no-interaction']

/**
 * A composer.json in a Heroku app is built by the PHP buildpack: `composer install` (its
 * install and autoload event scripts run), then `composer compile` when the file defines that
 * script, with the app's config vars in the environment
 * (https://devcenter.heroku.com/articles/php-support#custom-compile-step). Without a buildpack
 * list, Heroku detects Node.js before PHP, so a package.json beside it leaves the PHP buildpack
 * open (Laravel apps add both).
 */
function readPhpBuildpack(file: string, project: Project): ExecutionContext[] {
  const dir = dirnameOf(file)
  const lines = project.cache.get(file)
  const appJson = readAppJsonFacts(project, dir)
  const marker = ['Procfile', 'heroku.yml'].find((name) => project.cache.exists(at(dir, name))) ?? (appJson?.heroku ? 'app.json' : undefined)
  if (!lines || !marker || buildsContainer(project, at(dir, 'heroku.yml'))) return []
  const listed = appJson?.buildpacks
  if (listed && listed.length > 0 && !listed.some((b) => PHP_BUILDPACK.test(b))) return []
  const uncertain = !listed?.length && project.cache.exists(at(dir, 'package.json'))
  const span: Span = { file, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } }
  const reason: ProductionReason = {
    kind: 'platform-phase',
    towards: true,
    detail: uncertain ? `the PHP buildpack builds ${file} on Heroku only if it was added beside the Node.js buildpack` : `the Heroku PHP buildpack builds ${file} on every deploy (${marker} makes it a Heroku app)`,
    span,
    ...(uncertain && { weak: true }),
  }
  const compile = jsonAt(parseJsonOf(lines).root, ['scripts', 'compile']) !== undefined
  const commands = [PHP_INSTALL, ...(compile ? [PHP_COMPILE] : [])]
  const steps: ContextStep[] = commands.map((command) => ({ label: `the Heroku PHP buildpack runs \`${command.join(' ')}\``, span, cwd: dir, env: { ...HEROKU_PRODUCTION_ENV }, reasons: [], invoke: [{ kind: 'run', argv: command }] }))
  return [{ id: `${file}#heroku-php-buildpack`, label: `Heroku PHP buildpack build of ${file} (${commands.map((c) => `\`${c.slice(0, 2).join(' ')}\``).join(', ')})`, span, reasons: [reason], steps, runtime: herokuRuntime(project, dir) }]
}

function buildsContainer(project: Project, file: string): boolean {
  const lines = project.cache.get(file)
  if (!lines) return false
  const view = new YamlView(parseYamlOf(lines).doc, lines)
  return view.get(view.get(view.root, 'build'), 'docker') !== undefined
}

/** heroku.yml commands: a string runs in a shell; a list of single words is an exec form. */
function commandSource(view: YamlView, node: YamlNode | undefined, lines: LineIndex): ShellSource | undefined {
  const single = view.shellSource(node, 'sh')
  if (view.string(node) !== undefined) return single
  const items = view.items(node)
  if (items.length === 0) return undefined
  const values = items.map((i) => view.string(i))
  if (values.some((v) => v === undefined)) return undefined
  // `command: [./release-tasks.sh]` and `command: ["python myworker.py"]` are both written in the docs
  if (items.length === 1 || values.some((v) => /\s/.test(v!))) return view.shellSource(items[0], 'sh')
  return shellSourceOfArgv(
    items.map((i, k) => {
      const source = view.shellSource(i, 'sh')!
      return { value: values[k]!, start: source.offsets(0), end: source.offsets(source.text.length) }
    }),
    lines,
  )
}

function readHerokuYml(file: string, project: Project): { contexts: ExecutionContext[]; problems: Problem[] } {
  const lines = project.cache.get(file)
  if (!lines) return { contexts: [], problems: [] }
  const { doc, error } = parseYamlOf(lines)
  if (error) return { contexts: [], problems: [{ rule: 'parse-error', message: `invalid YAML: ${error.message}`, span: lines.span(error.offset, error.offset + 1) }] }
  const view = new YamlView(doc, lines)
  const cwd = dirnameOf(file)
  const contexts: ExecutionContext[] = []
  const add = (id: string, label: string, keySpan: Span, node: YamlNode | undefined, reason: Omit<ProductionReason, 'span'>) => {
    const source = commandSource(view, node, lines)
    if (!source) return
    const step = { label: `the \`${id}\` command`, span: view.span(node), source, cwd, env: { ...HEROKU_PRODUCTION_ENV }, reasons: [] }
    contexts.push({ id: `${file}#${id}`, label: `${label} in ${file}`, span: keySpan, reasons: [{ ...reason, span: keySpan }], steps: [step] })
  }
  const release = view.get(view.root, 'release')
  const releaseCommand = view.get(release, 'command') ?? (view.string(release) !== undefined ? release : undefined)
  const releaseKey = view.entries(view.root).find((e) => e.key === 'release')?.keyNode
  add('release', 'Heroku release phase (heroku.yml `release`)', view.span(releaseKey ?? release), releaseCommand, { kind: 'platform-phase', towards: true, detail: 'heroku.yml `release` runs before every new release goes live, production included' })
  for (const { key, keyNode, value } of view.entries(view.get(view.root, 'run'))) {
    const command = view.string(value) !== undefined || view.items(value).length > 0 ? value : view.get(value, 'command')
    add(`run.${key}`, `Heroku dyno \`${key}\` (heroku.yml \`run\`)`, view.span(keyNode), command, { kind: 'platform-phase', towards: true, detail: `heroku.yml \`run.${key}\` runs every time a \`${key}\` dyno starts` })
  }
  return { contexts, problems: [] }
}

const heroku: SourceReader = {
  id: 'heroku',
  rejectedBy: 'Heroku',
  title: 'Heroku heroku.yml and the Node.js and PHP buildpacks',
  docs: 'https://devcenter.heroku.com/articles/nodejs-classic-buildpack-builds',
  files: ['**/heroku.yml', '**/package.json', '**/composer.json'],
  read(file, project) {
    if (file === 'heroku.yml' || file.endsWith('/heroku.yml')) return readHerokuYml(file, project)
    if (file === 'composer.json' || file.endsWith('/composer.json')) return { contexts: readPhpBuildpack(file, project), problems: [] }
    return { contexts: readBuildpack(file, project), problems: [] }
  },
  deploys: { files: ['**/heroku.yml'], read: herokuImages },
}
export default heroku

function herokuImages(file: string, project: Project, _config: SeedguardConfig, out: Artifacts): void {
  const view = yamlOf(project, file)
  if (!view) return
  for (const { key: proc, value } of view.entries(view.get(view.get(view.root, 'build'), 'docker'))) {
    const path = view.string(value) ?? view.string(view.get(value, 'dockerfile'))
    const dockerfile = path && joinPath(dirnameOf(file), path)
    if (!dockerfile || !project.cache.exists(dockerfile)) continue
    const target = view.string(view.get(value, 'target'))
    const run = view.get(view.get(view.root, 'run'), proc)
    const command = view.shellSource(view.string(run) !== undefined ? run : undefined, 'sh')
    out.images.push({ dockerfile, context: dirnameOf(dockerfile), production: 'production', via: 'platform', detail: `Heroku builds it for the \`${proc}\` process (${file})`, span: view.span(value), ...(target && { target }), ...(command?.text && { command: { label: `heroku.yml run.${proc}`, source: command } }) })
  }
}
