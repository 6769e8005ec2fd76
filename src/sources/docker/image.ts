// https://docs.docker.com/reference/dockerfile/
// A Dockerfile read into stages, cached per project: the model the Dockerfile and compose readers both judge.
import { DockerfileParser, type Instruction } from 'dockerfile-ast'
import { classifyEnvironmentName } from '../../production/evidence.js'
import type { SeedguardConfig } from '../../config/types.js'
import type { ShellKind } from '../../model/context.js'
import { RUNTIME_ENV_VARIABLES } from '../../model/runtime.js'
import type { Span } from '../../model/span.js'
import type { Problem } from '../types.js'
import type { Project } from '../../project/project.js'
import { basenameOf, dirnameOf } from '../../util/paths.js'
import { baseWorkdir } from './base-images.js'
import { commandOf } from './commands.js'
import { containerPath, substitute } from './container-paths.js'
import { copyInto, guessContext } from './copies.js'
import { inlineDockerfileOf } from './inline-dockerfile.js'
import { recordCopyHeredocs, recordRunWrites, unshadowed } from './written-files.js'
import type { Image, Stage } from './types.js'

const KEYWORDS = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'])

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
  // what the guessed context gives is what naming that context gives: the Dockerfile reader asks both ways
  if (context === undefined && !cache.has(`${file}|${image.context}`)) cache.set(`${file}|${image.context}`, image)
  return image
}

function parseImage(project: Project, file: string, givenContext: string | undefined): Image {
  const inline = inlineDockerfileOf(project, file)
  const lines = inline && 'lines' in inline ? inline.lines : inline ? undefined : project.cache.get(file)
  const none: Image = { file, context: givenContext ?? dirnameOf(file), stages: [] }
  if (!lines) return none
  const instructions = DockerfileParser.parse(lines.text).getInstructions()
  const at = (pos: { line: number; character: number }): number => lines.lineStart(pos.line + 1) + pos.character
  const spanOf = (ins: Instruction): Span => lines.span(at(ins.getRange().start), at(ins.getRange().end))
  let seenFrom = false
  // Docker refuses an unknown instruction, or one before the first FROM (https://docs.docker.com/reference/dockerfile/#format):
  // the build fails before anything in the file runs. A BuildKit frontend of its own (`# syntax=…`,
  // https://docs.docker.com/build/buildkit/frontend/) may define other instructions: seedguard does not know them
  const refused = (message: string, span: Span): Problem =>
    ownFrontend(lines.text) ? { rule: 'parse-error', message, span } : { rule: 'parse-error', message: `${message}; Docker rejects the file too, so no image is built and nothing in it runs`, span, severity: 'warning' }
  for (const ins of instructions) {
    const keyword = ins.getKeyword()
    if (!KEYWORDS.has(keyword)) return { ...none, problem: refused(`unknown instruction \`${ins.getInstruction()}\``, lines.span(at(ins.getInstructionRange().start), at(ins.getInstructionRange().end))) }
    seenFrom ||= keyword === 'FROM'
    if (!seenFrom && keyword !== 'ARG') return { ...none, problem: refused(`\`${ins.getInstruction()}\` before the first FROM: Docker needs a FROM first`, spanOf(ins)) }
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
      const inherited = parent
        ? { base: parent.base, workdir: parent.workdir, env: { ...parent.env }, envAt: { ...parent.envAt }, buildEnv: { ...parent.env }, mounts: [...parent.mounts], written: [...parent.written], ...(parent.cmd && { cmd: parent.cmd }), ...(parent.entrypoint && { entrypoint: parent.entrypoint }), ...(parent.shellless && { shellless: true as const }) }
        : { base, workdir: baseWorkdir(base), env: {}, envAt: {}, buildEnv: {}, mounts: [], written: [], ...(base === 'scratch' && { shellless: true as const }) }
      stage = { index: stages.length, span: spanOf(ins), runs: [], needs: parent ? [parent.index] : [], ...inherited, ...(name !== undefined && { name }) }
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
        if (keyword === 'ENV') {
          stage.env[p.getName()] = value
          stage.envAt[p.getName()] = spanOf(ins)
        }
      }
    } else if (keyword === 'WORKDIR') {
      // the path is one shell word: `WORKDIR "/app"` (what `mix phx.gen.release --docker` writes) is /app
      // (https://docs.docker.com/reference/dockerfile/#environment-replacement)
      const dir = substitute(unquoted(args().join(' ')), stage.buildEnv)
      if (dir) stage.workdir = containerPath(stage.workdir, dir)
    } else if (keyword === 'COPY' || keyword === 'ADD') {
      const from = stageNamed(stages, flagsOf(ins).find((f) => f.name === 'from')?.value)
      if (from) stage.needs.push(from.index)
      if (recordCopyHeredocs(ins, lines, stage)) continue
      const copied = stage.mounts.length
      copyInto(project, stage, stages, ins, lines, context, spanOf(ins))
      stage.written = unshadowed(project, stage.written, stage.mounts.slice(copied))
    } else if (keyword === 'SHELL') {
      const argv = commandOf(ins, lines, 'sh', 'SHELL')?.words[0] ?? ''
      shell = /(^|\/)(ba)?sh$/.test(argv) ? (argv.endsWith('bash') ? 'bash' : 'sh') : /pwsh|powershell|cmd/i.test(argv) ? 'pwsh' : 'other'
    } else if (keyword === 'CMD' || keyword === 'ENTRYPOINT' || keyword === 'RUN') {
      const command = commandOf(ins, lines, shell, keyword)
      if (!command) continue
      if (keyword === 'RUN') {
        const mounts = flagsOf(ins).filter((f) => f.name === 'mount').map((f) => mountOptions(f.value))
        // `--mount=from=build` reads that stage's files, so BuildKit builds it first
        for (const m of mounts) {
          const from = stageNamed(stages, m.from)
          if (from) stage.needs.push(from.index)
        }
        const secrets = mounts.filter((m) => m.type === 'secret' && (m.id ?? m.target) !== undefined).map((m) => ({ id: m.id ?? basenameOf(m.target!), ...(m.env !== undefined && { env: m.env }) }))
        const run = { ...command, workdir: stage.workdir, env: { ...stage.buildEnv }, args: [...declared], ...(secrets.length > 0 && { secrets }) }
        stage.runs.push(run)
        recordRunWrites(run, lines, stage)
      }
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

/** a `# syntax=` parser directive naming a frontend other than Docker's own `docker/dockerfile` */
function ownFrontend(text: string): boolean {
  const frontend = /^#\s*syntax\s*=\s*(\S+)/im.exec(text.split(/\n(?!\s*#)/)[0] ?? '')?.[1]
  return frontend !== undefined && !/^(docker\.io\/)?docker\/dockerfile(:|@|$)/.test(frontend)
}

/** an instruction's `--name=value` flags */
function flagsOf(ins: Instruction): { name: string; value: string }[] {
  return (ins as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] }).getFlags().map((f) => ({ name: f.getName(), value: f.getValue() ?? '' }))
}

