// https://docs.docker.com/reference/cli/docker/buildx/build/#file : who builds which Dockerfile, and for what
import picomatch from 'picomatch'
import { classifyEnvironmentName } from '../analysis/evidence.js'
import type { SeedguardConfig } from '../config/types.js'
import type { ShellSource } from '../model/context.js'
import type { Span } from '../model/span.js'
import { parseShellOnce } from '../shell/parse.js'
import { readTriggers } from '../sources/github/triggers.js'
import { jsonAt, jsonString, parseJson, shellSourceOfJsonString } from '../util/json.js'
import { dirnameOf, joinPath } from '../util/paths.js'
import { TomlView } from '../util/toml.js'
import { parseYamlOf, YamlView, type YamlNode } from '../util/yaml.js'
import type { Project } from './project.js'

/** yes: runs on production deploys; maybe: may, under conditions the files cannot show; no: local/dev only */
export type Production = 'yes' | 'maybe' | 'no'

/** One consumer of a Dockerfile: a platform config, a workflow or script that ships the image, a compose service. */
export interface ImageUse {
  dockerfile: string
  /** the build context directory */
  context: string
  target?: string
  production: Production
  detail: string
  span: Span
  via: 'platform' | 'workflow' | 'script' | 'compose' | 'devcontainer'
  /** a platform start command that replaces the image CMD; the ENTRYPOINT still runs */
  command?: { label: string; source: ShellSource }
  composeFile?: string
  /** `--build-arg`s, a secret kept recognisable as `<secret NAME>` */
  buildArgs?: Record<string, string>
}

/** A workflow or script that brings a compose file up on a server. */
interface ComposeRun {
  file: string
  production: Production
  detail: string
}

interface DockerFacts {
  images: ImageUse[]
  composeRuns: ComposeRun[]
}

const COMPOSE = /^(docker-)?compose(\.[^/]+)?\.ya?ml$/
const facts = new WeakMap<Project, DockerFacts>()

export const isDockerfile = (path: string): boolean => /^(Dockerfile|dockerfile)(\.[^/]*)?$|\.[Dd]ockerfile$/.test(baseOf(path))
export const isComposeFile = (path: string): boolean => COMPOSE.test(baseOf(path))

/** What `docker build <dir>` picks without `-f`: `Dockerfile`, then the lower-case `dockerfile` BuildKit also accepts. */
export function defaultDockerfile(project: Project, dir: string): string | undefined {
  return ['Dockerfile', 'dockerfile'].map((n) => joinPath(dir, n)).find((p): p is string => p !== undefined && project.cache.exists(p))
}

export function imageUsesOf(project: Project, config: SeedguardConfig, dockerfile: string): ImageUse[] {
  return dockerFacts(project, config)
    .images.filter((u) => u.dockerfile === dockerfile)
    .map((u) => {
      if (!u.composeFile) return u
      // a compose file's production-ness needs every workflow and script read first
      const { production, detail } = composeFileProduction(project, config, u.composeFile)
      return { ...u, production, detail: `${u.detail}: ${detail}` }
    })
}

/**
 * Whether a compose file is the production stack: a deploy brings it up, its name says
 * production, or it is the plain file beside a `*.prod.yml` stack of its own (then it is the dev one).
 */
export function composeFileProduction(project: Project, config: SeedguardConfig, file: string): { production: Production; detail: string } {
  const runs = dockerFacts(project, config).composeRuns.filter((r) => r.file === file)
  const run = runs.find((r) => r.production === 'yes') ?? runs[0]
  if (run) return run
  const named = nameVerdict(baseOf(file).replace(/\.ya?ml$/, ''), config)
  if (named === 'production') return { production: 'yes', detail: `${file} is named for production` }
  if (named === 'not-production' || /override/.test(baseOf(file))) return { production: 'no', detail: `${file} is named for local or non-production use` }
  const dir = dirnameOf(file)
  const sibling = project.cache.files.list().find((f) => f !== file && dirnameOf(f) === dir && isComposeFile(f) && nameVerdict(baseOf(f).replace(/\.ya?ml$/, ''), config) === 'production')
  if (sibling && !isOverlay(project, sibling)) return { production: 'no', detail: `${sibling} is the production stack; ${file} is the local one` }
  return { production: 'maybe', detail: `${file} has no production deploy in the repository` }
}

