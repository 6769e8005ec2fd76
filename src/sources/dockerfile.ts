// https://docs.docker.com/reference/dockerfile/
import { DockerfileParser, type Instruction } from 'dockerfile-ast'
import { parseTree } from 'jsonc-parser'
import picomatch from 'picomatch'
import { classifyEnvironmentName, envVarReasons } from '../analysis/evidence.js'
import type { SeedguardConfig } from '../config/types.js'
import type { ContextStep, ExecutionContext, ShellKind, ShellSource } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import type { Span } from '../model/span.js'
import { imageUsesOf, isDockerfile, type ImageUse } from '../project/dockerfiles.js'
import type { Project } from '../project/project.js'
import { shellSourceOfArgv, type ArgvElement } from '../util/exec-form.js'
import type { LineIndex } from '../util/line-index.js'
import { dirnameOf, joinPath } from '../util/paths.js'
import type { Problem, SourceReader } from './types.js'

/** A container path and the repository path COPY/ADD (or a bind mount) put there. */
export interface Mount {
  dest: string
  src: string
  dir: boolean
}

/** CMD, ENTRYPOINT, RUN, or a platform/compose command that stands in for one. */
export interface ImageCommand {
  label: string
  exec: boolean
  /** argv of the exec form, or the words of a plain shell command; empty when the text is shell syntax */
  words: string[]
  argv?: ArgvElement[]
  source: ShellSource
  span: Span
  /** an offset only this instruction starts at: keys a source combined from two instructions */
  at: number
  /** RUN: the working directory and variables at that point of the build, and the ARGs a build can set */
  workdir?: string
  env?: Record<string, string>
  args?: string[]
}

export interface Stage {
  index: number
  name?: string
  span: Span
  workdir: string
  /** ENV: what the container's commands see */
  env: Record<string, string>
  /** ARG and ENV: what RUN sees */
  buildEnv: Record<string, string>
  mounts: Mount[]
  entrypoint?: ImageCommand
  cmd?: ImageCommand
  /** RUN instructions of this stage itself, not of the stage it starts from */
  runs: ImageCommand[]
}

export interface Image {
  file: string
  context: string
  stages: Stage[]
  problem?: Problem
}

const KEYWORDS = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'])
// copies of the text of a Dockerfile in another format (docs, templates) are not Dockerfiles
const NOT_DOCKERFILE = /\.(md|txt|j2|jinja2?|tpl|tmpl|template|erb|bak|orig|swp|dockerignore|sample|example)$/i
const RUNTIME_ENV = ['NODE_ENV', 'RAILS_ENV', 'RACK_ENV', 'APP_ENV', 'MIX_ENV', 'DJANGO_ENV', 'ENVIRONMENT', 'FLASK_ENV']

