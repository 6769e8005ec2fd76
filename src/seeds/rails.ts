// https://guides.rubyonrails.org/active_record_migrations.html#migrations-and-seed-data
import type { LeafCommand } from '../model/command.js'
import type { Hop } from '../model/finding.js'
import { isSeedPath, stripBundleExec } from './argv.js'
import { joinPath } from '../util/paths.js'
import type { Project } from '../project/project.js'
import type { RakeTask } from './facts/rake-tasks.js'
import type { Guard } from '../model/guard.js'
import { parseYamlOf, YamlView } from '../util/yaml.js'
import type { SeedMatch, SeedTool, WipeMatch } from './types.js'

const RUNNERS = new Set(['rails', 'rake', 'bin/rails', 'bin/rake', './bin/rails', './bin/rake'])
const SEEDING = new Set(['db:seed', 'db:seed:replant', 'db:setup', 'db:reset'])
const MIGRATING = new Set(['db:migrate', 'db:schema:load', 'db:prepare'])
// https://guides.rubyonrails.org/active_record_migrations.html#setup-the-database and #resetting-the-database;
// db/schema.rb creates each table with `force: :cascade`, dropping the one there
const WIPING: Record<string, string> = {
  'db:drop': 'db:drop drops the database',
  'db:purge': 'db:purge empties the database',
  'db:reset': 'db:reset drops the database and loads the schema again',
  'db:schema:load': 'db:schema:load recreates every table of the schema, dropping its rows',
  'db:setup': 'db:setup loads the schema, recreating every table of an existing database',
  'db:seed:replant': 'db:seed:replant truncates every table',
}
const CHECK_DISABLED = 'DISABLE_DATABASE_ENVIRONMENT_CHECK'
// db:prepare: 6.0–7.0 seed a database that did not exist; 7.1+ also an existing empty one; 8.0+ only
// configs with `seeds: true` (the primary by default). An initialized database is not re-seeded (rails#50272).
const PREPARE_NOTE = 'db:prepare seeds only a database that is missing (Rails 7.1+: or still empty), as on a first deploy'

/**
 * What db/seeds.rb of the Rails app the command runs in holds: `absent` when the app has none, or
 * `empty` when it is only comments (the generator's seeds.rb), since `load_seed` loads the file only
 * if it exists (Rails::Engine#load_seed). Undefined when the command's directory is not a Rails app the
 * repository holds (config/application.rb): then nothing is known about its seeds.
 */
function seedsFileOf(cmd: LeafCommand, project: Project): 'absent' | 'empty' | 'code' | undefined {
  const at = (path: string) => joinPath(cmd.cwd, path)
  const application = at('config/application.rb')
  if (application === undefined || !project.cache.exists(application)) return undefined
  const seeds = at('db/seeds.rb')
  const text = seeds === undefined ? undefined : project.cache.get(seeds)?.text
  if (text === undefined) return 'absent'
  const code = text.replace(/^=begin\b[\s\S]*?^=end\b.*$/gm, '').split('\n').filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
  return code.length === 0 ? 'empty' : 'code'
}

/**
 * The tests db/seeds.rb opens with (facts/rails-seeds.ts): db:seed and db:prepare load that file and
 * nothing else of the project's, so it writes only where they hold. db:seed:replant, db:setup and
 * db:reset truncate or recreate the database first whatever the file tests.
 */
function seedsGuards(cmd: LeafCommand, project: Project): { guards: Guard[] } | undefined {
  const seeds = joinPath(cmd.cwd, 'db/seeds.rb')
  const guards = seeds === undefined ? undefined : project.seedScriptGuards?.get(seeds)
  return guards && { guards }
}

/**
 * The production database's file, where config/database.yml of the command's app gives production
 * (its primary, in a multi-database config) the sqlite3 adapter and no `url:`: Rails 8's default
 * (https://guides.rubyonrails.org/configuring.html#configuring-a-database). The file does not exist
 * on the first start of a new container or volume, so db:prepare creates it and loads the seeds.
 * Undefined where the file says otherwise or cannot be read (ERB that is not YAML).
 */
function productionSqliteFile(cmd: LeafCommand, project: Project): string | undefined {
  const file = joinPath(cmd.cwd, 'config/database.yml')
  const lines = file === undefined ? undefined : project.cache.get(file)
  if (!lines) return undefined
  const { doc, error } = parseYamlOf(lines)
  if (error) return undefined
  const view = new YamlView(doc, lines)
  const production = view.get(view.root, 'production')
  const primary = view.get(production, 'adapter') ? production : view.get(production, 'primary')
  if (view.get(primary, 'url') || view.string(view.get(primary, 'adapter')) !== 'sqlite3') return undefined
  return view.string(view.get(primary, 'database')) ?? 'a SQLite file'
}

/** The tasks of `rails a b`, without `VAR=value` arguments and flags; `bundle exec` and `ruby bin/rails` lead in. */
function tasksOf({ argv }: LeafCommand): string[] {
  let args = stripBundleExec(argv)
  if (args[0] === 'ruby') args = args.slice(1)
  if (!RUNNERS.has(args[0] ?? '')) return []
  return args.slice(1).filter((a) => !a.startsWith('-') && !a.includes('='))
}

/**
 * `rails db:migrate db:seed` runs its tasks in order, each on its own: the seed can leave while the
 * migration stays. The tasks that load seeds.rb with the schema (db:setup, db:reset) cannot be split.
 */
