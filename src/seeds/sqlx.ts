// https://github.com/launchbadge/sqlx/blob/main/sqlx-cli/README.md
import type { LeafCommand } from '../model/command.js'
import { connectionOf, flagValue, hasFlag, positionals } from './argv.js'
import { askedFirst } from './confirmation.js'
import type { SeedTool, WipeMatch } from './types.js'

// options that take a value (sqlx-cli src/opt.rs)
const VALUED = ['--database-url', '-D', '--source', '--connect-timeout', '--target-version', '--config', '--sqlite-create-db-wal']
// clap aliases: `sqlx db …`, `sqlx mig …`
const GROUPS: Record<string, string> = { database: 'database', db: 'database', migrate: 'migrate', mig: 'migrate' }

/** `database reset`, `migrate run`: of `sqlx …` or cargo's `cargo sqlx …` (sqlx-cli installs both) */
function commandOf({ argv }: LeafCommand): { command: string; args: string[] } | undefined {
  const args = argv[0] === 'sqlx' ? argv.slice(1) : argv[0] === 'cargo' && argv[1] === 'sqlx' ? argv.slice(2) : undefined
  const [group = '', action = ''] = args === undefined ? [] : positionals(args, VALUED)
  return GROUPS[group] === undefined ? undefined : { command: `${GROUPS[group]} ${action}`, args: args! }
}

/**
 * `database drop` and `database reset` (drop, create, migrate) drop the database of DATABASE_URL. Both ask
 * "Drop database at …?" (default No) on a terminal and fail without one, unless given `-y`
 * (sqlx-cli src/database.rs). `migrate revert` reverts the newest migration, or down to `--target-version`.
 */
function sqlxWipes(cmd: LeafCommand): WipeMatch | undefined {
  const run = commandOf(cmd)
  if (run?.command === 'database drop' || run?.command === 'database reset') {
    const note = run.command === 'database drop' ? '`sqlx database drop` drops the database' : '`sqlx database reset` drops the database, creates it again and migrates it'
    return hasFlag(run.args, ['-y']) ? { confidence: 'high', note } : { confidence: 'low', note: `${note}; ${askedFirst('`-y` or a terminal')}` }
  }
  if (run?.command !== 'migrate revert') return undefined
  const target = flagValue(run.args, ['--target-version'])
  if (target !== undefined && /^0+$/.test(target)) return { confidence: 'high', note: '`sqlx migrate revert --target-version 0` reverts every migration: their down scripts drop what the up scripts created' }
  return { confidence: 'low', note: `\`sqlx migrate revert\` reverts ${target === undefined ? 'the newest migration' : `the migrations after version ${target}`}: its down script drops what it created` }
}

const sqlx: SeedTool = {
  id: 'sqlx',
  title: 'SQLx CLI',
  docs: 'https://github.com/launchbadge/sqlx/blob/main/sqlx-cli/README.md',
  wipes: sqlxWipes,
  migrates: (cmd) => {
    const run = commandOf(cmd)
    return run?.command === 'database setup' || (run?.command === 'migrate run' && !hasFlag(run.args, ['--dry-run']))
  },
  // the database of `--database-url`/`-D`, which it reads from DATABASE_URL otherwise
  connection: ({ argv }) => connectionOf('DATABASE_URL', flagValue(argv, ['--database-url', '-D'])),
}
export default sqlx