const dockerfile: SourceReader = {
  id: 'dockerfile',
  title: 'Dockerfile',
  docs: 'https://docs.docker.com/reference/dockerfile/',
  files: ['**/Dockerfile', '**/Dockerfile.*', '**/dockerfile', '**/dockerfile.*', '**/*.Dockerfile', '**/*.dockerfile'],
  read(file, project, config) {
    if (NOT_DOCKERFILE.test(file) || !isDockerfile(file)) return { contexts: [], problems: [] }
    const uses = imageUsesOf(project, config, file)
    const contexts: ExecutionContext[] = []
    const first = readImage(project, file, uses.find((u) => u.via !== 'compose')?.context)
    if (first.problem) return { contexts: [], problems: [first.problem] }
    const final = first.stages.at(-1)
    if (!final) return { contexts: [], problems: [] }
    // only the final stage, or the stage a consumer builds with `--target`, becomes the image
    const targets = new Map<number, ImageUse[]>([[final.index, []]])
    for (const use of uses) {
      const stage = stageOf(first, use.target)
      if (stage) targets.set(stage.index, [...(targets.get(stage.index) ?? []), use])
    }
    for (const [index, stageUses] of targets) {
      const image = readImage(project, file, stageUses.find((u) => u.via !== 'compose')?.context ?? stageUses[0]?.context ?? first.context)
      const stage = image.stages[index]
      const verdict = stage && imageVerdict(file, stage, stageUses, index === final.index, config)
      if (!stage || !verdict) continue
      const where = `${file} (${index === final.index ? 'final stage' : 'target'}${stage.name ? ` \`${stage.name}\`` : ''})`
      const rt = runtimeOf(project, image.context, stage)
      const commands = stageUses.filter((u) => u.command && u.production !== 'no').map((u) => platformCommand(project, u))
      const runsCmd = commands.length === 0 || stageUses.some((u) => !u.command && u.production !== 'no')
      const steps = commands.flatMap((c) => runtimeSteps(project, config, rt, stage.entrypoint, c))
      if (runsCmd) steps.push(...runtimeSteps(project, config, rt, stage.entrypoint, stage.cmd))
      contexts.push({ id: `${file}#${index}`, label: `container start of ${where}`, span: stage.span, reasons: verdict, steps: dedupeSteps(steps), ownDatabase: true })
      // RUN of the built stage runs at build time; a seed there reaches whatever database the build can
      const buildReasons = verdict.some((r) => !r.towards) ? verdict : [{ kind: 'platform-phase', towards: true, weak: true, detail: 'RUN runs while the image is built, where a database is usually not reachable', span: stage.span } satisfies ProductionReason]
      // `--build-arg DATABASE_URL=${{ secrets.DATABASE_URL }}` from a deploy: that build can reach the database
      const passed = stageUses.find((u) => u.production === 'yes' && u.buildArgs)?.buildArgs ?? {}
      const runs = stage.runs.map((run): ContextStep => {
        const env = { ...run.env, ...Object.fromEntries((run.args ?? []).filter((a) => passed[a] !== undefined).map((a) => [a, passed[a]!])) }
        return { label: run.label, span: run.span, source: run.source, cwd: repoDirOf(project, stage.mounts, run.workdir ?? '/', image.context), env, reasons: [] }
      })
      if (runs.length > 0) contexts.push({ id: `${file}#${index}#build`, label: `image build of ${where}`, span: stage.span, reasons: buildReasons, steps: runs })
    }
    return { contexts, problems: [] }
  },
}
export default dockerfile

/**
 * Whether the image runs in production: a production deploy builds it; or, with no consumer that
 * says otherwise, the Dockerfile itself is a production image (a `production` stage, NODE_ENV=production).
 * Images that only compose files use are judged by the compose reader; undefined: nothing to report here.
 */
function imageVerdict(file: string, stage: Stage, uses: ImageUse[], isFinal: boolean, config: SeedguardConfig): ProductionReason[] | undefined {
  const strong = uses.find((u) => u.production === 'yes' && u.via !== 'compose')
  if (strong) return [{ kind: 'platform-phase', towards: true, detail: `runs on every container start; ${strong.detail}`, span: strong.span }]
  const against = (detail: string): ProductionReason[] => [{ kind: 'environment', towards: false, detail, span: stage.span }]
  const named = baseName(file).split(/[^A-Za-z0-9]+/).map((w) => classifyEnvironmentName(w, config))
  if (named.includes('not-production')) return against(`${file} is named for development`)
  const marker = named.includes('production') ? `named ${baseName(file)}` : productionMarker(stage, config)
  const allLocal = uses.length > 0 && uses.every((u) => u.production === 'no')
  if (marker && !allLocal) return [{ kind: 'platform-phase', towards: true, detail: `runs on every container start of a production image (${marker})`, span: stage.span }]
  const weak = (detail: string): ProductionReason[] => [{ kind: 'platform-phase', towards: true, weak: true, detail, span: stage.span }]
  if (marker) return weak(`a production image (${marker}), but only ${uses[0]!.detail} uses it`)
  if (allLocal) return against(`only ${uses[0]!.detail} uses it`)
  if (uses.some((u) => u.via !== 'compose' && u.production === 'maybe')) return weak(`runs on every container start; ${uses[0]!.detail}`)
  if (uses.length > 0) return undefined
  return isFinal ? weak('runs on every container start, but no deploy in the repository builds this image') : undefined
}

