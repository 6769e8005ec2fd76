// https://docs.rs/crate/diesel_cli/latest/source/README.md
import type { LeafCommand } from '../model/command.js'
import { connectionOf, flagValue, hasFlag, positionals } from './argv.js'
import type { SeedTool, WipeMatch } from './types.js'

// options that take a value (diesel_cli src/cli.rs, src/migrations/mod.rs)
const VALUED = ['--database-url', '--config-file', '--migration-dir', '-n', '--number', '--version', '--format']
const ALL = ['--all', '-a']

/** `database reset`, `migration run`, `setup` of `diesel …` (`db` is clap's alias of `database`) */
function commandOf({ argv }: LeafCommand): string | undefined {
  if (argv[0] !== 'diesel') return undefined
  const [group = '', action = ''] = positionals(argv.slice(1), VALUED)
  return group === 'setup' ? group : `${group === 'db' ? 'database' : group} ${action}`
}

/**
 * `database reset` drops the database of DATABASE_URL and sets it up again, `database drop` drops it;
 * neither asks. `migration revert` and `redo` run the newest migration's down.sql, or every one's with
 * `--all` (diesel_cli src/migrations/mod.rs).
 */
function dieselWipes(cmd: LeafCommand): WipeMatch | undefined {
  const command = commandOf(cmd)
  if (command === 'database reset') return { confidence: 'high', note: '`diesel database reset` drops the database and sets it up again from the migrations' }
  if (command === 'database drop') return { confidence: 'high', note: '`diesel database drop` drops the database' }
  if (command !== 'migration revert' && command !== 'migration redo') return undefined
  const verb = command.slice('migration '.length)
  if (hasFlag(cmd.argv, ALL)) return { confidence: 'high', note: `\`diesel migration ${verb} --all\` runs every migration's down.sql, which drops what its up.sql created` }
  return { confidence: 'low', note: `\`diesel migration ${verb}\` runs the newest migration's down.sql, which drops what its up.sql created` }
}

const diesel: SeedTool = {
  id: 'diesel',
  title: 'Diesel CLI',
  docs: 'https://docs.rs/crate/diesel_cli/latest/source/README.md',
  wipes: dieselWipes,
  migrates: (cmd) => ['setup', 'database setup', 'migration run'].includes(commandOf(cmd) ?? ''),
  // the database of `--database-url`, which it reads from DATABASE_URL otherwise
  connection: ({ argv }) => connectionOf('DATABASE_URL', flagValue(argv, ['--database-url'])),
}
export default diesel
