import { parseArgs } from 'node:util'
import { admit, assessSeedSafety } from '../guard/assess.js'
import { runChild, signalStatus } from '../guard/child.js'
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, type CliIo } from './io.js'

export const GUARD_HELP = `Usage: seedguard guard [--db <url>] [--prisma-schema <path>] -- <command> [args…]

Runs a seed or reset command only where it is safe, passing its output, input, signals and exit
code through. It refuses (exit 1, saying which signal fired and what to do) when:
  - the database the command will use is marked production (\`seedguard protect\`): --db, else
    $DATABASE_URL (or the variable the Prisma schema names), else a .env file as Prisma reads it;
    the marker is read on a read-only session with a short timeout
  - the environment says production: NODE_ENV, RAILS_ENV, APP_ENV, VERCEL_ENV, CONTEXT (Netlify),
    RAILWAY_ENVIRONMENT_NAME, … (the variables \`seedguard check\` reads)
  - the database's host or name matches production-database-hosts / production-database-names in
    .seedguard.yml, or its name says production (shop_production)
  - the database cannot be reached and nothing says the run is local (a loopback host, a SQLite
    file, APP_ENV=development, …)

In a real emergency, SEEDGUARD_ALLOW_PRODUCTION=<database name> lets one run through: it must be
the exact name of the database, the run is announced and recorded in the database's marker.

Options:
  --db <url>               the database the command uses, when it is not in $DATABASE_URL or .env
  --prisma-schema <path>   the Prisma schema that names the database's variable
  -h, --help               this help

Example (package.json):  "seed": "seedguard guard -- prisma db seed"

Exit codes: the command's own; 1 refused; 2 a usage error; 127 the command was not found. A command
killed by a signal ends seedguard by the same signal.
`

const OPTIONS = {
  db: { type: 'string' },
  'prisma-schema': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

export async function guard(argv: string[], io: CliIo): Promise<number> {
  const split = argv.indexOf('--')
  let parsed
  try {
    parsed = parseArgs({ args: split < 0 ? argv : argv.slice(0, split), options: OPTIONS, allowPositionals: true })
  } catch (error) {
    return usage(io, (error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help) return io.stdout.write(GUARD_HELP), EXIT_OK
  const command = split < 0 ? [] : argv.slice(split + 1)
  // words before `--` would be read as seedguard's own options: `guard npm run seed --db x` is ambiguous
  if (command.length === 0 || positionals.length > 0) return usage(io, 'no command after --: seedguard guard -- <command> [args…]')
  const action = command.join(' ')
  const assessment = await assessSeedSafety({ db: values.db, prismaSchema: values['prisma-schema'], cwd: io.cwd, env: io.env, action })
  const refusal = await admit(assessment, action, io.env, (line) => io.stderr.write(`${line}\n`))
  if (refusal) return io.stderr.write(`${refusal}\n`), EXIT_FINDINGS
  const end = await runChild(command, io.cwd, io.env)
  if ('error' in end) return io.stderr.write(`seedguard guard: cannot run ${end.error}\n`), 127
  if ('signal' in end) {
    // the parent shell should see the run killed as the command was (a ^C stops a script's loop)
    io.raise?.(end.signal)
    return signalStatus(end.signal)
  }
  return end.code
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`seedguard guard: ${message}\nRun \`seedguard guard --help\` for usage.\n`)
  return EXIT_ERROR
}