function dockerFacts(project: Project, config: SeedguardConfig): DockerFacts {
  let found = facts.get(project)
  if (found) return found
  found = { images: [], composeRuns: [] }
  for (const file of project.cache.files.list()) {
    try {
      readConsumer(project, file, config, found)
    } catch {
      // a consumer that cannot be read says nothing about the image; its own reader reports the file
    }
  }
  facts.set(project, found)
  return found
}

function readConsumer(project: Project, file: string, config: SeedguardConfig, found: DockerFacts): void {
  const base = baseOf(file)
  if (/^fly(\.[\w-]+)?\.toml$/.test(base)) readFly(project, file, config, found.images)
  else if (/(^|\/)config\/deploy\.yml$/.test(file)) readKamal(project, file, found.images)
  else if (base === 'railway.json' || base === 'railway.toml') readRailway(project, file, found.images)
  else if (base === 'render.yaml' || base === 'render.yml') readRender(project, file, config, found.images)
  else if (/^\.do\/(app|deploy\.template)\.ya?ml$/.test(file)) readDigitalOcean(project, file, found.images)
  else if (base === 'heroku.yml') readHeroku(project, file, found.images)
  else if (isComposeFile(file)) readComposeBuilds(project, file, found.images)
  else if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(file)) readWorkflow(project, file, config, found)
  else if (/(^|\/)devcontainer\.json$|^\.devcontainer\.json$/.test(file)) readDevcontainer(project, file, found)
  else if (/\.(sh|bash)$/.test(base)) readScript(project, file, config, found)
}

function readFly(project: Project, file: string, config: SeedguardConfig, out: ImageUse[]): void {
  const parsed = tomlOf(project, file)
  if (!parsed || parsed.string('build.image') || parsed.entries.has('build.builder') || parsed.entries.has('build.buildpacks')) return
  const dir = dirnameOf(file)
  const named = parsed.string('build.dockerfile')
  const dockerfile = named ? joinPath(dir, named.value) : defaultDockerfile(project, dir)
  if (!dockerfile) return
  const app = parsed.string('app')?.value
  const production = nameVerdict(`${baseOf(file)} ${app ?? ''}`, config) === 'not-production' ? 'no' : 'yes'
  const base = { dockerfile, context: dir, production, via: 'platform', detail: `Fly builds it for app \`${app ?? '?'}\` (${file})`, span: parsed.lines.span(0, 0) } as const
  const target = parsed.string('build.build-target')?.value
  // each `[processes]` command, or `[experimental] cmd`, runs instead of CMD (superfly/docs configuration)
  const commands = parsed.childrenOf('processes').map((p) => ({ label: `Fly process \`${p}\``, node: parsed.string(`processes.${p}`)?.node }))
  const cmd = parsed.string('experimental.cmd')?.node
  if (cmd) commands.push({ label: 'Fly `[experimental] cmd`', node: cmd })
  const sources = commands.map((c) => ({ label: `${c.label} in ${file}`, source: c.node && parsed.shellSource(c.node) })).filter((c) => c.source?.text.trim())
  if (sources.length === 0) out.push({ ...base, ...(target && { target }) })
  for (const c of sources) out.push({ ...base, ...(target && { target }), command: { label: c.label, source: c.source! } })
}

