import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { codecFor, createArchive, type ArchiveHeader, type ArchiveWriter, type RowCodec } from '../cleanup/archive/index.js'
import { applyCleanup, CleanupError, type ApplyOutcome } from '../cleanup/apply.js'
import { appendAudit, type AuditEntry } from '../cleanup/audit.js'
import { planRenderers, type PlanFormat } from '../cleanup/format.js'
import { planCleanup, type CleanupProgress, type CleanupTarget } from '../cleanup/plan.js'
import { SelectionError } from '../cleanup/selection.js'
import type { CleanupOptions, KeepRule } from '../cleanup/types.js'
import { projectConfig } from '../guard/config.js'
import { decide } from '../guard/decision.js'
import { operator } from '../protect/operator.js'
import { openWritable } from '../protect/writable.js'
import { formatCount } from '../verify/format.js'
import { ConnectionError, type DialectId } from '../verify/dialects/types.js'
import { locateDatabase } from '../verify/locate.js'
import { PrismaSchemaError } from '../verify/prisma-schema.js'
import { scrub, type DatabaseTarget } from '../verify/url.js'
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, type CliIo } from './io.js'
import { invalidVerifyValues, verifyOptionsOf, VERIFY_OPTIONS, type VerifyValues } from './verify.js'

export const CLEANUP_HELP = `Usage: seedguard cleanup --db <url> --plan [--format text|json|markdown] [options]
       seedguard cleanup --db <url> --apply <plan hash> --archive <file> [--log <file>] [options]

Removes the rows \`seedguard verify\` attributes to seeding, and the rows that reference them, in
the order the database's own foreign keys dictate, keeping the admin accounts. --plan shows what
would go and why, and a hash of exactly those rows; --apply deletes them in one transaction after
writing every one to the archive (\`seedguard restore\` puts them back), and refuses if the data
changed since the plan was made.

Both open a writable session on the database: the plan runs in a transaction that always rolls
back (its working sets are temporary tables, which a read-only transaction may not create), so
--plan writes nothing. --apply refuses a database marked production by \`seedguard protect\` unless
SEEDGUARD_ALLOW_PRODUCTION names the database exactly.

What goes:
  --scope seeded              the rows the verifier flags (its indicators at --fail-on), default
  --scope all                 every row of the chosen tables, as the cleanup guide empties a
                              pre-launch database
  --table <table>             with --scope all: a table to empty; repeatable (default: every table
                              but migration bookkeeping)
Rows referencing deleted ones through a foreign key are deleted first (ON DELETE CASCADE, RESTRICT,
NO ACTION) or have the column set to NULL (SET NULL, SET DEFAULT), archived either way.

What stays:
  admin accounts (as verify finds them: an Admin table, role or admin-flag columns, --admin-table,
  --admin-where), except those the verifier flags as seeded; never none: if every admin is flagged,
  all stay. Rows that kept rows reference through a foreign key stay too, and the plan says why.
  --keep-where '<table>:<condition>'   rows never deleted; repeatable

Options:
  --db <url>                  the database: postgres://, mysql:// (MariaDB too), sqlite:<file>, pglite:<dir>
  --plan                      print the plan; write nothing
  --format <text|json|markdown>   the plan's format (default: text)
  --apply <hash>              apply the plan with this hash
  --archive <file>            where --apply writes every row it deletes or updates (JSON Lines)
  --log <file>                the audit log, appended (default: <archive>.log): one JSON object per
                              run with who, when, the plan, the counts per table before and after
  --fail-on <error|warning>   which indicators' rows go (default: error)
  --schema, --prisma-schema, --admin-table, --admin-where, --created-column, --demo-domain,
  --ignore-table, --exact-count-limit, --expect-admins   as for \`seedguard verify\`
  --timeout <seconds>         limit for one statement (default: 300; 0: no limit)
  -h, --help                  this help

Exit codes: 0 plan printed or cleanup applied, 1 refused (the data changed since the plan, or
the database is marked production), 2 not done: a plan that cannot be applied (a table without a
primary key, a table this login cannot read), a connection, usage or database error (the
transaction rolled back: nothing changed).
`