/** what says a stage is a production image: its name, or a runtime variable set to production */
export function productionMarker(stage: Stage, config: SeedguardConfig): string | undefined {
  if (stage.name && classifyEnvironmentName(stage.name, config) === 'production') return `stage \`${stage.name}\``
  const name = RUNTIME_ENV.find((n) => stage.env[n] !== undefined && classifyEnvironmentName(stage.env[n]!, config) === 'production')
  return name ? `${name}=${stage.env[name]}` : undefined
}

export function stageOf(image: Image, target: string | undefined): Stage | undefined {
  if (target === undefined) return image.stages.at(-1)
  return image.stages.find((s) => s.name?.toLowerCase() === target.toLowerCase())
}

// ---- the image model: stages, their files, their commands ----

const images = new WeakMap<Project, Map<string, Image>>()

/** Reads a Dockerfile into stages. `context`: the build context a consumer names; guessed from COPY sources otherwise. */
export function readImage(project: Project, file: string, context?: string): Image {
  let cache = images.get(project)
  if (!cache) images.set(project, (cache = new Map()))
  const key = `${file}|${context ?? ''}`
  const cached = cache.get(key)
  if (cached) return cached
  let image: Image
  try {
    image = parseImage(project, file, context)
  } catch (error) {
    // the parser's own surprises become a located problem, never a crash
    const lines = project.cache.get(file)
    image = { file, context: context ?? dirnameOf(file), stages: [], ...(lines && { problem: { rule: 'parse-error', message: `invalid Dockerfile: ${(error as Error).message}`, span: lines.span(0, 1) } }) }
  }
  cache.set(key, image)
  return image
}

