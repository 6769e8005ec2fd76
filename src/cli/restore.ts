import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ArchiveError, inspectArchive, type ArchiveSummary } from '../cleanup/archive/index.js'
import { restoreArchive, RestoreRefusal, type RestoreProgress } from '../cleanup/restore.js'
import { admit, assessSeedSafety } from '../guard/assess.js'
import { openWritable } from '../protect/writable.js'
import { ConnectionError } from '../verify/dialects/types.js'
import { parseDatabaseUrl, scrub, type DatabaseTarget } from '../verify/url.js'
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, type CliIo } from './io.js'

export const RESTORE_HELP = `Usage: seedguard restore --db <url> <archive>    put archived rows back (writes)

Puts back the rows an archive holds: the file \`seedguard cleanup --apply … --archive <file>\`
wrote before it deleted them. Opens a writable session on the database and, in one transaction,
inserts the deleted rows with their original keys (parents before their children), gives the
foreign keys the cleanup set to NULL their values back, and moves PostgreSQL sequences past the
restored keys (MySQL/MariaDB and SQLite move their counters themselves).

Refuses, changing nothing (exit 1), when:
  - the archive was cut short or damaged (its end line must count every row)
  - it was written from another kind of database (PostgreSQL and PGlite are one kind)
  - a row with the key of an archived one is already there (the archive was restored already), or
    a row whose foreign keys are to get their values back is gone or holds new ones
  - the database is marked production (\`seedguard protect\`), or the environment says production,
    as \`seedguard guard\` decides; SEEDGUARD_ALLOW_PRODUCTION=<exact database name> lets the
    run through, announced and recorded in the marker
Any error rolls the transaction back: the database is left as it was (exit 2).

Databases: postgres://, mysql:// (MariaDB too), sqlite:<file>, pglite:<dir>.

Options:
  --db <url>    the database to write to; required (never taken from the environment)
  -h, --help    this help

Exit codes: 0 restored, 1 refused (nothing changed), 2 an error (rolled back) or a usage error.
`

const OPTIONS = {
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

export async function restore(argv: string[], io: CliIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true })
  } catch (error) {
    return usage(io, (error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help) return io.stdout.write(RESTORE_HELP), EXIT_OK
  if (positionals.length !== 1) return usage(io, 'name one archive file: seedguard restore --db <url> <archive>')
  // a write goes to the database named on the command line, never to one found in the environment
  if (!values.db) return usage(io, '--db <url> is required: restore writes to the database it names')
  const path = resolve(io.cwd, positionals[0]!)
  let target: DatabaseTarget | undefined
  try {
    target = parseDatabaseUrl(values.db, io.cwd)
    const archive = await inspectArchive(path)
    const action = `seedguard restore ${positionals[0]}`
    const refusal = await admit(await assessSeedSafety({ db: values.db, cwd: io.cwd, env: io.env, action }), action, io.env, (line) => io.stderr.write(`${line}\n`))
    if (refusal) return io.stderr.write(`${refusal}\n`), EXIT_FINDINGS
    return await write(io, target, path, archive)
  } catch (error) {
    if (error instanceof ArchiveError) return refuse(io, error.message)
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return io.stderr.write(`seedguard restore: no archive at ${path}\n`), EXIT_ERROR
    io.stderr.write(`seedguard restore: ${error instanceof ConnectionError ? '' : 'error: '}${scrub(firstLine(error), target?.secrets ?? [])}\n`)
    return EXIT_ERROR
  }
}

async function write(io: CliIo, target: DatabaseTarget, path: string, archive: ArchiveSummary): Promise<number> {
  const { header, sections, rows } = archive
  const total = rows.reduce((a, b) => a + b, 0)
  io.stdout.write(`seedguard restore: writing to ${target.masked}: ${total} archived rows of ${sections.length} tables, one transaction\n`)
  io.stdout.write(`  archive  ${path} (${header.scope} cleanup of ${header.database}, plan ${header.planHash}, ${header.createdAt})\n`)
  const session = await openWritable(target)
  try {
    const progress = (io.stderr as { isTTY?: boolean }).isTTY ? showProgress(io) : undefined
    let result
    try {
      result = await restoreArchive(session, path, archive, progress)
    } finally {
      if (progress) io.stderr.write('\r\x1b[K')
    }
    for (const section of result.sections) io.stdout.write(`  ${section.display}: ${section.rows} ${section.action === 'delete' ? 'inserted' : 'updated (foreign keys given back)'}\n`)
    for (const moved of result.sequences) io.stdout.write(`  sequence ${moved}\n`)
    io.stdout.write('restored: committed\n')
    return EXIT_OK
  } catch (error) {
    if (error instanceof RestoreRefusal) return refuse(io, error.message)
    io.stderr.write(`seedguard restore: error: ${scrub(firstLine(error), target.secrets)}\nrolled back: the database is as it was\n`)
    return EXIT_ERROR
  } finally {
    await session.close().catch(() => {})
  }
}

/** one line on the terminal, rewritten at most every half second: a big restore shows it moves */
function showProgress(io: CliIo): (p: RestoreProgress) => void {
  let shown = 0
  return (p) => {
    const now = Date.now()
    if (now - shown < 500 && p.done < p.total) return
    shown = now
    io.stderr.write(`\r\x1b[Krestoring ${p.table}: ${p.done}/${p.total} rows…`)
  }
}

function refuse(io: CliIo, why: string): number {
  io.stderr.write(`seedguard restore: refused: ${why}\nnothing was changed\n`)
  return EXIT_FINDINGS
}

function firstLine(error: unknown): string {
  return ((error as Error).message ?? String(error)).split('\n')[0]!
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`seedguard restore: ${message}\nRun \`seedguard restore --help\` for usage.\n`)
  return EXIT_ERROR
}