/** Kamal builds `builder.dockerfile` (default `Dockerfile`) in `builder.context`; a role's `cmd` replaces CMD */
function readKamal(project: Project, file: string, out: ImageUse[]): void {
  const view = yamlOf(project, file)
  if (!view || view.get(view.root, 'service') === undefined || view.get(view.root, 'image') === undefined) return
  const root = dirnameOf(dirnameOf(file))
  const builder = view.get(view.root, 'builder')
  const context = joinPath(root, view.string(view.get(builder, 'context')) ?? '.') ?? root
  const dockerfile = joinPath(root, view.string(view.get(builder, 'dockerfile')) ?? 'Dockerfile')
  if (!dockerfile || !project.cache.exists(dockerfile)) return
  const base = { dockerfile, context, production: 'yes', via: 'platform', detail: `Kamal builds and deploys it (${file})`, span: view.span(view.get(view.root, 'image')) } as const
  const servers = view.get(view.root, 'servers')
  const roles = view.entries(servers)
  const commands = roles.map((r) => ({ role: r.key, source: view.shellSource(view.get(r.value, 'cmd'), 'sh') }))
  if (roles.length === 0 || commands.some((c) => !c.source)) out.push(base)
  for (const c of commands) if (c.source) out.push({ ...base, command: { label: `Kamal role \`${c.role}\` cmd in ${file}`, source: c.source } })
}

function readRailway(project: Project, file: string, out: ImageUse[]): void {
  const lines = project.cache.get(file)
  if (!lines) return
  const dir = dirnameOf(file)
  let builder: string | undefined, path: string | undefined, command: ShellSource | undefined
  if (file.endsWith('.json')) {
    const { root } = parseJson(lines.text)
    builder = jsonString(jsonAt(root, ['build', 'builder']))
    path = jsonString(jsonAt(root, ['build', 'dockerfilePath']))
    const start = jsonAt(root, ['deploy', 'startCommand'])
    if (jsonString(start)?.trim()) command = shellSourceOfJsonString(start!, lines)
  } else {
    const view = tomlOf(project, file)
    if (!view) return
    builder = view.string('build.builder')?.value
    path = view.string('build.dockerfilePath')?.value
    const start = view.string('deploy.startCommand')?.node
    command = start && view.shellSource(start)
    if (!command?.text.trim()) command = undefined
  }
  // Railway always uses a Dockerfile it finds unless another builder is named (config-as-code reference)
  if (builder !== undefined && builder.toUpperCase() !== 'DOCKERFILE' && !path) return
  const dockerfile = path ? joinPath(dir, path) : defaultDockerfile(project, dir)
  if (!dockerfile || !project.cache.exists(dockerfile)) return
  out.push({ dockerfile, context: dir, production: 'yes', via: 'platform', detail: `Railway builds it (${file})`, span: lines.span(0, 0), ...(command && { command: { label: `Railway startCommand in ${file}`, source: command } }) })
}

function readRender(project: Project, file: string, config: SeedguardConfig, out: ImageUse[]): void {
  const view = yamlOf(project, file)
  if (!view) return
  for (const service of view.items(view.get(view.root, 'services'))) {
    if ((view.string(view.get(service, 'runtime')) ?? view.string(view.get(service, 'env'))) !== 'docker') continue
    const name = view.string(view.get(service, 'name'))
    const base = joinPath(dirnameOf(file), view.string(view.get(service, 'rootDir')) ?? '.') ?? '.'
    const path = view.string(view.get(service, 'dockerfilePath')) ?? './Dockerfile'
    const dockerfile = [joinPath(base, path), joinPath(dirnameOf(file), path)].find((p): p is string => p !== undefined && project.cache.exists(p))
    if (!dockerfile) continue
    const context = joinPath(base, view.string(view.get(service, 'dockerContext')) ?? '.') ?? base
    const production = nameVerdict(name ?? '', config) === 'not-production' ? 'no' : 'yes'
    const command = view.shellSource(view.get(service, 'dockerCommand'), 'sh')
    out.push({ dockerfile, context, production, via: 'platform', detail: `Render builds it for service \`${name ?? '?'}\` (${file})`, span: view.span(service), ...(command?.text && { command: { label: `Render dockerCommand in ${file}`, source: command } }) })
  }
}

function readDigitalOcean(project: Project, file: string, out: ImageUse[]): void {
  const view = yamlOf(project, file)
  if (!view) return
  const spec = view.get(view.root, 'spec') ?? view.root
  for (const kind of ['services', 'workers', 'jobs']) {
    for (const component of view.items(view.get(spec, kind))) {
      const path = view.string(view.get(component, 'dockerfile_path'))
      const dockerfile = path && joinPath('.', path)
      if (!dockerfile || !project.cache.exists(dockerfile)) continue
      const command = view.shellSource(view.get(component, 'run_command'), 'sh')
      out.push({ dockerfile, context: joinPath('.', view.string(view.get(component, 'source_dir')) ?? '.') ?? '.', production: 'yes', via: 'platform', detail: `App Platform builds it for \`${view.string(view.get(component, 'name')) ?? kind}\` (${file})`, span: view.span(component), ...(command?.text && { command: { label: `App Platform run_command in ${file}`, source: command } }) })
    }
  }
}

