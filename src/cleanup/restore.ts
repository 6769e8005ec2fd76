// Puts an archive's rows back: the undo of `seedguard cleanup --apply`. One transaction on a
// writable session; the rows are streamed from the file section by section, so memory stays flat
// in the number of rows.
import { inTransaction, type WritableSession } from '../protect/writable.js'
import { mysqlSql } from '../verify/dialects/mysql.js'
import { postgresSql } from '../verify/dialects/postgres.js'
import { sqliteSql } from '../verify/dialects/sqlite.js'
import type { DialectId, SqlDialect } from '../verify/dialects/types.js'
import { codecFor, readArchive, type ArchivedTable, type ArchiveHeader, type ArchiveSummary, type JsonValue, type RowCodec } from './archive/index.js'

/** The restore would change rows it must not: nothing was written. */
export class RestoreRefusal extends Error {
  override name = 'RestoreRefusal'
}

export interface RestoreProgress {
  table: string
  done: number
  total: number
}

export interface RestoreResult {
  sections: { display: string; action: ArchivedTable['action']; rows: number }[]
  /** the sequences moved past the restored keys: `public."User_id_seq" → 1042` */
  sequences: string[]
}

const SQL: Record<WritableSession['family'], SqlDialect> = { postgres: postgresSql, mysql: mysqlSql, sqlite: sqliteSql }

const familyOf = (dialect: DialectId): WritableSession['family'] => (dialect === 'pglite' ? 'postgres' : dialect)

/**
 * Bound parameters in one statement: below SQLite's 32,766 (https://www.sqlite.org/limits.html#max_variable_number)
 * and the 65,535 of PostgreSQL's and MySQL's protocols.
 */
const MAX_PARAMETERS = 30_000
const MAX_ROWS = 1000
const rowsPerStatement = (columns: number) => Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns)))

/**
 * Restores the archive at `path`, read through once already (`archive`, from inspectArchive: its
 * end line proves it whole), in one transaction: refuses (RestoreRefusal) when a deleted row's key
 * is already there or a row to update is gone or no longer NULL; inserts the deleted rows with
 * their keys, parents first; puts back the foreign keys set to NULL; moves sequences past the
 * restored keys. Any error rolls everything back.
 */
export async function restoreArchive(session: WritableSession, path: string, archive: ArchiveSummary, onProgress?: (p: RestoreProgress) => void): Promise<RestoreResult> {
  const { header, rows } = archive
  if (familyOf(header.dialect) !== session.family) {
    throw new RestoreRefusal(`the archive was written from a ${header.dialect} database (${header.database}); this is a ${session.family} database`)
  }
  const home = defaultSchemaOf(header)
  const sections = archive.sections.map((section) => (home !== undefined && section.table.schema === home ? { ...section, table: { name: section.table.name } } : section))
  const restore: Restore = { session, path, sql: SQL[session.family], codec: codecFor(header.dialect), rows, onProgress }
  await prepareSession(session)
  return inTransaction(session, async () => {
    for (const [index, section] of sections.entries()) await checkKeys(restore, section, index)
    // the archive lists children before their parents: parents go back first
    for (const [index, section] of [...sections.entries()].reverse()) if (section.action === 'delete') await insertRows(restore, section, index)
    for (const [index, section] of sections.entries()) if (section.action === 'set-null') await updateRows(restore, section, index)
    const sequences = session.family === 'postgres' ? await advanceSequences(restore, sections.filter((s) => s.action === 'delete')) : []
    return { sections: sections.map((s, i) => ({ display: s.display, action: s.action, rows: rows[i]! })), sequences }
  })
}

/**
 * The schema the archived database's unqualified names resolved to, where its URL names one:
 * MySQL's database (a MySQL schema is a database: https://dev.mysql.com/doc/refman/8.0/en/create-database.html),
 * PostgreSQL's ?schema=. Its tables go back into the target's own default, so that an archive
 * restored into a copy of the database on the same server writes the copy, never the original.
 */
function defaultSchemaOf(header: ArchiveHeader): string | undefined {
  let url
  try {
    url = new URL(header.database)
  } catch {
    return undefined
  }
  if (header.dialect === 'mysql') return decodeURIComponent(url.pathname.slice(1)) || undefined
  return header.dialect === 'postgres' ? (url.searchParams.get('schema') ?? undefined) : undefined
}

interface Restore {
  session: WritableSession
  path: string
  sql: SqlDialect
  codec: RowCodec
  rows: number[]
  onProgress: ((p: RestoreProgress) => void) | undefined
}

/**
 * MySQL/MariaDB: UTC, so that TIMESTAMP values written through FROM_UNIXTIME meet no daylight-
 * saving overlap (./archive/mysql-codec.ts); NO_AUTO_VALUE_ON_ZERO, so that a row whose key is 0
 * gets 0 back rather than a new number (https://dev.mysql.com/doc/refman/8.0/en/sql-mode.html#sqlmode_no_auto_value_on_zero).
 */
