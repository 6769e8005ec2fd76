import type { LeafCommand } from '../model/command.js'
import type { PackageScript } from '../project/packages.js'
import type { Project } from '../project/project.js'
import { matchSeed, matchWipe } from '../seeds/index.js'
import { parseShell, type ShellWord } from '../shell/parse.js'
import { resolveRunner } from '../shell/runners/index.js'
import { unwrap } from '../shell/wrappers.js'

/** What `init --guard-seeds` puts before a seed or reset command. */
export const GUARD_PREFIX = 'seedguard guard -- '

/** A command that seeds or resets, where the project defines it, and where the guard goes. */
export interface SeedEntryPoint {
  file: string
  /** `scripts.seed`, `prisma.seed`, `migrations.seed` */
  where: string
  /** the command as written, for messages */
  command: string
  /** the file offset GUARD_PREFIX is inserted at: the command's first word, after its `VAR=x` prefixes */
  offset: number
}

/**
 * The root package's seed and reset entry points: each command of a package.json script that the
 * seed catalogue (src/seeds/) recognises as a seed or a wipe, and every command of the seed Prisma
 * runs (package.json `prisma.seed`, prisma.config.* `migrations.seed`: a seed by definition). A
 * command already wrapped by `seedguard guard` is left out, and so is one that runs another script
 * of the package: that script is an entry point of its own.
 */
export function findSeedEntryPoints(project: Project): SeedEntryPoint[] {
  const pkg = project.packageFor('.')
  const found: SeedEntryPoint[] = []
  for (const [name, script] of pkg?.scripts ?? []) found.push(...entriesOf(script, `scripts.${name}`, project, (words, leaf) => seedsOrWipes(words, leaf, project)))
  const all = () => true
  if (pkg?.prismaSeed) found.push(...entriesOf(pkg.prismaSeed, 'prisma.seed', project, all))
  for (const [file, facts] of project.prismaConfigs ?? []) if (facts.seed && !file.includes('/')) found.push(...entriesOf(facts.seed, 'migrations.seed', project, all))
  return found
}

function entriesOf(script: PackageScript, where: string, project: Project, wanted: (words: ShellWord[], leaf: LeafCommand) => boolean): SeedEntryPoint[] {
  const lines = project.cache.get(script.source.file)
  if (!lines) return []
  const out: SeedEntryPoint[] = []
  for (const command of parseShell(script.source, lines, '.').commands) {
    const first = command.words[0]
    if (!first) continue
    const { words, env, runtimeGuard } = unwrap(command.words)
    if (runtimeGuard) continue
    const leaf: LeafCommand = { argv: words.map((w) => w.value), env: { ...command.assignments, ...env }, cwd: '.' }
    if (!wanted(words, leaf)) continue
    out.push({ file: script.source.file, where, command: command.words.map((w) => w.value).join(' '), offset: first.span.start.offset })
  }
  return out
}

function seedsOrWipes(words: ShellWord[], leaf: LeafCommand, project: Project): boolean {
  const runs = resolveRunner(words, { cwd: '.', project })
  // `npm run seed`: the script it runs is judged, and wrapped, on its own
  if (runs?.some((r) => r.kind === 'script')) return false
  const exec = runs?.find((r) => r.kind === 'exec')
  const inner = exec?.kind === 'exec' ? { ...leaf, argv: unwrap(exec.words).words.map((w) => w.value) } : leaf
  return matchSeed(inner, project) !== undefined || matchWipe(inner, project) !== undefined
}