function readHeroku(project: Project, file: string, out: ImageUse[]): void {
  const view = yamlOf(project, file)
  if (!view) return
  for (const { key: proc, value } of view.entries(view.get(view.get(view.root, 'build'), 'docker'))) {
    const path = view.string(value) ?? view.string(view.get(value, 'dockerfile'))
    const dockerfile = path && joinPath(dirnameOf(file), path)
    if (!dockerfile || !project.cache.exists(dockerfile)) continue
    const target = view.string(view.get(value, 'target'))
    const run = view.get(view.get(view.root, 'run'), proc)
    const command = view.shellSource(view.string(run) !== undefined ? run : undefined, 'sh')
    out.push({ dockerfile, context: dirnameOf(dockerfile), production: 'yes', via: 'platform', detail: `Heroku builds it for the \`${proc}\` process (${file})`, span: view.span(value), ...(target && { target }), ...(command?.text && { command: { label: `heroku.yml run.${proc}`, source: command } }) })
  }
}

function readComposeBuilds(project: Project, file: string, out: ImageUse[]): void {
  const view = yamlOf(project, file)
  if (!view) return
  const dir = dirnameOf(file)
  for (const { key, value } of view.entries(view.get(view.root, 'services'))) {
    const build = composeBuild(project, view, dir, view.get(value, 'build'))
    if (build) out.push({ ...build, production: 'maybe', via: 'compose', composeFile: file, detail: `compose service \`${key}\``, span: view.span(value) })
  }
}

/** a compose `build:` (a context string, or `context`/`dockerfile`/`target`) as the Dockerfile it builds */
export function composeBuild(project: Project, view: YamlView, dir: string, build: YamlNode | undefined): { dockerfile: string; context: string; target?: string } | undefined {
  if (!build) return undefined
  const context = joinPath(dir, view.string(build) ?? view.string(view.get(build, 'context')) ?? '.')
  if (!context) return undefined
  const named = view.string(view.get(build, 'dockerfile'))
  const dockerfile = named ? joinPath(context, named) : defaultDockerfile(project, context)
  const target = view.string(view.get(build, 'target'))
  return dockerfile && project.cache.exists(dockerfile) ? { dockerfile, context, ...(target && { target }) } : undefined
}