/** `type=secret,id=db,env=DATABASE_URL`: a RUN mount's comma-separated options (https://docs.docker.com/reference/dockerfile/#run---mount) */
function mountOptions(value: string): Record<string, string | undefined> {
  const options: Record<string, string | undefined> = { type: 'bind' }
  for (const part of value.split(',')) {
    const eq = part.indexOf('=')
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase()
    // `dst` and `destination` are aliases of `target`
    options[key === 'dst' || key === 'destination' ? 'target' : key] = eq < 0 ? 'true' : part.slice(eq + 1).trim()
  }
  return options
}

/** `--from=build` or `--from=0`: an earlier stage by name or index; anything else is an image */
function stageNamed(stages: Stage[], from: string | undefined): Stage | undefined {
  if (from === undefined) return undefined
  return /^\d+$/.test(from) ? stages[Number(from)] : stages.find((s) => s.name !== undefined && s.name.toLowerCase() === from.toLowerCase())
}

interface PropertyLike {
  getProperties(): { getName(): string; getValue(): string | null }[]
}

/** what says a stage is a production image: its name, or a runtime variable set to production */
export function productionMarker(stage: Stage, config: SeedguardConfig): string | undefined {
  if (stage.name && classifyEnvironmentName(stage.name, config) === 'production') return `stage \`${stage.name}\``
  const name = RUNTIME_ENV_VARIABLES.find((n) => stage.env[n] !== undefined && classifyEnvironmentName(stage.env[n]!, config) === 'production')
  return name ? `${name}=${stage.env[name]}` : undefined
}

export function stageOf(image: Image, target: string | undefined): Stage | undefined {
  if (target === undefined) return image.stages.at(-1)
  return image.stages.find((s) => s.name?.toLowerCase() === target.toLowerCase())
}

/** a Dockerfile word without its quotes: `"/app"` and `'/app'` are /app */
function unquoted(word: string): string {
  return word.replace(/"([^"]*)"|'([^']*)'/g, (_m, double: string | undefined, single: string | undefined) => double ?? single ?? '')
}
