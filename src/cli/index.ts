import { check, CHECK_HELP } from './check.js'
import { EXIT_ERROR, EXIT_OK, type CliIo } from './io.js'
import { VERSION } from './version.js'

const HELP = `seedguard ${VERSION}: no seed script ever reaches a production database.

Commands:
  check [path]   fail when a seed command is wired to a production deploy

Run \`seedguard check --help\` for details.
`

/** argv → subcommand; every subcommand returns its exit code */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  if (command === 'check') return await check(rest, io)
  if (command === '--version' || command === '-v') return io.stdout.write(`${VERSION}\n`), EXIT_OK
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(command === 'help' && rest[0] === 'check' ? CHECK_HELP : HELP)
    return EXIT_OK
  }
  io.stderr.write(`seedguard: unknown command \`${command}\`\n${HELP}`)
  return EXIT_ERROR
}