function readWorkflow(project: Project, file: string, config: SeedguardConfig, out: DockerFacts): void {
  const view = yamlOf(project, file)
  if (!view) return
  const on = view.get(view.root, 'on')
  const triggers = readTriggers(view, on, config.defaultBranches, view.span(on))
  // only what runs on the default branch or a release ships production images
  if (!triggers.reasons.some((r) => r.towards) || triggers.calledOnly) return
  for (const { key: jobId, value: job } of view.entries(view.get(view.root, 'jobs'))) {
    const environment = view.string(view.get(job, 'environment')) ?? view.string(view.get(view.get(job, 'environment'), 'name'))
    if (environment !== undefined && classifyEnvironmentName(environment, config) === 'not-production') continue
    const selfHosted = view.strings(view.get(job, 'runs-on')).some((r) => r.includes('self-hosted'))
    const jobEnv = { ...view.record(view.get(view.root, 'env')), ...view.record(view.get(job, 'env')) }
    const where = `job \`${jobId}\` in ${file} (${triggers.reasons.find((r) => r.towards)?.detail ?? 'default branch'})`
    const builds: Build[] = []
    let pushes = false
    for (const step of view.items(view.get(job, 'steps'))) {
      const uses = view.string(view.get(step, 'uses')) ?? ''
      const inputs = view.record(view.get(step, 'with'))
      if (/^docker\/build-push-action@/.test(uses) && inputs.push !== undefined && inputs.push !== 'false') {
        pushes = true
        const context = joinPath('.', inputs.context ?? '.') ?? '.'
        const buildArgs = buildArgsOf((inputs['build-args'] ?? '').split('\n'), jobEnv)
        for (const dockerfile of matchingDockerfiles(project, inputs.file ?? `${context}/Dockerfile`)) builds.push({ dockerfile, context, ...(inputs.target && { target: inputs.target }), span: view.span(step), buildArgs })
      }
      const script = /ssh-action@/.test(uses) ? view.get(view.get(step, 'with'), 'script') : undefined
      if (script) for (const f of composeUpFiles(project, view.string(script) ?? '', dirnameOf(file))) out.composeRuns.push({ file: f, production: 'yes', detail: `brought up on a server by ${where}` })
      const source = view.shellSource(view.get(step, 'run'), 'bash')
      if (!source) continue
      const found = readShellDocker(project, source, view.string(view.get(step, 'working-directory')) ?? '.', { ...jobEnv, ...view.record(view.get(step, 'env')) })
      pushes ||= found.pushes
      builds.push(...found.builds)
      for (const f of found.remoteComposeUp) out.composeRuns.push({ file: f, production: 'yes', detail: `brought up over ssh by ${where}` })
      if (selfHosted) for (const f of found.composeUp) out.composeRuns.push({ file: f, production: 'yes', detail: `brought up on a self-hosted runner by ${where}` })
    }
    for (const { deployed, ...b } of builds) if (pushes || deployed) out.images.push({ ...b, production: 'yes', via: 'workflow', detail: `${deployed ? `deployed with ${deployed}` : 'built and pushed'} by ${where}` })
  }
}

function readScript(project: Project, file: string, config: SeedguardConfig, out: DockerFacts): void {
  const lines = project.cache.get(file)
  if (!lines || !/\bdocker\b|docker-compose/.test(lines.text) || nameVerdict(file, config) === 'not-production') return
  const found = readShellDocker(project, { text: lines.text, offsets: (i) => i, file, shell: 'bash' }, dirnameOf(file))
  for (const f of found.remoteComposeUp) out.composeRuns.push({ file: f, production: 'yes', detail: `brought up on a server by ${file}` })
  const deploys = /deploy|release|publish|push/i.test(baseOf(file))
  for (const { deployed, ...b } of found.builds) if (deployed || (deploys && found.pushes)) out.images.push({ ...b, production: 'yes', via: 'script', detail: `${deployed ? `deployed with ${deployed}` : 'built and pushed'} by ${file}` })
}

function readDevcontainer(project: Project, file: string, out: DockerFacts): void {
  const lines = project.cache.get(file)
  if (!lines) return
  const { root } = parseJson(lines.text)
  const dir = dirnameOf(file)
  const path = jsonString(jsonAt(root, ['build', 'dockerfile'])) ?? jsonString(jsonAt(root, ['dockerFile']))
  const dockerfile = path && joinPath(dir, path)
  const context = joinPath(dir, jsonString(jsonAt(root, ['build', 'context'])) ?? '.') ?? dir
  if (dockerfile) out.images.push({ dockerfile, context, production: 'no', via: 'devcontainer', detail: `a dev container (${file})`, span: lines.span(0, 0) })
  const composeNode = jsonAt(root, ['dockerComposeFile'])
  const composeFiles = composeNode?.type === 'array' ? (composeNode.children ?? []).map(jsonString) : [jsonString(composeNode)]
  for (const f of composeFiles) {
    const path = f && joinPath(dir, f)
    if (path) out.composeRuns.push({ file: path, production: 'no', detail: `the stack of a dev container (${file})` })
  }
}

type Build = Omit<ImageUse, 'production' | 'detail' | 'via'> & { deployed?: string }

/**
 * `docker build`/`docker push`/`docker compose up` in shell text, with the files they name, and the
 * deploy CLIs that build the Dockerfile of a directory themselves (`gcloud run deploy --source`,
 * `heroku container:push`, `railway up`, `fly deploy --dockerfile`).
 */
