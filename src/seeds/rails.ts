// https://guides.rubyonrails.org/active_record_migrations.html#migrations-and-seed-data
import type { LeafCommand } from '../model/command.js'
import { isSeedPath, stripBundleExec } from './argv.js'
import type { SeedTool } from './types.js'

const RUNNERS = new Set(['rails', 'rake', 'bin/rails', 'bin/rake', './bin/rails', './bin/rake'])
const SEEDING = new Set(['db:seed', 'db:seed:replant', 'db:setup', 'db:reset'])
const MIGRATING = new Set(['db:migrate', 'db:schema:load', 'db:prepare'])
// db:prepare: 6.0–7.0 seed a database that did not exist; 7.1+ also an existing empty one; 8.0+ only
// configs with `seeds: true` (the primary by default). An initialized database is not re-seeded (rails#50272).
const PREPARE_NOTE = 'db:prepare seeds only a database that is missing (Rails 7.1+: or still empty), as on a first deploy'

/** The tasks of `rails a b`, without `VAR=value` arguments and flags; `bundle exec` and `ruby bin/rails` lead in. */
function tasksOf({ argv }: LeafCommand): string[] {
  let args = stripBundleExec(argv)
  if (args[0] === 'ruby') args = args.slice(1)
  if (!RUNNERS.has(args[0] ?? '')) return []
  return args.slice(1).filter((a) => !a.startsWith('-') && !a.includes('='))
}

const rails: SeedTool = {
  id: 'rails',
  title: 'Rails',
  docs: 'https://guides.rubyonrails.org/active_record_migrations.html#migrations-and-seed-data',
  match: (cmd) => {
    const tasks = tasksOf(cmd)
    const task = tasks.find((t) => SEEDING.has(t))
    if (task) return { confidence: 'high', note: task === 'db:seed' ? undefined : `${task} loads db/seeds.rb` }
    const runner = tasks.indexOf('runner')
    const script = runner >= 0 ? tasks[runner + 1] : undefined
    if (script !== undefined && isSeedPath(script)) return { confidence: 'high', note: `\`rails runner\` runs ${script}` }
    if (tasks.includes('db:prepare')) return { confidence: 'low', note: PREPARE_NOTE }
    return undefined
  },
  migrates: (cmd) => tasksOf(cmd).some((t) => MIGRATING.has(t)),
}
export default rails
