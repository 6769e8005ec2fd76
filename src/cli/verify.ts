import { parseArgs } from 'node:util'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { connect } from '../verify/dialects/index.js'
import { ConnectionError } from '../verify/dialects/types.js'
import { locateDatabase } from '../verify/locate.js'
import { PrismaSchemaError, type PrismaSchemaFacts } from '../verify/prisma-schema.js'
import { verifyReporters, type VerifyFormat } from '../verify/report/index.js'
import { runVerify } from '../verify/run.js'
import { parseInstant, readState, recordRun, sinceOf, StateError } from '../verify/state.js'
import type { Progress, VerifyOptions, VerifyResult } from '../verify/types.js'
import { scrub, type DatabaseTarget } from '../verify/url.js'
import { useColor } from '../report/text.js'
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, type CliIo } from './io.js'

export const VERIFY_HELP = `Usage: seedguard verify [--db <url>] [options]

Reads a database without writing a byte and says whether seed or demo data is in it: rows created
in bursts the table's own arrival rate does not explain, batch signatures, test identities,
predictable sequences, unexpected admin accounts and the rows hanging off seeded users.

Connection (first found): --db, $SEEDGUARD_DATABASE_URL, $DATABASE_URL, a .env file as Prisma reads it.
  postgres://user:pass@host:5432/db?sslmode=require   mysql://user:pass@host:3306/db
  sqlite:./prisma/dev.db (or file:./dev.db)            pglite:./data-dir
Every session is read-only (BEGIN READ ONLY / START TRANSACTION READ ONLY / a read-only file);
passwords are masked in all output.

Options:
  --db <url>                  the database (see above)
  --format <text|json|markdown>   output format (default: text)
  --fail-on <error|warning|never> which indicators make the run fail (default: error)
  --schema <name>             only this schema (PostgreSQL) or database (MySQL); repeatable
  --prisma-schema <path>      map models to tables (@@map/@map); default: prisma/schema.prisma if present
  --expect-admins <n>         fail unless exactly n admin accounts exist
  --admin-table <table>       the table whose rows are admin accounts
  --admin-where <sql>         the condition on the users table that selects admins
  --created-column <name>     a creation-time column name to prefer; repeatable
  --demo-domain <domain>      another domain whose addresses are test data; repeatable
  --ignore-table <table>      leave a table out; repeatable
  --exact-count-limit <n>     estimate row counts above n rows (default: 10000000)
  --timeout <seconds>         limit for one statement (default: 300; 0: no limit)
  --connections <n>           read-only sessions that read at once, on one snapshot (PostgreSQL;
                              default: 2; 1 reads with one)
  --since <ISO time | file>   judge only the rows created after that time, or after where the run
                              that wrote the state file ended (per table: creation time and key);
                              bursts are judged against the day before, and one already reported
                              is not reported again. An index on the creation column keeps it cheap
  --state <file>              write where this run ended (and what it reported) to the file, for the
                              next --since; --since <file> writes back to its file by default
  -h, --help                  this help

Exit codes: 0 clean (every table read), 1 seeded, 2 not verified: a table this connection cannot
read (listed, with the GRANT that would let it), no tables, a --schema that does not exist, a
connection, usage or internal error.
`