function readShellDocker(project: Project, source: ShellSource, cwd: string, env: Record<string, string> = {}): { builds: Build[]; pushes: boolean; composeUp: string[]; remoteComposeUp: string[] } {
  const lines = project.cache.get(source.file)
  const out = { builds: [] as Build[], pushes: false, composeUp: [] as string[], remoteComposeUp: [] as string[] }
  if (!lines) return out
  // `ssh host <<EOF … docker compose up` and expect's `spawn ssh`: the remote script is not a word of its own
  if (/\bssh\b[^\n]*<<|spawn\s+ssh\b/.test(source.text)) out.remoteComposeUp.push(...composeUpFiles(project, source.text, cwd))
  for (const command of parseShellOnce(source, lines, joinPath('.', cwd) ?? '.').commands) {
    const argv = command.words.map((w) => w.value)
    const program = baseOf(argv[0] ?? '')
    const at = program === 'docker' ? (['build', 'push'].includes(argv[1] ?? '') ? 1 : ['buildx', 'image'].includes(argv[1] ?? '') ? 2 : -1) : -1
    if (at > 0 && argv[at] === 'push') out.pushes = true
    const add = (dir: string | undefined, file: string | undefined, target: string | undefined, deployed?: string) => {
      const context = dir === undefined || dir.includes('$') ? undefined : joinPath(command.cwd, dir)
      const dockerfile = context && (file ? joinPath(command.cwd, file) : defaultDockerfile(project, context))
      const buildArgs = buildArgsOf(argv.flatMap((a, i) => (a === '--build-arg' ? [argv[i + 1] ?? ''] : a.startsWith('--build-arg=') ? [a.slice('--build-arg='.length)] : [])), env)
      if (context && dockerfile && project.cache.exists(dockerfile)) out.builds.push({ dockerfile, context, ...(target && { target }), span: command.span, ...(deployed && { deployed }), buildArgs })
    }
    if (at > 0 && argv[at] === 'build') {
      const { values, positionals } = options(argv.slice(at + 1), ['-f', '--file', '-t', '--tag', '--target', '--build-arg', '--platform', '--cache-from', '--cache-to', '--label', '--secret', '--progress', '-o', '--output', '--network'])
      if (argv.includes('--push')) out.pushes = true
      add(positionals[0], values['-f'] ?? values['--file'], values['--target'])
    }
    const { values, positionals } = options(argv.slice(1), ['--source', '--tag', '--region', '--project', '-a', '--app', '--config', '-c', '--dockerfile', '--service', '-s', '--environment', '-e', '--image'])
    if (program === 'gcloud' && positionals[0] === 'run' && positionals[1] === 'deploy' && values['--source'] !== undefined) add(values['--source'], undefined, undefined, '`gcloud run deploy --source`')
    if (program === 'gcloud' && positionals[0] === 'builds' && positionals[1] === 'submit' && values['--config'] === undefined) add(positionals[2] ?? '.', undefined, undefined, '`gcloud builds submit`')
    if (program === 'heroku' && positionals[0] === 'container:push') add('.', undefined, undefined, '`heroku container:push`')
    if (program === 'railway' && positionals[0] === 'up') add(positionals[1] ?? '.', undefined, undefined, '`railway up`')
    if ((program === 'fly' || program === 'flyctl') && positionals[0] === 'deploy' && values['--dockerfile'] !== undefined) add(positionals[1] ?? '.', values['--dockerfile'], undefined, '`fly deploy --dockerfile`')
    if ((program === 'docker' && argv[1] === 'compose') || program === 'docker-compose') out.composeUp.push(...composeUpFiles(project, argv.join(' '), command.cwd))
    // `ssh host "cd app && docker compose up -d"`: the file the server brings up, looked up in the repository
    const ssh = argv.indexOf('ssh')
    if (ssh >= 0 && ssh <= 3) out.remoteComposeUp.push(...composeUpFiles(project, argv.slice(ssh + 1).join(' '), command.cwd))
  }
  return out
}