async function prepareSession(session: WritableSession): Promise<void> {
  if (session.family !== 'mysql') return
  await session.run(`SET SESSION time_zone = '+00:00'`)
  await session.run(`SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO')`)
}

/** The section's rows, decoded, `size` at a time. */
async function* chunks(restore: Restore, section: ArchivedTable, index: number, size: number): AsyncGenerator<unknown[][]> {
  let chunk: unknown[][] = []
  for await (const entry of readArchive(restore.path, { section: index })) {
    if (entry.kind !== 'row') continue
    chunk.push(entry.values.map((value: JsonValue, i) => restore.codec.decode(value, section.columns[i]!)))
    if (chunk.length === size) {
      yield chunk
      chunk = []
    }
  }
  if (chunk.length) yield chunk
}

/**
 * Rows per key lookup: an IN list for a one-column key, else an OR of one term per row, which
 * SQLite parses as a tree as deep as the rows (at most 1000: https://www.sqlite.org/limits.html#max_expr_depth).
 */
const lookupRows = (key: readonly string[]) => (key.length === 1 ? MAX_ROWS : 250)

/** the rows' keys as a condition, `k IN (?, …)` or `(k1 = ? AND k2 IS NULL) OR …`, and its parameters */
function keyMatch(restore: Restore, section: ArchivedTable, rows: unknown[][]): { where: string; params: unknown[] } {
  const { sql, codec } = restore
  const keys = section.key.map((name) => ({ at: section.columns.findIndex((c) => c.name === name), column: section.columns.find((c) => c.name === name)! }))
  if (keys.length === 1) {
    const { at, column } = keys[0]!
    const params = rows.map((row) => row[at]).filter((value) => value !== null)
    const terms = [...(params.length ? [`${sql.quote(column.name)} IN (${params.map(() => codec.placeholder(column)).join(', ')})`] : []), ...(params.length < rows.length ? [`${sql.quote(column.name)} IS NULL`] : [])]
    return { where: terms.join(' OR '), params }
  }
  const params: unknown[] = []
  const where = rows
    .map((row) => {
      const terms = keys.map(({ at, column }) => {
        const value = row[at]
        if (value === null) return `${sql.quote(column.name)} IS NULL`
        params.push(value)
        return `${sql.quote(column.name)} = ${codec.placeholder(column)}`
      })
      return `(${terms.join(' AND ')})`
    })
    .join(' OR ')
  return { where, params }
}

/**
 * Before anything is written: a deleted row whose key is there again (the archive restored once
 * already, or the application re-created the row) would be a duplicate; a kept row whose foreign
 * keys are no longer NULL has been given new values since, which the old ones must not overwrite.
 */
async function checkKeys(restore: Restore, section: ArchivedTable, index: number): Promise<void> {
  const { sql, session } = restore
  const table = sql.table(section.table)
  const nulled = section.columns.filter((c) => !section.key.includes(c.name))
  for await (const rows of chunks(restore, section, index, lookupRows(section.key))) {
    if (section.action === 'delete') {
      const { where, params } = keyMatch(restore, section, rows)
      const [found] = await session.run(`SELECT ${section.key.map(sql.quote).join(', ')} FROM ${table} WHERE ${where} LIMIT 1`, params)
      if (found) throw new RestoreRefusal(`${section.display} already holds a row with the key of an archived one (${describeKey(found)}): was this archive restored already?`)
    } else {
      const { where, params } = keyMatch(restore, section, rows)
      const stillNull = nulled.map((c) => ` AND ${sql.quote(c.name)} IS NULL`).join('')
      const [counted] = await session.run<{ n: unknown }>(`SELECT count(*) AS n FROM ${table} WHERE (${where})${stillNull}`, params)
      const missing = rows.length - Number(counted?.n ?? 0)
      if (missing > 0) throw new RestoreRefusal(`${missing} row(s) of ${section.display} whose ${nulled.map((c) => c.name).join(', ')} the cleanup set to NULL are gone or hold new values: the archived values would overwrite them`)
    }
  }
}

/** PostgreSQL: an identity column GENERATED ALWAYS takes a given value only with OVERRIDING SYSTEM VALUE (https://www.postgresql.org/docs/current/sql-insert.html) */
const OVERRIDE: Record<WritableSession['family'], string> = { postgres: ' OVERRIDING SYSTEM VALUE', mysql: '', sqlite: '' }

/**
 * Columns the database computes from the others: an INSERT may not give them a value (PostgreSQL
 * and MySQL/MariaDB refuse one: https://www.postgresql.org/docs/current/ddl-generated-columns.html,
 * https://dev.mysql.com/doc/refman/8.0/en/create-table-generated-columns.html,
 * https://www.sqlite.org/gencol.html), so they are left out and computed again from the restored values.
 */
