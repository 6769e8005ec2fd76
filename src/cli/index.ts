import { EXIT_ERROR, EXIT_OK, type CliIo } from './io.js'
import { importCleanupCommand, importGuardCommand, importProtectCommand, importRestoreCommand, importVerifyCommand } from '../util/on-demand.js'
import { VERSION } from './version.js'

const HELP = `seedguard ${VERSION}: no seed script ever reaches a production database.

Commands:
  check [path]     fail when a seed command is wired to a production deploy
  init             set up the pre-push hook (husky, or a plain git hook);
                   --guard-seeds wraps the seed and reset scripts in \`seedguard guard\`
  hook pre-push    check the commits a push sends (git runs it; reads git's stdin)
  verify --db URL  read a database (read-only) and say whether seed or demo data is in it
  protect --db URL --env production
                   mark a database as production (writes one table; --show, --remove)
  cleanup --db URL --plan
                   plan the removal of seeded rows (keeps the admin); --apply <hash> does it,
                   archiving every row first
  guard -- CMD     run a seed or reset command only where it cannot reach production
  restore --db URL <archive>
                   put back the rows a cleanup archived (writes, one transaction)

Run \`seedguard <command> --help\` for details.
`

// each subcommand is loaded only when it runs: a check must not pay for the database drivers
const COMMANDS: Record<string, () => Promise<{ run: (argv: string[], io: CliIo) => Promise<number>; help: string }>> = {
  check: async () => import('./check.js').then((m) => ({ run: m.check, help: m.CHECK_HELP })),
  init: async () => import('./init.js').then((m) => ({ run: m.init, help: m.INIT_HELP })),
  hook: async () => import('./hook.js').then((m) => ({ run: m.hook, help: m.HOOK_HELP })),
  verify: async () => importVerifyCommand().then((m) => ({ run: m.verify, help: m.VERIFY_HELP })),
  guard: async () => importGuardCommand().then((m) => ({ run: m.guard, help: m.GUARD_HELP })),
  protect: async () => importProtectCommand().then((m) => ({ run: m.protect, help: m.PROTECT_HELP })),
  restore: async () => importRestoreCommand().then((m) => ({ run: m.restore, help: m.RESTORE_HELP })),
  cleanup: async () => importCleanupCommand().then((m) => ({ run: (argv, io) => m.cleanup(argv, io), help: m.CLEANUP_HELP })),
}

/** argv → subcommand; every subcommand returns its exit code */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  const load = command === undefined ? undefined : COMMANDS[command]
  if (load) return await (await load()).run(rest, io)
  if (command === '--version' || command === '-v') return io.stdout.write(`${VERSION}\n`), EXIT_OK
  // a bare `seedguard` in a script checks nothing: it must not pass as if it had
  if (command === undefined) return io.stderr.write(HELP), EXIT_ERROR
  if (command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' && rest[0] !== undefined ? COMMANDS[rest[0]] : undefined
    io.stdout.write(topic ? (await topic()).help : HELP)
    return EXIT_OK
  }
  io.stderr.write(`seedguard: unknown command \`${command}\`\n${HELP}`)
  return EXIT_ERROR
}
