// https://pressly.github.io/goose/documentation/cli-commands/
import type { LeafCommand } from '../model/command.js'
import { positionals } from './argv.js'
import { goFlags, programOf } from './toolchain-run.js'
import type { SeedTool, WipeMatch } from './types.js'

// the goose command line's flags that take a value (pressly/goose cmd/goose/main.go)
const VALUED = goFlags(['dir', 'table', 'certfile', 'ssl-cert', 'ssl-key', 'timeout', 'env'])

/**
 * The commands of `goose [OPTIONS] DRIVER DBSTRING COMMAND` (driver and connection may come from
 * GOOSE_DRIVER/GOOSE_DBSTRING or a .env file instead): the first word that is one, with its arguments.
 * Also `go run github.com/pressly/goose/v3/cmd/goose@… …`.
 */
const COMMANDS = new Set(['up', 'up-by-one', 'up-to', 'down', 'down-to', 'redo', 'reset', 'status', 'version', 'create', 'fix', 'validate', 'init', 'env'])

function commandOf({ argv }: LeafCommand): { command: string; args: string[] } | undefined {
  const program = programOf(argv)
  if (program?.name !== 'goose') return undefined
  const words = positionals(program.args, VALUED)
  const at = words.findIndex((word) => COMMANDS.has(word))
  return at < 0 ? undefined : { command: words[at]!, args: words.slice(at + 1) }
}

// a down migration undoes its up migration: for one that created a table, it drops it and its rows
const UNDONE = 'their down migrations run, which drop what the up migrations created'

/**
 * `reset` and `down-to 0` roll back every applied migration; `down`, `redo` and `down-to V` roll back
 * the newest ones (pressly/goose reset.go, down.go): low, since what they drop depends on the migrations.
 */
function gooseWipes(cmd: LeafCommand): WipeMatch | undefined {
  const run = commandOf(cmd)
  if (run?.command === 'reset') return { confidence: 'high', note: `\`goose reset\` rolls back every migration: ${UNDONE}` }
  if (run?.command === 'down-to') {
    const version = run.args[0] ?? ''
    if (/^0+$/.test(version)) return { confidence: 'high', note: `\`goose down-to 0\` rolls back every migration: ${UNDONE}` }
    return { confidence: 'low', note: `\`goose down-to ${version}\` rolls back the migrations after that version: ${UNDONE}` }
  }
  if (run?.command === 'down') return { confidence: 'low', note: '`goose down` rolls back the newest migration: its down migration runs, which drops what it created' }
  if (run?.command === 'redo') return { confidence: 'low', note: '`goose redo` rolls back the newest migration and applies it again: what its down migration drops is lost' }
  return undefined
}

const goose: SeedTool = {
  id: 'goose',
  title: 'goose',
  docs: 'https://pressly.github.io/goose/documentation/cli-commands/',
  wipes: gooseWipes,
  migrates: (cmd) => ['up', 'up-by-one', 'up-to'].includes(commandOf(cmd)?.command ?? ''),
}
export default goose