/** `NAME=value` build args; `${{ secrets.X }}` (directly or through `${{ env.Y }}`) becomes `<secret X>` */
function buildArgsOf(pairs: string[], env: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of pairs) {
    const match = /^\s*(\w+)=(.*)$/.exec(pair)
    if (!match) continue
    const raw = match[2]!.trim().replace(/\$\{\{\s*env\.(\w+)\s*\}\}|\$\{?(\w+)\}?/g, (m, expr: string | undefined, shell: string | undefined) => env[expr ?? shell ?? ''] ?? m)
    // `a && secrets.X || secrets.Y`: the fallback is what the default branch gets
    const secret = [...raw.matchAll(/secrets\.(\w+)/g)].at(-1)?.[1]
    if (secret) out[match[1]!] = `<secret ${secret}>`
    else if (!/\$/.test(raw)) out[match[1]!] = raw
  }
  return out
}

/** compose files named by `docker compose [-f x]… up` in text; without `-f`, the default file nearest to `dir` */
function composeUpFiles(project: Project, text: string, dir: string): string[] {
  const out: string[] = []
  for (const match of text.matchAll(/docker[- ]compose((?:[ \t]+[^\s;&|]+)*?)[ \t]+up\b/g)) {
    const named = [...match[1]!.matchAll(/(?:-f|--file)[\s=]+(\S+)/g)].map((m) => m[1]!.replace(/^['"]|['"]$/g, ''))
    if (named.length > 0) out.push(...named.flatMap((n) => nearest(project, dir, (f) => baseOf(f) === baseOf(n) && isComposeFile(f))))
    else out.push(...nearest(project, dir, (f) => /^(docker-)?compose\.ya?ml$/.test(baseOf(f))))
  }
  return out
}

/** the matching files in `dir` or the nearest directory above it that has one */
function nearest(project: Project, dir: string, test: (file: string) => boolean): string[] {
  const files = project.cache.files.list().filter(test)
  for (let current: string | undefined = dir; current !== undefined; current = current === '.' ? undefined : dirnameOf(current)) {
    const here = files.filter((f) => dirnameOf(f) === current)
    if (here.length > 0) return here
  }
  return files.length === 1 ? files : []
}

/** a path from a workflow, where `${{ matrix.app }}` stands for any one directory */
function matchingDockerfiles(project: Project, path: string): string[] {
  const pattern = joinPath('.', path.replace(/\$\{\{[^}]*\}\}/g, '*'))
  if (!pattern) return []
  const test = picomatch(pattern, { dot: true })
  return project.cache.files.list().filter((f) => isDockerfile(f) && test(f))
}

function options(args: string[], valued: string[]): { values: Record<string, string>; positionals: string[] } {
  const values: Record<string, string> = {}
  const positionals: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const eq = arg.indexOf('=')
    if (arg.startsWith('-') && eq > 0) values[arg.slice(0, eq)] = arg.slice(eq + 1)
    else if (valued.includes(arg)) values[arg] = args[++i] ?? ''
    else if (!arg.startsWith('-')) positionals.push(arg)
  }
  return { values, positionals }
}

/** a prod-named compose file whose services only adjust the base file's services (no image, no build) */
function isOverlay(project: Project, file: string): boolean {
  const view = yamlOf(project, file)
  const services = view ? view.entries(view.get(view.root, 'services')) : []
  return services.length > 0 && services.every(({ value }) => !view!.get(value, 'image') && !view!.get(value, 'build'))
}

/** the verdict of the words of a name (`docker-compose.prod`, `fly.staging.toml myapp-dev`) */
function nameVerdict(name: string, config: SeedguardConfig): 'production' | 'not-production' | 'unknown' {
  const verdicts = name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => classifyEnvironmentName(w, config))
  return verdicts.includes('not-production') ? 'not-production' : verdicts.includes('production') ? 'production' : 'unknown'
}

function yamlOf(project: Project, file: string): YamlView | undefined {
  const lines = project.cache.get(file)
  if (!lines) return undefined
  const { doc, error } = parseYamlOf(lines)
  return error ? undefined : new YamlView(doc, lines)
}

function tomlOf(project: Project, file: string): TomlView | undefined {
  const lines = project.cache.get(file)
  const parsed = lines && TomlView.parse(lines)
  return parsed && 'view' in parsed ? parsed.view : undefined
}

function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}
