// https://hexdocs.pm/phoenix/releases.html#ecto-migrations-and-custom-commands
import type { Hop } from '../model/finding.js'
import type { Span } from '../model/span.js'
import type { Project } from '../project/project.js'
import { joinPath } from '../util/paths.js'
import { basename, flagValue, isSeedName, isSeedPath, positionals } from './argv.js'
import type { SeedMatch, SeedTool } from './types.js'

// what `mix phx.new` generates: ecto.setup runs priv/repo/seeds.exs, ecto.reset and setup run ecto.setup
const GENERATED: Record<string, SeedMatch> = {
  'ecto.setup': { confidence: 'high', note: "Phoenix's generated `ecto.setup` alias runs priv/repo/seeds.exs" },
  'ecto.reset': { confidence: 'high', note: "Phoenix's generated `ecto.reset` alias drops the database and runs ecto.setup" },
  setup: { confidence: 'medium', note: "Phoenix's generated `setup` alias runs ecto.setup" },
}

/** One `mix.exs` alias: where it is, and each task of its list with the place of its string. */
interface Alias {
  span: Span
  tasks: { task: string; span: Span }[]
}

/** The project's `mix.exs` aliases (`"ecto.setup": ["ecto.create", "run priv/repo/seeds.exs"]`), undefined when unreadable. */
function readAliases(project: Project, file: string): Map<string, Alias> | undefined {
  const lines = project.cache.get(file)
  if (!lines) return undefined
  const from = Math.max(0, lines.text.indexOf('defp aliases'))
  const aliases = new Map<string, Alias>()
  for (const m of lines.text.slice(from).matchAll(/(?:"([\w.:-]+)"|\b([a-z_][\w.]*)):\s*(\[[^\]]*\]|"[^"]*")/g)) {
    const at = from + m.index
    const list = at + m[0].length - m[3]!.length
    const tasks = [...m[3]!.matchAll(/"([^"]*)"/g)].map((t) => ({ task: t[1]!.trim(), span: lines.span(list + t.index, list + t.index + t[0].length) }))
    aliases.set(m[1] ?? m[2]!, { span: lines.span(at, at + m[0].length), tasks })
  }
  return aliases
}

/**
 * The way a mix task (with its arguments) reaches a seeds script through the aliases: a hop per
 * alias and one at the `run …seeds.exs` entry; `more` when an alias on the way does anything else.
 */
function seedsVia(task: string, aliases: Map<string, Alias>, seen: Set<string>, file: string): { hops: Hop[]; more: boolean } | undefined {
  const [name = ''] = task.split(/\s+/)
  const alias = aliases.get(name)
  if (seen.has(name) || !alias) return undefined
  seen.add(name)
  for (const entry of alias.tasks) {
    const [inner = '', ...innerArgs] = entry.task.split(/\s+/)
    const seeds = inner === 'run' && innerArgs.some((a) => a.endsWith('.exs') && isSeedPath(a))
    const via = seeds ? { hops: [{ span: entry.span, label: `\`${entry.task}\`` }], more: false } : seedsVia(entry.task, aliases, seen, file)
    if (via) return { hops: [{ span: alias.span, label: `${file} alias \`${name}\`` }, ...via.hops], more: via.more || alias.tasks.length > 1 }
  }
  return undefined
}

/** whether a mix task drops the database: `ecto.drop` itself, or an alias (the project's, else the generated `ecto.reset`) that runs it */
function dropsVia(task: string, aliases: Map<string, Alias> | undefined, seen: Set<string>): boolean {
  const [name = ''] = task.split(/\s+/)
  if (name === 'ecto.drop') return true
  if (seen.has(name)) return false
  seen.add(name)
  const alias = aliases?.get(name)
  if (!alias) return name === 'ecto.reset'
  return alias.tasks.some((entry) => dropsVia(entry.task, aliases, seen))
}

/**
 * The Elixir a release runs by name: `bin/app eval "Mod.fun()"` and `rpc` (Mix releases,
 * https://hexdocs.pm/mix/Mix.Tasks.Release.html#module-one-off-commands-eval-and-rpc), Distillery's
 * `bin/app command Mod fun` and `release_ctl eval --mfa "Mod.fun/1"` of its custom commands
 * (https://hexdocs.pm/distillery/guides/running_migrations.html).
 */
function releaseCall(argv: readonly string[]): string | undefined {
  if (basename(argv[0] ?? '') === 'release_ctl') return argv[1] === 'eval' ? (flagValue(argv.slice(2), ['--mfa']) ?? positionals(argv.slice(2), ['--mfa'])[0]) : undefined
  if (argv[1] === 'eval') return argv[2]
  // `rpc` and `command` are words other tools use too: only a release's start script (`bin/<name>`) is read so
  if (!/(?:^|\/)bin\/[^/]+$/.test(argv[0] ?? '')) return undefined
  if (argv[1] === 'rpc') return argv[2]
  return argv[1] === 'command' && argv[2] !== undefined && argv[3] !== undefined ? `${argv[2]}.${argv[3]}` : undefined
}

/** the call names seeding: `Release.seed`, `Tasks.migrate_and_seed()`, `Seeds.run`, `seed!`, or it evaluates a seeds.exs */
function callSeeds(call: string): boolean {
  if (/seeds\.exs/i.test(call)) return true
  const names = call.split(/[^\w!?]+/).map((name) => name.replace(/[!?]$/, ''))
  return names.some((name) => name.split('_').some(isSeedName))
}

const ecto: SeedTool = {
  id: 'ecto',
  title: 'Ecto',
  docs: 'https://hexdocs.pm/phoenix/releases.html#ecto-migrations-and-custom-commands',
  environmentVariable: 'MIX_ENV',
  match: ({ argv, cwd }, project) => {
    // a release: `bin/app eval "MyApp.Release.seed()"` (mix_deploy ships such a seed function); known by its name only
    const call = releaseCall(argv)
    if (call !== undefined && callSeeds(call)) return { confidence: 'medium', note: `the release runs \`${call}\`` }
    if (argv[0] !== 'mix') return undefined
    const [task, script] = positionals(argv.slice(1))
    if (task === undefined) return undefined
    if (task === 'run') return script !== undefined && script.endsWith('.exs') && isSeedPath(script) ? { confidence: 'high' } : undefined
    const file = joinPath(cwd, 'mix.exs') ?? 'mix.exs'
    const aliases = readAliases(project, file)
    if (aliases?.has(task)) {
      const within = seedsVia(task, aliases, new Set(), file)
      return within && { confidence: 'high', note: `the mix.exs alias \`${task}\` runs the seeds`, within }
    }
    return GENERATED[task]
  },
  // `ecto.drop` drops the repository's storage (https://hexdocs.pm/ecto/Mix.Tasks.Ecto.Drop.html), and so
  // does an alias that runs it: the generated `ecto.reset` is ["ecto.drop", "ecto.setup"]
  wipes: ({ argv, cwd }, project) => {
    if (argv[0] !== 'mix') return undefined
    const [task] = positionals(argv.slice(1))
    if (task === undefined) return undefined
    const aliases = readAliases(project, joinPath(cwd, 'mix.exs') ?? 'mix.exs')
    return dropsVia(task, aliases, new Set()) ? { confidence: 'high', note: task === 'ecto.drop' ? '`ecto.drop` drops the database' : `\`${task}\` runs ecto.drop, which drops the database` } : undefined
  },
  migrates: ({ argv }) => (argv[0] === 'mix' && argv[1] === 'ecto.migrate') || /\.migrate\b/.test(releaseCall(argv) ?? ''),
}
export default ecto