function parseImage(project: Project, file: string, givenContext: string | undefined): Image {
  const lines = project.cache.get(file)
  const none: Image = { file, context: givenContext ?? dirnameOf(file), stages: [] }
  if (!lines) return none
  const instructions = DockerfileParser.parse(lines.text).getInstructions()
  const at = (pos: { line: number; character: number }): number => lines.lineStart(pos.line + 1) + pos.character
  const spanOf = (ins: Instruction): Span => lines.span(at(ins.getRange().start), at(ins.getRange().end))
  let seenFrom = false
  for (const ins of instructions) {
    const keyword = ins.getKeyword()
    if (!KEYWORDS.has(keyword)) return { ...none, problem: { rule: 'parse-error', message: `unknown instruction \`${ins.getInstruction()}\``, span: lines.span(at(ins.getInstructionRange().start), at(ins.getInstructionRange().end)) } }
    seenFrom ||= keyword === 'FROM'
    if (!seenFrom && keyword !== 'ARG') return { ...none, problem: { rule: 'parse-error', message: `\`${ins.getInstruction()}\` before the first FROM: Docker needs a FROM first`, span: spanOf(ins) } }
  }
  const context = givenContext ?? guessContext(project, file, instructions, lines)
  const stages: Stage[] = []
  const globalArgs: Record<string, string> = {}
  let stage: Stage | undefined
  let shell: ShellKind = 'sh'
  let cmdInherited = false
  let declared = new Set<string>()
  for (const ins of instructions) {
    const keyword = ins.getKeyword()
    // dockerfile-ast splits the arguments anew on every call: only FROM and WORKDIR need them here
    const args = (): string[] => ins.getArguments().map((a) => a.getValue())
    if (keyword === 'FROM') {
      const [image, as, alias] = args()
      const base = substitute(image ?? '', globalArgs) ?? ''
      const parent = stages.find((s) => s.name !== undefined && s.name.toLowerCase() === base.toLowerCase())
      const name = /^as$/i.test(as ?? '') ? alias : undefined
      // `FROM base` starts from that stage's files, variables and commands
      const inherited = parent ? { workdir: parent.workdir, env: { ...parent.env }, buildEnv: { ...parent.env }, mounts: [...parent.mounts], ...(parent.cmd && { cmd: parent.cmd }), ...(parent.entrypoint && { entrypoint: parent.entrypoint }) } : { workdir: '/', env: {}, buildEnv: {}, mounts: [] }
      stage = { index: stages.length, span: spanOf(ins), runs: [], ...inherited, ...(name !== undefined && { name }) }
      cmdInherited = stage.cmd !== undefined
      declared = new Set()
      stages.push(stage)
      continue
    }
    if (!stage) {
      if (keyword === 'ARG') for (const p of (ins as unknown as PropertyLike).getProperties()) globalArgs[p.getName()] = substitute(p.getValue() ?? '', globalArgs) ?? ''
      continue
    }
    if (keyword === 'ARG' || keyword === 'ENV') {
      for (const p of (ins as unknown as PropertyLike).getProperties()) {
        if (keyword === 'ARG') declared.add(p.getName())
        const raw = p.getValue() ?? (keyword === 'ARG' ? globalArgs[p.getName()] : undefined)
        const value = raw === undefined ? undefined : substitute(raw, stage.buildEnv)
        // a value only known at build time (`ENV DATABASE_URL=$DATABASE_URL`) is left out, not guessed
        if (value === undefined) {
          delete stage.buildEnv[p.getName()]
          if (keyword === 'ENV') delete stage.env[p.getName()]
          continue
        }
        stage.buildEnv[p.getName()] = value
        if (keyword === 'ENV') stage.env[p.getName()] = value
      }
    } else if (keyword === 'WORKDIR') {
      const dir = substitute(args().join(' '), stage.buildEnv)
      if (dir) stage.workdir = containerPath(stage.workdir, dir)
    } else if (keyword === 'COPY' || keyword === 'ADD') {
      copyInto(project, stage, stages, ins, lines, context)
    } else if (keyword === 'SHELL') {
      const argv = commandOf(ins, lines, 'sh', 'SHELL')?.words[0] ?? ''
      shell = /(^|\/)(ba)?sh$/.test(argv) ? (argv.endsWith('bash') ? 'bash' : 'sh') : /pwsh|powershell|cmd/i.test(argv) ? 'pwsh' : 'other'
    } else if (keyword === 'CMD' || keyword === 'ENTRYPOINT' || keyword === 'RUN') {
      const command = commandOf(ins, lines, shell, keyword)
      if (!command) continue
      if (keyword === 'RUN') stage.runs.push({ ...command, workdir: stage.workdir, env: { ...stage.buildEnv }, args: [...declared] })
      else if (keyword === 'CMD') {
        stage.cmd = command
        cmdInherited = false
      } else {
        stage.entrypoint = command
        // an inherited CMD is reset by a new ENTRYPOINT (Dockerfile reference, "Understand how CMD and ENTRYPOINT interact")
        if (cmdInherited) delete stage.cmd
      }
    }
  }
  return { file, context, stages }
}

interface PropertyLike {
  getProperties(): { getName(): string; getValue(): string | null }[]
}

