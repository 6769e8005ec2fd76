// https://github.com/golang-migrate/migrate/tree/master/cmd/migrate
import type { LeafCommand } from '../model/command.js'
import { hasFlag, positionals } from './argv.js'
import { askedFirst } from './confirmation.js'
import { goFlags, programOf } from './toolchain-run.js'
import type { SeedTool, WipeMatch } from './types.js'

// the options before the command that take a value (golang-migrate internal/cli/main.go)
const VALUED = goFlags(['source', 'path', 'database', 'prefetch', 'lock-timeout'])
const DATABASE = goFlags(['database'])

/**
 * `migrate [OPTIONS] COMMAND [arg…]`, also `go run github.com/golang-migrate/migrate/v4/cmd/migrate …`.
 * It reads its database from `-database` only: without it every command that touches one fails, and
 * a program named `migrate` without it is some other tool.
 */
function commandOf({ argv }: LeafCommand): { command: string; args: string[] } | undefined {
  const program = programOf(argv)
  if (program?.name !== 'migrate') return undefined
  const options = program.args.findIndex((word, i) => !word.startsWith('-') && !VALUED.includes(program.args[i - 1] ?? ''))
  if (options < 0 || !hasFlag(program.args.slice(0, options), DATABASE)) return undefined
  return { command: program.args[options]!, args: program.args.slice(options + 1) }
}

const DOWN_MIGRATIONS = 'their down migrations run, which drop what the up migrations created'

/**
 * `drop` drops everything in the database and `down` without a count applies every down migration;
 * both ask "[y/N]" on standard input unless given `-f` / `-all` (internal/cli/main.go). `down N` rolls
 * back N migrations: low, since what they drop depends on the migrations.
 */
function migrateWipes(cmd: LeafCommand): WipeMatch | undefined {
  const run = commandOf(cmd)
  if (run?.command === 'drop') {
    const note = '`migrate drop` drops everything in the database'
    return hasFlag(run.args, goFlags(['f'])) ? { confidence: 'high', note } : { confidence: 'low', note: `${note}; ${askedFirst('`-f`, a pipe or a terminal')}` }
  }
  if (run?.command !== 'down') return undefined
  const count = positionals(run.args)[0]
  if (count !== undefined) return { confidence: 'low', note: `\`migrate down ${count}\` rolls back the newest ${count} migrations: ${DOWN_MIGRATIONS}` }
  const note = `\`migrate down\` rolls back every migration: ${DOWN_MIGRATIONS}`
  return hasFlag(run.args, goFlags(['all'])) ? { confidence: 'high', note } : { confidence: 'low', note: `${note}; ${askedFirst('`-all`, a pipe or a terminal')}` }
}

const golangMigrate: SeedTool = {
  id: 'golang-migrate',
  title: 'golang-migrate',
  docs: 'https://github.com/golang-migrate/migrate/tree/master/cmd/migrate',
  wipes: migrateWipes,
  migrates: (cmd) => ['up', 'goto'].includes(commandOf(cmd)?.command ?? ''),
}
export default golangMigrate