// the verifier's options that choose rows, without those of a monitoring run
const { since: _since, state: _state, connections: _connections, ...SELECTION_OPTIONS } = VERIFY_OPTIONS

const OPTIONS = {
  ...SELECTION_OPTIONS,
  plan: { type: 'boolean' },
  apply: { type: 'string' },
  archive: { type: 'string' },
  log: { type: 'string' },
  scope: { type: 'string', default: 'seeded' },
  table: { type: 'string', multiple: true },
  'keep-where': { type: 'string', multiple: true },
} as const

/** What the archive module gives the command: a codec per dialect, and a writer for a file. */
export interface ArchiveFormat {
  codecFor(dialect: DialectId): RowCodec
  createArchive(path: string, header: ArchiveHeader, codec: RowCodec): Promise<ArchiveWriter>
}

export async function cleanup(argv: string[], io: CliIo, format: ArchiveFormat = { codecFor, createArchive }): Promise<number> {
  let values
  try {
    values = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false }).values
  } catch (error) {
    return usage(io, (error as Error).message)
  }
  if (values.help) return io.stdout.write(CLEANUP_HELP), EXIT_OK
  const planFormat = values.format as PlanFormat
  if (!(planFormat in planRenderers)) return usage(io, `unknown format \`${values.format}\` (text, json, markdown)`)
  if ((values.plan === true) === (values.apply !== undefined)) return usage(io, 'say what to do: --plan, or --apply <plan hash> (one of them)')
  if (values.apply !== undefined && !/^[0-9a-f]{64}$/.test(values.apply)) return usage(io, '--apply takes the plan hash --plan printed: 64 hexadecimal digits')
  if (values.apply !== undefined && !values.archive) return usage(io, '--apply needs --archive <file>: every row it deletes is written there first')
  if (values.scope !== 'seeded' && values.scope !== 'all') return usage(io, '--scope must be seeded or all')
  if (values.table?.length && values.scope !== 'all') return usage(io, '--table chooses the tables --scope all empties; --scope seeded takes the rows the verifier flags')
  if (values['fail-on'] !== 'error' && values['fail-on'] !== 'warning') return usage(io, '--fail-on must be error or warning')
  const invalid = invalidVerifyValues({ ...values, connections: '1' } as VerifyValues)
  if (invalid) return usage(io, invalid)
  const keepWhere: KeepRule[] = []
  for (const rule of values['keep-where'] ?? []) {
    const at = rule.indexOf(':')
    if (at <= 0 || !rule.slice(at + 1).trim()) return usage(io, `--keep-where takes <table>:<SQL condition>, not \`${rule}\``)
    if (rule.includes(';')) return usage(io, '--keep-where takes one SQL condition, without `;`')
    keepWhere.push({ table: rule.slice(0, at).trim(), where: rule.slice(at + 1).trim() })
  }
  // a cleanup writes: to the database named on the command line, never to one found in the environment
  if (!values.db) return usage(io, '--db <url> is required: cleanup opens a writable session on the database it names')

  let target: DatabaseTarget | undefined
  try {
    const found = await locateDatabase({ flag: values.db, prismaSchema: values['prisma-schema'], env: io.env, cwd: io.cwd, commandOnly: true })
    target = found!.target
    const options: CleanupOptions = {
      scope: values.scope,
      ...(values.table?.length ? { tables: values.table } : {}),
      ...(keepWhere.length ? { keepWhere } : {}),
      verify: verifyOptionsOf({ ...values, connections: '1' } as VerifyValues, found!.prisma),
    }
    const codec = format.codecFor(target.dialect)
    io.stderr.write(`seedguard cleanup: opening a writable session on ${target.masked}${values.plan ? ' (the plan rolls back: nothing is written)' : ''}\n`)
    const session = await openWritable(target, undefined, 'seedguard cleanup')
    const cleanupTarget: CleanupTarget = { session, dialect: target.dialect, database: target.masked, timeoutMs: Number(values.timeout) * 1000 }
    const progress = (io.stderr as { isTTY?: boolean }).isTTY ? showProgress(io) : undefined
    try {
      if (values.plan) {
        const plan = await planCleanup(cleanupTarget, options, codec, progress)
        progress?.(undefined)
        io.stdout.write(planRenderers[planFormat](plan, applyCommand(argv, plan.hash, target)))
        return plan.problems.length ? EXIT_ERROR : EXIT_OK
      }
      const archive = resolve(io.cwd, values.archive!)
      const log = resolve(io.cwd, values.log ?? `${values.archive}.log`)
      const by = operator(io.env)
      const audit = (entry: Omit<AuditEntry, 'at' | 'by' | 'database' | 'hash' | 'archive'>) => appendAudit(log, { at: new Date().toISOString(), by, database: target!.masked, hash: values.apply!, archive, ...entry })
      const guardTarget = target
      let outcome: ApplyOutcome
      try {
        outcome = await applyCleanup(cleanupTarget, options, {
          hash: values.apply!,
          codec,
          openArchive: (header) => format.createArchive(archive, header, codec),
          guard: (marker) => decide({ env: io.env, config: projectConfig(io.cwd), database: { target: guardTarget, source: found!.source }, marker, action: 'seedguard cleanup --apply' }),
          operator: by,
          onProgress: progress,
        })
      } catch (error) {
        progress?.(undefined)
        audit({ outcome: 'failed', message: scrub((error as Error).message.split('\n')[0] ?? String(error), target.secrets) })
        throw error
      } finally {
        progress?.(undefined)
      }
      if (outcome.status === 'refused') {
        audit({ outcome: 'refused', message: outcome.message, ...(outcome.plan ? { plan: outcome.plan } : {}) })
        io.stderr.write(`seedguard cleanup: ${outcome.message}\n`)
        return EXIT_FINDINGS
      }
      audit({ outcome: 'applied', plan: outcome.plan, counts: outcome.counts })
      if (outcome.override) io.stderr.write(`${outcome.override}\n`)
      const width = Math.max(...outcome.counts.map((c) => c.table.length))
      io.stdout.write(`seedguard cleanup: applied plan ${outcome.plan.hash} to ${target.masked}\n`)
      for (const c of outcome.counts) io.stdout.write(`  ${c.table.padEnd(width)}  ${formatCount(c.before)} → ${formatCount(c.after)}\n`)
      io.stdout.write(`Archive: ${archive}\nAudit log: ${log}\nUndo: seedguard restore --db <url> ${archive}\n`)
      return EXIT_OK
    } finally {
      await session.close().catch(() => {})
    }
  } catch (error) {
    const known = error instanceof ConnectionError || error instanceof PrismaSchemaError || error instanceof SelectionError || error instanceof CleanupError
    const message = scrub((error as Error).message.split('\n')[0] ?? String(error), target?.secrets ?? [])
    io.stderr.write(`seedguard cleanup: ${known ? '' : 'error: '}${message}${values.apply ? ' (rolled back: nothing was changed)' : ''}\n`)
    return EXIT_ERROR
  }
}

