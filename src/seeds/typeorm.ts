// https://github.com/tada5hi/typeorm-extension#seeding
import { positionals } from './argv.js'
import type { SeedTool } from './types.js'

const VALUED = ['-d', '--dataSource', '-c', '--config', '--connection', '-n', '--name', '--configName', '-r', '--root', '--tsconfig', '-s', '--seed']
// TypeORM has no seeder of its own; these are the third-party CLIs and the words that run seeds in each
const SEED_COMMANDS: Record<string, string[]> = {
  // v3 `seed:run`, newest README also `seed run`; v2 `seed`
  'typeorm-extension': ['seed:run', 'seed run', 'seed'],
  'typeorm-extension-esm': ['seed:run', 'seed run', 'seed'],
  // w3tecch/typeorm-seeding SeedCommand is `seed`; forks document `seed:run`
  'typeorm-seeding': ['seed', 'seed:run'],
  'typeorm-seed': ['up'],
}
// typeorm ships these three binaries for the same CLI
const TYPEORM = new Set(['typeorm', 'typeorm-ts-node-commonjs', 'typeorm-ts-node-esm'])

const taskOf = (argv: readonly string[]): string | undefined => (TYPEORM.has(argv[0] ?? '') ? positionals(argv.slice(1), VALUED)[0] : undefined)

const typeorm: SeedTool = {
  id: 'typeorm',
  title: 'TypeORM seeders',
  docs: 'https://github.com/tada5hi/typeorm-extension#seeding',
  environmentVariable: 'NODE_ENV',
  match: ({ argv }) => {
    const commands = SEED_COMMANDS[argv[0] ?? '']
    if (!commands) return undefined
    const [first, second] = positionals(argv.slice(1), VALUED)
    if (first === undefined) return undefined
    // `seed create` writes a seeder file; `seed run` and a bare `seed` (maybe followed by seeder globs) run them
    const command = first === 'seed' && second !== undefined && /^[a-z]+$/.test(second) ? `seed ${second}` : first
    return commands.includes(command) ? { confidence: 'high' } : undefined
  },
  // https://typeorm.io/docs/advanced-topics/using-cli/#drop-database-schema and #sync-database-schema
  wipes: ({ argv }) => {
    const task = taskOf(argv)
    if (task === 'schema:drop') return { confidence: 'high', note: '`schema:drop` drops every table of the database' }
    // it loses data only on a deploy whose entities no longer have a column or table that holds some
    if (task === 'schema:sync') return { confidence: 'low', note: '`schema:sync` drops the columns and tables the entities no longer have, with their data' }
    return undefined
  },
  migrates: ({ argv }) => {
    const task = taskOf(argv)
    return task === 'migration:run' || task === 'schema:sync'
  },
}
export default typeorm
