// https://hexdocs.pm/phoenix/releases.html#ecto-migrations-and-custom-commands
import type { Project } from '../project/project.js'
import { joinPath } from '../util/paths.js'
import { isSeedPath, positionals } from './argv.js'
import type { SeedMatch, SeedTool } from './types.js'

// what `mix phx.new` generates: ecto.setup runs priv/repo/seeds.exs, ecto.reset and setup run ecto.setup
const GENERATED: Record<string, SeedMatch> = {
  'ecto.setup': { confidence: 'high', note: "Phoenix's generated `ecto.setup` alias runs priv/repo/seeds.exs" },
  'ecto.reset': { confidence: 'high', note: "Phoenix's generated `ecto.reset` alias drops the database and runs ecto.setup" },
  setup: { confidence: 'medium', note: "Phoenix's generated `setup` alias runs ecto.setup" },
}

/** The project's `mix.exs` aliases (`"ecto.setup": ["ecto.create", "run priv/repo/seeds.exs"]`), undefined when unreadable. */
function readAliases(project: Project, cwd: string): Map<string, string[]> | undefined {
  const text = project.cache.get(joinPath(cwd, 'mix.exs') ?? 'mix.exs')?.text
  if (text === undefined) return undefined
  const body = text.slice(Math.max(0, text.indexOf('defp aliases')))
  const aliases = new Map<string, string[]>()
  for (const m of body.matchAll(/(?:"([\w.:-]+)"|\b([a-z_][\w.]*)):\s*(\[[^\]]*\]|"[^"]*")/g)) {
    aliases.set(m[1] ?? m[2]!, [...m[3]!.matchAll(/"([^"]*)"/g)].map((s) => s[1]!.trim()))
  }
  return aliases
}

/** Whether a mix task (with its arguments) runs a seeds script, following aliases. */
function seedsVia(task: string, aliases: Map<string, string[]>, seen: Set<string>): boolean {
  const [name = '', ...args] = task.split(/\s+/)
  if (name === 'run') return args.some((a) => a.endsWith('.exs') && isSeedPath(a))
  if (seen.has(name)) return false
  seen.add(name)
  return (aliases.get(name) ?? []).some((t) => seedsVia(t, aliases, seen))
}

const ecto: SeedTool = {
  id: 'ecto',
  title: 'Ecto',
  docs: 'https://hexdocs.pm/phoenix/releases.html#ecto-migrations-and-custom-commands',
  match: ({ argv, cwd }, project) => {
    // a release: `bin/app eval "MyApp.Release.seed()"` (mix_deploy ships such a seed function)
    if (argv[1] === 'eval' && /\.seeds?\b|seeds\.exs/i.test(argv[2] ?? '')) return { confidence: 'medium', note: `the release evaluates \`${argv[2]}\`` }
    if (argv[0] !== 'mix') return undefined
    const [task, script] = positionals(argv.slice(1))
    if (task === undefined) return undefined
    if (task === 'run') return script !== undefined && script.endsWith('.exs') && isSeedPath(script) ? { confidence: 'high' } : undefined
    const aliases = readAliases(project, cwd)
    if (aliases?.has(task)) return seedsVia(task, aliases, new Set()) ? { confidence: 'high', note: `the mix.exs alias \`${task}\` runs the seeds` } : undefined
    return GENERATED[task]
  },
  migrates: ({ argv }) => (argv[0] === 'mix' && argv[1] === 'ecto.migrate') || (argv[1] === 'eval' && /\.migrate\b/.test(argv[2] ?? '')),
}
export default ecto
