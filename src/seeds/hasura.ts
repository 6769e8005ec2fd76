// https://hasura.io/docs/latest/hasura-cli/commands/hasura_seed_apply
import { positionals } from './argv.js'
import type { SeedTool } from './types.js'

const VALUED = ['--endpoint', '--admin-secret', '--database-name', '-f', '--file', '--project', '--envfile', '--version', '--type', '--goto', '--up', '--down', '--log-level', '--certificate-authority']

const commandOf = (argv: readonly string[]): string =>
  argv[0] === 'hasura' ? positionals(argv.slice(1), VALUED).slice(0, 2).join(' ') : ''

const hasura: SeedTool = {
  id: 'hasura',
  title: 'Hasura CLI',
  docs: 'https://hasura.io/docs/latest/hasura-cli/commands/hasura_seed_apply',
  // every file in seeds/ (or --file), on --database-name or --all-databases; `seed create` only writes a file
  match: ({ argv }) => (commandOf(argv) === 'seed apply' ? { confidence: 'high' } : undefined),
  migrates: ({ argv }) => commandOf(argv) === 'migrate apply',
}
export default hasura