function takeApart(argv: readonly string[], tasks: string[]): { apart: { keep: string; seed: string } } | undefined {
  const seeds = new Set<string>(tasks.filter((t) => t === 'db:seed' || t === 'db:seed:replant'))
  if (seeds.size === 0 || tasks.some((t) => SEEDING.has(t) && !seeds.has(t)) || tasks.every((t) => seeds.has(t))) return undefined
  const others = new Set(tasks.filter((t) => !seeds.has(t)))
  return { apart: { keep: argv.filter((a) => !seeds.has(a)).join(' '), seed: argv.filter((a) => !others.has(a)).join(' ') } }
}

type Hit = { run: RakeTask['runs'][number]; guards: Guard[]; hops: Hop[]; more: boolean }

/**
 * the project's own rake task (lib/tasks/*.rake) that runs db:seed, directly or through another
 * task, with a hop for each task on the way; `more` when one of them also migrates or runs code of
 * its own. The conditions on the way (`unless Rails.env.production?`) become guards the analysis
 * judges with the path's environment.
 */
function matchProjectTask(tasks: string[], project: Project): SeedMatch | undefined {
  const known = project.rakeTasks
  if (!known) return undefined
  const seen = new Set<string>()
  const find = (name: string, guards: Guard[]): Hit | undefined => {
    const task = known.get(name)
    if (seen.has(name) || !task) return undefined
    seen.add(name)
    let guarded: Hit | undefined
    // an unconditional seed anywhere in the task decides; a guarded one only if nothing else does
    for (const run of task.runs) {
      const under = [...guards, ...run.guards]
      const inner: Hit | undefined = SEEDING.has(run.task) ? { run, guards: under, hops: [{ span: run.span, label: `\`${run.task}\`` }], more: false } : find(run.task, under)
      // `:environment` only loads the app
      const hit = inner && { ...inner, hops: [{ span: task.span, label: `${task.span.file} task \`${name}\`` }, ...inner.hops], more: inner.more || task.ownCode || task.runs.some((r) => r !== run && r.task !== 'environment') }
      if (hit && hit.guards.length === 0) return hit
      guarded ??= hit
    }
    return guarded
  }
  for (const task of tasks) {
    const hit = find(task, [])
    if (!hit) continue
    const note = `rake task \`${task}\` runs ${hit.run.task}${hit.guards.length > 0 ? ' under a condition' : ''}`
    return { confidence: 'high', note, within: { hops: hit.hops, more: hit.more }, ...(hit.guards.length > 0 && { guards: hit.guards }) }
  }
  return undefined
}

/**
 * Since Rails 5 these tasks refuse a database whose recorded environment is production
 * (ActiveRecord::ProtectedEnvironmentError) unless DISABLE_DATABASE_ENVIRONMENT_CHECK is set to
 * anything, in the environment or as a task argument (DatabaseTasks.check_protected_environments!,
 * https://api.rubyonrails.org/classes/ActiveRecord/Tasks/DatabaseTasks.html). A database not yet
 * migrated as production, or a first deploy's empty one, is wiped all the same.
 */
function wipesTasks(cmd: LeafCommand): WipeMatch | undefined {
  const task = tasksOf(cmd).find((t) => Object.hasOwn(WIPING, t))
  if (task === undefined) return undefined
  const disabled = cmd.env[CHECK_DISABLED] !== undefined || stripBundleExec(cmd.argv).some((a) => a.startsWith(`${CHECK_DISABLED}=`))
  if (disabled) return { confidence: 'high', note: `${WIPING[task]!}, with ${CHECK_DISABLED} set: Rails does not refuse it on a production database` }
  return { confidence: 'low', note: `${WIPING[task]!}; Rails refuses it on a database recorded as production unless ${CHECK_DISABLED} is set, and wipes any other` }
}

const rails: SeedTool = {
  id: 'rails',
  title: 'Rails',
  docs: 'https://guides.rubyonrails.org/active_record_migrations.html#migrations-and-seed-data',
  environmentVariable: 'RAILS_ENV',
  match: (cmd, project) => {
    const tasks = tasksOf(cmd)
    const task = tasks.find((t) => SEEDING.has(t))
    if (task) return { confidence: 'high', note: task === 'db:seed' ? undefined : `${task} loads db/seeds.rb`, ...takeApart(cmd.argv, tasks), ...(task === 'db:seed' && seedsGuards(cmd, project)) }
    const runner = tasks.indexOf('runner')
    const script = runner >= 0 ? tasks[runner + 1] : undefined
    if (script !== undefined && isSeedPath(script)) return { confidence: 'high', note: `\`rails runner\` runs ${script}` }
    if (tasks.includes('db:prepare')) {
      // nothing to seed: db:prepare creates and migrates, and loads a seeds.rb only where there is one
      const seeds = seedsFileOf(cmd, project)
      if (seeds === 'absent' || seeds === 'empty') return undefined
      const sqlite = productionSqliteFile(cmd, project)
      if (sqlite !== undefined) return { confidence: 'medium', note: `the production database is ${sqlite} (config/database.yml, sqlite3): missing on the first start of each new container or volume, so db:prepare creates it and loads db/seeds.rb into it`, ...seedsGuards(cmd, project) }
      return { confidence: 'low', note: PREPARE_NOTE, ...seedsGuards(cmd, project) }
    }
    return matchProjectTask(tasks, project)
  },
  wipes: wipesTasks,
  migrates: (cmd) => tasksOf(cmd).some((t) => MIGRATING.has(t)),
}
export default rails
