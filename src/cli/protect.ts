import { parseArgs } from 'node:util'
import { projectConfig } from '../guard/config.js'
import { classifyEnvironmentName } from '../production/evidence.js'
import { readMarker, MARKER_TABLE, type Marker } from '../protect/marker.js'
import { operator } from '../protect/operator.js'
import { openWritable } from '../protect/writable.js'
import { removeMarker, writeMarker } from '../protect/write.js'
import { connect } from '../verify/dialects/index.js'
import { ConnectionError } from '../verify/dialects/types.js'
import { locateDatabase } from '../verify/locate.js'
import { PrismaSchemaError } from '../verify/prisma-schema.js'
import { scrub, type DatabaseTarget } from '../verify/url.js'
import { EXIT_ERROR, EXIT_OK, type CliIo } from './io.js'

export const PROTECT_HELP = `Usage: seedguard protect --db <url> --env <name>    mark the database (writes one table)
       seedguard protect [--db <url>] --show         show its marker (read-only)
       seedguard protect --db <url> --remove         remove the marker (writes: drops the table)

Writes the database's own production marker: a one-row table ${MARKER_TABLE} (environment,
protected_at, protected_by, and an audit of the runs let through by SEEDGUARD_ALLOW_PRODUCTION).
\`seedguard guard -- <seed command>\` and \`assertSafeToSeed()\` read it before a seed or reset runs
and refuse a database marked production, whatever the shell's environment says. It is the only
write seedguard makes outside \`cleanup\`; --remove undoes it (and prints the audit it drops).

Databases: postgres://, mysql:// (MariaDB too), sqlite:<file>, pglite:<dir>. --show without --db
reads the database the project's commands use: $DATABASE_URL (or the variable the Prisma schema
names), a .env file as Prisma reads it.

Options:
  --db <url>               the database; required to write
  --env <name>             the environment to record: production, or any name .seedguard.yml knows
  --show                   print the marker, change nothing
  --remove                 drop the marker table
  --prisma-schema <path>   where --show finds the database's variable (default: prisma/schema.prisma)
  -h, --help               this help

Exit codes: 0 done, 2 a connection, permission or usage error.
`

const OPTIONS = {
  db: { type: 'string' },
  env: { type: 'string' },
  show: { type: 'boolean' },
  remove: { type: 'boolean' },
  'prisma-schema': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

export async function protect(argv: string[], io: CliIo): Promise<number> {
  let values
  try {
    values = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false }).values
  } catch (error) {
    return usage(io, (error as Error).message)
  }
  if (values.help) return io.stdout.write(PROTECT_HELP), EXIT_OK
  const modes = [values.env !== undefined, values.show === true, values.remove === true].filter(Boolean).length
  if (modes !== 1) return usage(io, 'say what to do: --env <name>, --show or --remove (one of them)')
  const environment = values.env?.trim()
  if (environment !== undefined && !/^[\w.:-]{1,64}$/.test(environment)) return usage(io, '--env takes an environment name: letters, digits, `.`, `_`, `:` or `-`, at most 64')
  // a write goes to the database named on the command line, never to one found in the environment
  if (!values.show && !values.db) return usage(io, `--db <url> is required to ${values.remove ? 'remove' : 'write'} the marker`)
  let target: DatabaseTarget | undefined
  try {
    const found = await locateDatabase({ flag: values.db, prismaSchema: values['prisma-schema'], env: io.env, cwd: io.cwd, commandOnly: true })
    if (!found) return usage(io, 'no database: pass --db <url> or set DATABASE_URL')
    target = found.target
    if (values.show) return await show(target, found.source, io)
    const session = await openWritable(target)
    try {
      if (values.remove) {
        io.stdout.write(`seedguard protect: removing the marker from ${target.masked} (drops table ${MARKER_TABLE})\n`)
        const removed = await removeMarker(session)
        io.stdout.write(removed ? `${describe(removed)}removed: seeds and resets through seedguard guard no longer see this database as ${removed.environment}\n` : 'no marker there: nothing changed\n')
        return EXIT_OK
      }
      io.stdout.write(`seedguard protect: writing to ${target.masked}: table ${MARKER_TABLE}, one row\n`)
      const marker = await writeMarker(session, environment!, operator(io.env))
      const verdict = classifyEnvironmentName(marker.environment, projectConfig(io.cwd))
      io.stdout.write(describe(marker))
      io.stdout.write(
        verdict === 'production'
          ? 'seedguard guard and assertSafeToSeed() now refuse to seed or reset this database.\n'
          : `\`${marker.environment}\` is not a production name${verdict === 'unknown' ? ' seedguard knows (add it to production-environments in .seedguard.yml if it is one)' : ''}: seeds through seedguard guard still run here.\n`,
      )
      io.stdout.write(`Undo: seedguard protect --db <url> --remove\n`)
      return EXIT_OK
    } finally {
      await session.close().catch(() => {})
    }
  } catch (error) {
    const known = error instanceof ConnectionError || error instanceof PrismaSchemaError
    const message = scrub((error as Error).message.split('\n')[0] ?? String(error), target?.secrets ?? [])
    io.stderr.write(`seedguard protect: ${known ? '' : 'error: '}${message}\n`)
    return EXIT_ERROR
  }
}

async function show(target: DatabaseTarget, source: string, io: CliIo): Promise<number> {
  const client = await connect(target, { timeoutMs: 5000 })
  let marker
  try {
    marker = await readMarker(client)
  } finally {
    await client.close()
  }
  io.stdout.write(`${target.masked} (from ${source}):\n`)
  io.stdout.write(marker ? describe(marker) : `  no marker: \`seedguard protect --db <url> --env production\` writes one\n`)
  return EXIT_OK
}

function describe(marker: Marker): string {
  const lines = [`  environment   ${marker.environment}`, `  protected at  ${marker.protectedAt}`, `  protected by  ${marker.protectedBy}`]
  if (marker.overrides.length) lines.push(`  overrides     ${marker.overrides.length}:`, ...marker.overrides.map((o) => `    ${o}`))
  return lines.join('\n') + '\n'
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`seedguard protect: ${message}\nRun \`seedguard protect --help\` for usage.\n`)
  return EXIT_ERROR
}