const GENERATED: Record<WritableSession['family'], string> = {
  postgres: `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = COALESCE(?, current_schema()) AND table_name = ? AND is_generated = 'ALWAYS'`,
  // MySQL leaves GENERATION_EXPRESSION empty for a stored column, MariaDB NULL
  mysql: `SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND COALESCE(GENERATION_EXPRESSION, '') <> ''`,
  // hidden: 2 a virtual generated column, 3 a stored one (https://www.sqlite.org/pragma.html#pragma_table_xinfo)
  sqlite: `SELECT name FROM pragma_table_xinfo(?, ?) WHERE hidden IN (2, 3)`,
}

async function generatedColumns(restore: Restore, table: ArchivedTable['table']): Promise<Set<string>> {
  const { session } = restore
  const params = session.family === 'sqlite' ? [table.name, table.schema ?? 'main'] : [table.schema ?? null, table.name]
  return new Set((await session.run<{ name: string }>(GENERATED[session.family], params)).map((row) => row.name))
}

async function insertRows(restore: Restore, section: ArchivedTable, index: number): Promise<void> {
  const { sql, session, codec } = restore
  const generated = await generatedColumns(restore, section.table)
  const written = section.columns.map((column, at) => ({ column, at })).filter(({ column }) => !generated.has(column.name))
  const head = `INSERT INTO ${sql.table(section.table)} (${written.map(({ column }) => sql.quote(column.name)).join(', ')})${OVERRIDE[session.family]} VALUES `
  const tuple = `(${written.map(({ column }) => codec.placeholder(column)).join(', ')})`
  let done = 0
  for await (const rows of chunks(restore, section, index, rowsPerStatement(written.length))) {
    await session.run(head + rows.map(() => tuple).join(', '), rows.flatMap((row) => written.map(({ at }) => row[at])))
    done += rows.length
    restore.onProgress?.({ table: section.display, done, total: restore.rows[index]! })
  }
}

async function updateRows(restore: Restore, section: ArchivedTable, index: number): Promise<void> {
  const { sql, session, codec } = restore
  const nulled = section.columns.map((column, at) => ({ column, at })).filter(({ column }) => !section.key.includes(column.name))
  const set = nulled.map(({ column }) => `${sql.quote(column.name)} = ${codec.placeholder(column)}`).join(', ')
  let done = 0
  for await (const rows of chunks(restore, section, index, MAX_ROWS)) {
    for (const row of rows) {
      const { where, params } = keyMatch(restore, section, [row])
      await session.run(`UPDATE ${sql.table(section.table)} SET ${set} WHERE ${where}`, [...nulled.map(({ at }) => row[at]), ...params])
    }
    done += rows.length
    restore.onProgress?.({ table: section.display, done, total: restore.rows[index]! })
  }
}

/**
 * PostgreSQL sequences do not follow explicit values: a serial or identity column's next value
 * would collide with a restored key (https://www.postgresql.org/docs/current/functions-sequence.html).
 * Each one owned by a restored table's column is set to the column's maximum when it is behind it,
 * never moved back. MySQL/MariaDB's InnoDB moves AUTO_INCREMENT past an inserted value on its own
 * (https://dev.mysql.com/doc/refman/8.0/en/innodb-auto-increment-handling.html, "If you insert a
 * row with an explicitly specified value for the column, and the value is greater than the current
 * counter value, the counter is set to the specified value"), and SQLite's AUTOINCREMENT keeps the
 * largest ROWID ever inserted in sqlite_sequence (https://www.sqlite.org/autoinc.html): both are
 * checked by the tests, not touched here.
 */
async function advanceSequences(restore: Restore, sections: ArchivedTable[]): Promise<string[]> {
  const { session, sql } = restore
  const moved: string[] = []
  for (const section of sections) {
    const table = sql.table(section.table)
    // pg_get_serial_sequence reads its first argument as SQL (quoted), its second as a plain column name
    const owned = await session.run<{ name: string; sequence: string | null }>(
      `SELECT a.attname AS name, pg_get_serial_sequence(?, a.attname) AS sequence FROM pg_attribute a WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped`,
      [table, table],
    )
    for (const { name, sequence } of owned) {
      if (!sequence || !section.columns.some((c) => c.name === name)) continue
      const [state] = await session.run<{ last_value: unknown; is_called: boolean; highest: unknown }>(
        `SELECT s.last_value, s.is_called, (SELECT max(${sql.quote(name)}) FROM ${table}) AS highest FROM ${sequence} s`,
      )
      if (!state || state.highest === null) continue
      const highest = BigInt(String(state.highest))
      const next = BigInt(String(state.last_value)) + (state.is_called ? 1n : 0n)
      if (highest < next) continue
      await session.run('SELECT setval(CAST(? AS regclass), CAST(? AS bigint))', [sequence, String(highest)])
      moved.push(`${sequence} → ${highest}`)
    }
  }
  return moved
}

function describeKey(row: Record<string, unknown>): string {
  return Object.entries(row)
    .map(([name, value]) => `${name} = ${Buffer.isBuffer(value) ? `0x${value.toString('hex')}` : String(value)}`)
    .join(', ')
}