/** CMD/ENTRYPOINT/RUN: the exec form `["a", "b"]` when it is a JSON array of strings, else shell text */
function commandOf(ins: Instruction, lines: LineIndex, shell: ShellKind, label: string): ImageCommand | undefined {
  const range = ins.getArgumentsRange()
  if (!range) return undefined
  const start = lines.lineStart(range.start.line + 1) + range.start.character
  const end = lines.lineStart(range.end.line + 1) + range.end.character
  const raw = lines.text.slice(start, end)
  const span = lines.span(lines.lineStart(ins.getRange().start.line + 1) + ins.getRange().start.character, end)
  const base = { label, span, at: span.start.offset }
  if (raw.trimStart().startsWith('[')) {
    const errors: unknown[] = []
    const tree = parseTree(raw.replace(/\\\r?\n/g, (m) => ' '.repeat(m.length)), errors as never[])
    const children = tree?.type === 'array' ? (tree.children ?? []) : []
    if (errors.length === 0 && children.every((c) => c.type === 'string')) {
      const argv = children.map((c) => ({ value: String(c.value), start: start + c.offset + 1, end: start + c.offset + c.length - 1 }))
      return { ...base, exec: true, words: argv.map((a) => a.value), argv, source: shellSourceOfArgv(argv, lines) }
    }
  }
  // RUN <<EOF … EOF: the heredoc body is the script
  const heredoc = /^<<-?\s*["']?(\w+)["']?[^\n]*\n([\s\S]*?)\n\s*\1\s*$/.exec(raw)
  const bodyStart = heredoc ? start + raw.indexOf('\n') + 1 : start
  const body = heredoc ? heredoc[2]! : raw
  // Docker drops comment lines inside a continued instruction; blanking them keeps every offset
  const text = heredoc ? body : body.replace(/(\\\r?\n)([ \t]*#[^\n]*\n)+/g, (m, cont: string) => cont + m.slice(cont.length).replace(/[^\n]|\n/g, ' '))
  const words = /[;&|<>()`$\\"'\n]/.test(text.trim()) ? [] : text.trim().split(/\s+/)
  return { ...base, exec: false, words, source: { text, offsets: (i) => bodyStart + i, file: lines.file, shell } }
}

/** COPY/ADD: which repository files (or files of an earlier stage) land where in this stage */
function copyInto(project: Project, stage: Stage, stages: Stage[], ins: Instruction, lines: LineIndex, context: string): void {
  const { from, args } = copyArgs(ins, lines)
  if (args.length < 2 || /<</.test(args[0] ?? '')) return
  const dest = substitute(args.at(-1)!, stage.buildEnv)
  if (dest === undefined) return
  const sources = args.slice(0, -1).map((s) => substitute(s, stage.buildEnv)).filter((s): s is string => s !== undefined && !/^https?:\/\//.test(s))
  const destPath = containerPath(stage.workdir, dest)
  const destIsDir = dest.endsWith('/') || sources.length > 1 || sources.some((s) => /[*?[]/.test(s)) || dest === '.' || destPath === stage.workdir
  const into = (name: string) => (destIsDir ? containerPath(destPath, name) : destPath)
  if (from !== undefined) {
    const source = /^\d+$/.test(from) ? stages[Number(from)] : stages.find((s) => s.name?.toLowerCase() === from.toLowerCase())
    // a relative source is read from the stage's root, not its WORKDIR (as docker build does; openshift/imagebuilder#215)
    for (const src of source ? sources : []) stage.mounts.push(...reroot(project, source!.mounts, containerPath('/', src), destPath, into))
    return
  }
  for (const src of sources) {
    for (const path of expand(project, context, src)) {
      if (isRepoDir(project, path)) stage.mounts.push({ dest: destPath, src: path, dir: true })
      else {
        stage.mounts.push({ dest: into(baseName(path)), src: path, dir: false })
        // `COPY start.sh /usr/local/bin` copies into a directory the base image already has
        if (!destIsDir) stage.mounts.push({ dest: containerPath(destPath, baseName(path)), src: path, dir: false })
      }
    }
  }
}

function copyArgs(ins: Instruction, lines: LineIndex): { from?: string; args: string[] } {
  const flags = (ins as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] }).getFlags()
  const from = flags.find((f) => f.getName() === 'from')?.getValue() ?? undefined
  const command = commandOf(ins, lines, 'sh', 'COPY')
  return { ...(from !== undefined && { from }), args: command?.exec ? command.words : ins.getArguments().map((a) => a.getValue()) }
}

/** `COPY --from=build /app/dist ./dist`: the repository files behind an earlier stage's path, at their new place */
function reroot(project: Project, mounts: Mount[], src: string, destPath: string, into: (name: string) => string): Mount[] {
  const out: Mount[] = []
  for (const m of mounts) {
    if (m.dest === src && !m.dir) out.push({ dest: into(baseName(src)), src: m.src, dir: false })
    else if (m.dest === src || m.dest.startsWith(src === '/' ? '/' : `${src}/`)) out.push({ dest: containerPath(destPath, m.dest.slice(src.length).replace(/^\//, '')), src: m.src, dir: m.dir })
    else if (m.dir && src.startsWith(m.dest === '/' ? '/' : `${m.dest}/`)) {
      const repo = joinPath(m.src, src.slice(m.dest.length + (m.dest === '/' ? 0 : 1)))
      if (repo === undefined) continue
      if (isRepoDir(project, repo)) out.push({ dest: destPath, src: repo, dir: true })
      else if (project.cache.exists(repo)) out.push({ dest: into(baseName(repo)), src: repo, dir: false })
    }
  }
  return out
}

/** a COPY source in the build context: a file, a directory, or a glob of either */
function expand(project: Project, context: string, src: string): string[] {
  const path = joinPath(context, src)
  if (path === undefined) return []
  if (!/[*?[]/.test(src)) return project.cache.exists(path) || isRepoDir(project, path) ? [path] : []
  const test = picomatch(path, { dot: true })
  return project.cache.files.list().filter((f) => test(f))
}

/** which directory holds the most COPY sources: the Dockerfile's own, or one above it */
function guessContext(project: Project, file: string, instructions: Instruction[], lines: LineIndex): string {
  const sources = instructions
    .filter((i) => i.getKeyword() === 'COPY' || i.getKeyword() === 'ADD')
    .map((i) => copyArgs(i, lines))
    .flatMap((c) => (c.from === undefined ? c.args.slice(0, -1) : []))
  let best = dirnameOf(file)
  let bestScore = -1
  for (let dir: string | undefined = best; dir !== undefined; dir = dir === '.' ? undefined : dirnameOf(dir)) {
    const score = sources.filter((s) => expand(project, dir!, s).length > 0).length
    if (score > bestScore) [best, bestScore] = [dir, score]
  }
  return best
}

// ---- the container file system ----

const EXEC_WRAPPER = /(^|\/)(tini|tini-static|dumb-init|gosu|su-exec|catatonit|init|s6-svscan|docker-entrypoint|entrypoint|pid1)$/
const PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']

/** the repository file at a container path, later COPYs winning */
export function resolveFile(project: Project, mounts: Mount[], path: string): string | undefined {
  for (let i = mounts.length - 1; i >= 0; i--) {
    const m = mounts[i]!
    if (!m.dir && m.dest === path && project.cache.exists(m.src)) return m.src
    if (m.dir && (m.dest === '/' || path.startsWith(`${m.dest}/`))) {
      const repo = joinPath(m.src, path.slice(m.dest === '/' ? 1 : m.dest.length + 1))
      if (repo !== undefined && project.cache.exists(repo)) return repo
    }
  }
  return undefined
}

/** repository files directly inside a container directory */
function listDir(project: Project, mounts: Mount[], dir: string): string[] {
  const out = new Set<string>()
  for (const m of mounts) {
    if (!m.dir && containerDirOf(m.dest) === dir && project.cache.exists(m.src)) out.add(m.src)
    if (m.dir && (m.dest === dir || dir.startsWith(m.dest === '/' ? '/' : `${m.dest}/`))) {
      const repo = joinPath(m.src, dir.slice(m.dest.length).replace(/^\//, ''))
      if (repo !== undefined) for (const f of project.cache.files.list()) if (dirnameOf(f) === repo) out.add(f)
    }
  }
  return [...out].sort()
}

/** the repository directory a container directory mirrors, for commands that name files relative to it */
export function repoDirOf(project: Project, mounts: Mount[], dir: string, fallback: string): string {
  for (let i = mounts.length - 1; i >= 0; i--) {
    const m = mounts[i]!
    if (m.dir && (m.dest === dir || dir.startsWith(m.dest === '/' ? '/' : `${m.dest}/`))) {
      const repo = joinPath(m.src, dir.slice(m.dest.length).replace(/^\//, ''))
      if (repo !== undefined && (repo === '.' || isRepoDir(project, repo))) return repo
    }
    const inside = m.dest.startsWith(dir === '/' ? '/' : `${dir}/`) ? m.dest.slice(dir === '/' ? 1 : dir.length + 1) : undefined
    if (inside && (m.src === inside || m.src.endsWith(`/${inside}`))) return m.src === inside ? '.' : m.src.slice(0, -inside.length - 1)
  }
  return fallback
}

const dirSets = new WeakMap<Project, Set<string>>()
function isRepoDir(project: Project, path: string): boolean {
  let dirs = dirSets.get(project)
  if (!dirs) {
    dirs = new Set(['.'])
    for (const f of project.cache.files.list()) for (let d = dirnameOf(f); d !== '.' && !dirs.has(d); d = dirnameOf(d)) dirs.add(d)
    dirSets.set(project, dirs)
  }
  return dirs.has(path)
}

export function containerPath(cwd: string, path: string): string {
  const parts = path.startsWith('/') ? [] : cwd.split('/').filter(Boolean)
  for (const piece of path.split('/')) {
    if (piece === '' || piece === '.') continue
    if (piece === '..') parts.pop()
    else parts.push(piece)
  }
  return `/${parts.join('/')}`
}

function containerDirOf(path: string): string {
  return path.slice(0, Math.max(path.lastIndexOf('/'), 1))
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/** `$X`, `${X}`, `${X:-default}`, `${X:+alt}` against the build's variables; undefined when one is unknown */
export function substitute(text: string, vars: Record<string, string>): string | undefined {
  let unknown = false
  const out = text.replace(/\$(?:\{(\w+)(?::?([-+])([^}]*))?\}|(\w+))/g, (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const value = vars[braced ?? bare ?? '']
    if (op === '-') return value === undefined || value === '' ? (word ?? '') : value
    if (op === '+') return value === undefined || value === '' ? '' : (word ?? '')
    if (value === undefined) unknown = true
    return value ?? ''
  })
  return unknown ? undefined : out
}

// ---- what runs when the container starts ----

/** where a container's commands run: its files, working directory and environment */
export interface Runtime {
  mounts: Mount[]
  workdir: string
  cwd: string
  env: Record<string, string>
}

export function runtimeOf(project: Project, context: string, stage: Stage): Runtime {
  return { mounts: stage.mounts, workdir: stage.workdir, cwd: repoDirOf(project, stage.mounts, stage.workdir, context), env: stage.env }
}


/**
 * ENTRYPOINT and CMD as the container runs them: a shell-form ENTRYPOINT ignores CMD; an exec-form
 * one gets CMD as arguments, so an entrypoint script runs CMD where it passes on `"$@"`.
 */
export function runtimeSteps(project: Project, config: SeedguardConfig, rt: Runtime, entrypoint: ImageCommand | undefined, cmd: ImageCommand | undefined): ContextStep[] {
  if (entrypoint && !entrypoint.exec) return commandSteps(project, config, rt, entrypoint)
  if (!entrypoint) return cmd ? commandSteps(project, config, rt, cmd) : []
  const script = scriptOf(project, rt, entrypoint.words)
  if (script) {
    const steps = scriptSteps(project, config, rt, entrypoint, script)
    if (cmd && /\$\{?[@*1]/.test(project.cache.get(script)!.text)) steps.push(...commandSteps(project, config, rt, cmd))
    return steps
  }
  // `ENTRYPOINT ["npm", "run"]` + `CMD ["start"]` is one command line; an init (`tini --`) or a base
  // image's entrypoint script (`docker-entrypoint.sh`) runs CMD as a command of its own
  const wrapper = EXEC_WRAPPER.test(entrypoint.words[0] ?? '') || /\.sh$/.test(entrypoint.words[0] ?? '')
  if (cmd?.argv && entrypoint.argv && cmd.source.file === entrypoint.source.file && !wrapper) {
    const lines = project.cache.get(cmd.source.file)!
    const argv = [...entrypoint.argv, ...cmd.argv]
    const joined = shellSourceOfArgv(argv, lines)
    // keyed at the ENTRYPOINT instruction, so it never shares a parse with ENTRYPOINT's own text
    const source: ShellSource = { ...joined, text: ` ${joined.text}`, offsets: (i) => (i === 0 ? entrypoint.at : joined.offsets(i - 1)) }
    return commandSteps(project, config, rt, { ...entrypoint, label: `${entrypoint.label} + ${cmd.label}`, words: argv.map((a) => a.value), argv, source })
  }
  return [...commandSteps(project, config, rt, entrypoint), ...(cmd ? commandSteps(project, config, rt, cmd) : [])]
}

function commandSteps(project: Project, config: SeedguardConfig, rt: Runtime, command: ImageCommand): ContextStep[] {
  const script = scriptOf(project, rt, command.words)
  if (script) return scriptSteps(project, config, rt, command, script)
  return [{ label: command.label, span: command.span, source: command.source, cwd: rt.cwd, env: rt.env, reasons: envVarReasons(rt.env, config, command.span) }]
}

/** a script the command runs, found through the image's files: `/app/entrypoint.sh`, `docker-entrypoint` on PATH, `sh init.sh` */
function scriptOf(project: Project, rt: Runtime, words: string[]): string | undefined {
  const [first, second] = words
  if (first === undefined) return undefined
  const viaShell = /^(\/bin\/|\/usr\/bin\/)?(sh|bash|ash|dash)$/.test(first)
  const target = viaShell ? second : first
  if (target === undefined || target.startsWith('-')) return undefined
  const candidates = target.startsWith('/') ? [target] : target.includes('/') || viaShell ? [containerPath(rt.workdir, target)] : PATH.map((d) => `${d}/${target}`)
  const path = candidates.map((c) => resolveFile(project, rt.mounts, c)).find((p) => p !== undefined) ?? (viaShell || target.includes('/') ? joinPath(rt.cwd, target) : undefined)
  const text = path === undefined ? undefined : project.cache.get(path)?.text
  if (text === undefined) return undefined
  return viaShell || /\.(sh|bash)$/.test(path!) || /^#!.*\b(ba|da|a)?sh\b/.test(text) ? path : undefined
}

/** the script as a step of its own, and the scripts it runs from a directory (`for f in /app/init.d/*.sh`) */
function scriptSteps(project: Project, config: SeedguardConfig, rt: Runtime, command: ImageCommand, path: string): ContextStep[] {
  const text = project.cache.get(path)!.text
  const step = (file: string, label: string): ContextStep => ({ label, span: command.span, source: { text: project.cache.get(file)!.text, offsets: (i) => i, file, shell: 'bash' }, cwd: rt.cwd, env: rt.env, reasons: envVarReasons(rt.env, config, command.span) })
  const steps = [step(path, `${command.label} runs ${path}`)]
  for (const match of text.matchAll(/(?:\bin|run-parts)\s+["']?(\/[\w.@/-]+?)\/?(?:\*([\w.]*))?["']?(?=[\s;]|$)/gm)) {
    const suffix = match[2] ?? ''
    for (const file of listDir(project, rt.mounts, containerPath('/', match[1]!))) {
      const shell = /\.(sh|bash)$/.test(file) || /^#!.*\b(ba|da|a)?sh\b/.test(project.cache.get(file)?.text ?? '')
      if (file !== path && file.endsWith(suffix) && shell) steps.push(step(file, `${path} runs every script in ${match[1]}: ${file}`))
    }
  }
  return steps
}

/** a platform start command (Railway `startCommand`, Render `dockerCommand`) in place of CMD */
function platformCommand(project: Project, use: ImageUse): ImageCommand {
  const source = use.command!.source
  const lines = project.cache.get(source.file)!
  const span = lines.span(source.offsets(0), source.offsets(source.text.length - 1) + 1)
  const words = /[;&|<>()`$\\"'\n]/.test(source.text.trim()) ? [] : source.text.trim().split(/\s+/)
  return { label: use.command!.label, exec: false, words, source, span, at: span.start.offset }
}

function dedupeSteps(steps: ContextStep[]): ContextStep[] {
  const seen = new Set<string>()
  return steps.filter((s) => {
    const key = `${s.source?.file}@${s.source?.offsets(0)}@${s.source?.text.length}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
