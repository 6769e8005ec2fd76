// https://sequelize.org/docs/v6/other-topics/migrations/#running-seeds
import { hasFlag, positionals } from './argv.js'
import type { SeedTool, WipeMatch } from './types.js'

const VALUED = ['--env', '--config', '--options-path', '--migrations-path', '--seeders-path', '--models-path', '--url', '--to', '--from', '--name']

const taskOf = (argv: readonly string[]): string | undefined =>
  argv[0] === 'sequelize' || argv[0] === 'sequelize-cli' ? positionals(argv.slice(1), [...VALUED, '--seed'])[0] : undefined

// sequelize-cli: `db:drop` drops the configured database, `db:migrate:undo:all` runs every migration's down (https://github.com/sequelize/cli#documentation).
// `db:seed:undo:all` runs every seeder's down (all of them where seederStorage is 'none', the default:
// `seedUndoAll` takes the pending list then), and what a down deletes is the project's: the generated
// seeder's example is `bulkDelete('People', null, {})`, which empties the table (src/assets/seeders/skeleton.js)
const WIPING: Record<string, WipeMatch> = {
  'db:drop': { confidence: 'high', note: '`db:drop` drops the database' },
  'db:migrate:undo:all': { confidence: 'high', note: "`db:migrate:undo:all` reverts every migration; their down functions drop the tables" },
  'db:seed:undo:all': { confidence: 'medium', note: "`db:seed:undo:all` runs every seeder's down function; as generated, a down empties the seeded table (`bulkDelete(table, null)`)" },
}

const sequelize: SeedTool = {
  id: 'sequelize',
  title: 'Sequelize CLI',
  docs: 'https://sequelize.org/docs/v6/other-topics/migrations/#running-seeds',
  environmentVariable: 'NODE_ENV',
  match: ({ argv }) => {
    const task = taskOf(argv)
    // seederStorage defaults to 'none': db:seed:all runs every seeder again each time (umzug-helper.js @6.6.3)
    if (task === 'db:seed:all') return { confidence: 'high', note: 'runs every seeder; without seederStorage they run again each time' }
    if (task !== 'db:seed') return undefined
    if (hasFlag(argv, ['--seed'])) return { confidence: 'high' }
    // seed_one.js hands an empty list to the migrator when --seed is missing; what umzug does with it is unverified
    return { confidence: 'low', note: '`db:seed` without --seed names no seeder' }
  },
  wipes: ({ argv }) => WIPING[taskOf(argv) ?? ''],
  migrates: ({ argv }) => /^db:migrate(?::undo(?::all)?)?$/.test(taskOf(argv) ?? ''),
}
export default sequelize
