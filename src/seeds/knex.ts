// https://knexjs.org/guide/migrations.html#seed-files
import { flagValue, hasFlag, positionals } from './argv.js'
import type { SeedTool } from './types.js'

const VALUED = ['--knexfile', '--cwd', '--env', '--specific', '--client', '--connection', '--migrations-directory', '--migrations-table-name']
const MIGRATE = new Set(['migrate:latest', 'migrate:up', 'migrate:down', 'migrate:rollback'])

const taskOf = (argv: readonly string[]): string | undefined => (argv[0] === 'knex' ? positionals(argv.slice(1), VALUED)[0] : undefined)

const knex: SeedTool = {
  id: 'knex',
  title: 'Knex',
  docs: 'https://knexjs.org/guide/migrations.html#seed-files',
  environmentVariable: 'NODE_ENV',
  match: ({ argv }) => {
    if (taskOf(argv) !== 'seed:run') return undefined
    const specific = flagValue(argv, ['--specific'])
    // knex keeps no record of seeds it ran: every seed:run runs the files again (knex PR #3335 added --specific)
    return { confidence: 'high', note: specific ? `runs the seed file ${specific}` : 'runs every seed file, again on each run' }
  },
  // `migrate:rollback --all` runs the down function of every completed migration (https://knexjs.org/guide/migrations.html#migration-cli)
  wipes: ({ argv }) => (taskOf(argv) === 'migrate:rollback' && hasFlag(argv, ['--all']) ? { confidence: 'high', note: '`migrate:rollback --all` reverts every migration; their down functions drop the tables' } : undefined),
  migrates: ({ argv }) => MIGRATE.has(taskOf(argv) ?? ''),
}
export default knex