export const VERIFY_OPTIONS = {
  db: { type: 'string' },
  format: { type: 'string', default: 'text' },
  'fail-on': { type: 'string', default: 'error' },
  schema: { type: 'string', multiple: true },
  'prisma-schema': { type: 'string' },
  'expect-admins': { type: 'string' },
  'admin-table': { type: 'string' },
  'admin-where': { type: 'string' },
  'created-column': { type: 'string', multiple: true },
  'demo-domain': { type: 'string', multiple: true },
  'ignore-table': { type: 'string', multiple: true },
  'exact-count-limit': { type: 'string' },
  timeout: { type: 'string', default: '300' },
  connections: { type: 'string', default: '2' },
  since: { type: 'string' },
  state: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

export async function verify(argv: string[], io: CliIo): Promise<number> {
  let values
  try {
    values = parseArgs({ args: argv, options: VERIFY_OPTIONS, allowPositionals: false }).values
  } catch (error) {
    return usage(io, (error as Error).message)
  }
  if (values.help) return io.stdout.write(VERIFY_HELP), EXIT_OK
  const format = values.format as VerifyFormat
  if (!(format in verifyReporters)) return usage(io, `unknown format \`${values.format}\` (text, json, markdown)`)
  const invalid = invalidVerifyValues(values)
  if (invalid) return usage(io, invalid)
  const failOn = values['fail-on'] as 'error' | 'warning' | 'never'

  let target: DatabaseTarget | undefined
  try {
    const found = await locateDatabase({ flag: values.db, prismaSchema: values['prisma-schema'], env: io.env, cwd: io.cwd })
    if (!found) return usage(io, 'no database: pass --db <url> or set SEEDGUARD_DATABASE_URL or DATABASE_URL')
    const { prisma } = found
    target = found.target
    const monitoring = readMonitoring(values, io.cwd)
    const options = { ...verifyOptionsOf(values, prisma), ...monitoring.options, picture: format !== 'json' }
    const client = await connect(target, { timeoutMs: Number(values.timeout) * 1000, connections: options.connections })
    let result
    try {
      const progress = (io.stderr as { isTTY?: boolean }).isTTY && format === 'text' ? showProgress(io) : undefined
      result = await runVerify(client, target.masked, options, progress)
    } finally {
      await client.close()
    }
    io.stdout.write(verifyReporters[format](result, { color: format === 'text' && useColor(io.env, io.stdout.isTTY === true) }))
    // stdout may be a file: the reason must reach the terminal too
    if (result.problem && format !== 'text') io.stderr.write(`seedguard verify: ${result.problem}\n`)
    if (monitoring.stateFile) recordRun(monitoring.stateFile, result, options.since)
    return exitCode(result, failOn)
  } catch (error) {
    const known = error instanceof ConnectionError || error instanceof PrismaSchemaError || error instanceof StateError
    const message = scrub((error as Error).message.split('\n')[0] ?? String(error), target?.secrets ?? [])
    io.stderr.write(`seedguard verify: ${known ? '' : 'error: '}${message}\n`)
    return EXIT_ERROR
  }
}

/** Seeded data fails (1) unless --fail-on never; a table not read fails as an error (2) whatever --fail-on says: it was not verified. */
function exitCode(result: VerifyResult, failOn: 'error' | 'warning' | 'never'): number {
  if (result.verdict === 'seeded' && failOn !== 'never') return EXIT_FINDINGS
  return result.unchecked.length || result.verdict === 'unreadable' ? EXIT_ERROR : EXIT_OK
}

/** The values of VERIFY_OPTIONS, as parseArgs returns them (the action builds the same record). */
export type VerifyValues = ReturnType<typeof parseArgs<{ options: typeof VERIFY_OPTIONS }>>['values']

/** What is wrong with the values, in the CLI's words (`--name`), or undefined. */
export function invalidVerifyValues(values: VerifyValues): string | undefined {
  const failOn = values['fail-on']
  if (failOn !== undefined && failOn !== 'error' && failOn !== 'warning' && failOn !== 'never') return '--fail-on must be error, warning or never'
  const numbers = { 'expect-admins': values['expect-admins'], 'exact-count-limit': values['exact-count-limit'], timeout: values.timeout, connections: values.connections }
  for (const [name, value] of Object.entries(numbers)) if (value !== undefined && !/^\d+$/.test(value)) return `--${name} needs a whole number`
  if (values.connections !== undefined && Number(values.connections) < 1) return '--connections needs at least 1'
  // one statement only: the session is read-only anyway, but a `;` has no business in a condition
  if (values['admin-where']?.includes(';')) return '--admin-where takes one SQL condition, without `;`'
  // --since reads the new rows only: a count of every admin account is a full run's
  if (values.since !== undefined && values['expect-admins'] !== undefined) return '--expect-admins counts every admin account, and --since reads only new rows: check it in a run without --since'
  return undefined
}

/** The verifier's options from checked values. */
export function verifyOptionsOf(values: VerifyValues, prisma: PrismaSchemaFacts | undefined): VerifyOptions {
  return {
    schemas: values.schema,
    createdColumns: values['created-column'],
    expectAdmins: values['expect-admins'] === undefined ? undefined : Number(values['expect-admins']),
    adminTable: values['admin-table'],
    adminWhere: values['admin-where'],
    demoDomains: values['demo-domain'],
    ignoreTables: values['ignore-table'],
    exactCountLimit: values['exact-count-limit'] === undefined ? undefined : Number(values['exact-count-limit']),
    prisma,
    failOn: values['fail-on'] === 'warning' ? 'warning' : 'error',
    connections: Number(values.connections),
  }
}

/**
 * --since and --state as options and the file to write: `--since <file>` reads a state (and writes
 * it back unless --state names another); `--since <ISO time>` starts every table there, keeping what
 * an existing --state file remembers of reported bursts; `--state` alone verifies everything and
 * records where it ended.
 */
export function readMonitoring(values: Pick<VerifyValues, 'since' | 'state'>, cwd: string): { options: Pick<VerifyOptions, 'since' | 'track'>; stateFile?: string } {
  const stateFile = values.state === undefined ? undefined : resolve(cwd, values.state)
  if (values.since === undefined) return stateFile ? { options: { track: true }, stateFile } : { options: {} }
  const time = parseInstant(values.since)
  if (time !== undefined) {
    const memory = stateFile && existsSync(stateFile) ? readState(stateFile) : undefined
    return { options: { since: sinceOf(memory, time), track: true }, ...(stateFile ? { stateFile } : {}) }
  }
  const file = resolve(cwd, values.since)
  return { options: { since: sinceOf(readState(file)), track: true }, stateFile: stateFile ?? file }
}

function showProgress(io: CliIo): (p: Progress) => void {
  return (p) => io.stderr.write('done' in p ? '\r\x1b[K' : `\r\x1b[Kreading ${p.table} (${p.index + 1}/${p.total})…`)
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`seedguard verify: ${message}\nRun \`seedguard verify --help\` for usage.\n`)
  return EXIT_ERROR
}