/** the command line that applies the plan: this one's options, --apply and an archive named for now; a URL with a password is left for the operator to give */
function applyCommand(argv: string[], hash: string, target: DatabaseTarget): string {
  const kept: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), true] : [arg, false]
    const takesValue = !inline && (name === '--format' || name === '--db')
    if (name === '--plan' || name === '--format') {
      if (takesValue) i++
      continue
    }
    if (name === '--db') {
      const url = takesValue ? argv[++i]! : arg.slice(arg.indexOf('=') + 1)
      kept.push('--db', target.secrets.length ? '<url>' : url)
      continue
    }
    kept.push(arg)
  }
  const archive = `seedguard-cleanup-${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')}.jsonl`
  return ['seedguard', 'cleanup', ...kept, '--apply', hash, '--archive', archive].map(shellWord).join(' ')
}

function shellWord(word: string): string {
  return word === '<url>' || /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

function showProgress(io: CliIo): (p: CleanupProgress | undefined) => void {
  return (p) => io.stderr.write(p ? `\r\x1b[K${p.phase} ${p.table}: ${formatCount(p.rows)}/${formatCount(p.of)}…` : '\r\x1b[K')
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`seedguard cleanup: ${message}\nRun \`seedguard cleanup --help\` for usage.\n`)
  return EXIT_ERROR
}
