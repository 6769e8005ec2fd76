// https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md#new-databasepath-options
// https://www.sqlite.org/pragma.html#pragma_query_only
import { accessSync, constants, existsSync, statSync } from 'node:fs'
import type { DatabaseTarget } from '../url.js'
import { scrub } from '../url.js'
import type { Catalog, CatalogTable, ColumnKind, ReadOnlyClient, SqlDialect, TableRef, TimeEncoding } from './types.js'
import { ConnectionError } from './types.js'
import { doubledQuotes } from './literals.js'
import { importDriver } from './driver.js'
import { epochFrom, epochWindow } from './time-window.js'
import { onDeleteRule } from './on-delete.js'

/** What the session needs of a better-sqlite3 Database. */
export interface SqliteDatabaseLike {
  prepare(sql: string): { reader: boolean; all(...params: unknown[]): unknown[]; run(...params: unknown[]): unknown }
  pragma(source: string): unknown
  close(): unknown
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`
/** `text` with LIKE's own characters taken literally, under `ESCAPE '\'` */
const literally = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)
const like = (pattern: string) => `'${pattern.replace(/'/g, "''")}' ESCAPE '\\'`

/** A number that is an epoch in s, ms or µs, by its size (1e11 ms is 1973; 1e14 ms is year 5138) */
const epochNumber = (c: string) => `(CASE WHEN ${c} > 100000000000000 THEN ${c} / 1000 WHEN ${c} > 100000000000 THEN ${c} ELSE ${c} * 1000 END)`

export const sqliteSql: SqlDialect = {
  id: 'sqlite',
  family: 'sqlite',
  quote,
  // attached databases are not read: every table lives in main
  table: (ref: TableRef) => quote(ref.name),
  string: doubledQuotes,
  // SQLite has no time type: Prisma and others store ISO-8601 text or epoch numbers, sometimes
  // both in one column. julianday() keeps milliseconds exactly (it counts in integer ms inside).
  epochMs: (column: string, _encoding: TimeEncoding) =>
    `(CASE typeof(${column}) WHEN 'text' THEN CAST(round((julianday(${column}) - 2440587.5) * 86400000.0) AS INTEGER)` +
    ` WHEN 'integer' THEN ${epochNumber(column)} WHEN 'real' THEN CAST(${epochNumber(column)} AS INTEGER) END)`,
  timeWindow: (column, encoding, width) => epochWindow(sqliteSql, column, encoding, width),
  // numbers sort before any text (https://www.sqlite.org/datatype3.html#sort_order): epoch numbers
  // kept below the empty text, and ISO text from the day before (text may carry an offset of up to a
  // day); ranges of one index
  timeFrom: (column, _encoding, ms) => `(${epochFrom(column, ms, "''")} OR ${column} >= '${new Date(ms - 86_400_000).toISOString().slice(0, 10)}')`,
  intDiv: (expr, divisor) => `((${expr}) / ${divisor})`,
  localPart: (expr) => `substr(${expr}, 1, instr(${expr}, '@') - 1)`,
  // SQLite has no regex without an extension; its LIKE ignores ASCII case already. A LIKE per column
  // and word: a joined text would be built again for every word
  mentions: (exprs, words) => `(${exprs.flatMap((e) => words.map((w) => `${e} LIKE ${like(`%${literally(w)}%`)}`)).join(' OR ')})`,
  // no function finds the last '@' or '.': the address's own ending, a LIKE per domain (on the stored
  // column: an expression would be evaluated again for every domain)
  domainUnder: (email, domains) => `(${domains.flatMap((d) => [`${email} LIKE ${like(`%@${literally(d)}`)}`, `${email} LIKE ${like(`%.${literally(d)}`)}`]).join(' OR ')})`,
  matches: () => undefined,
  charLength: (expr) => `length(${expr})`,
  stripTrailingDigits: (expr) => `rtrim(${expr}, '0123456789')`,
  digitsToInteger: (expr) => `CAST(${expr} AS INTEGER)`,
  text: (expr) => `CAST(${expr} AS TEXT)`,
  readCatalog: readSqliteCatalog,
}

/**
 * A session over a database opened read-only (better-sqlite3 `readonly: true`, which is
 * SQLITE_OPEN_READONLY), with query_only on as a second lock. A statement that returns no rows is
 * run rather than refused here, so a write reaches SQLite and SQLite itself says no.
 */
export function openSqliteSession(db: SqliteDatabaseLike, release: () => void = () => db.close()): ReadOnlyClient {
  db.pragma('query_only = ON')
  let closed = false
  return {
    sql: sqliteSql,
    async query<R>(text: string, params: readonly unknown[] = []) {
      const statement = db.prepare(text)
      if (!statement.reader) {
        statement.run(...params)
        return []
      }
      return statement.all(...params) as R[]
    },
    async close() {
      if (closed) return
      closed = true
      release()
    },
  }
}

export async function connectSqlite(target: DatabaseTarget): Promise<ReadOnlyClient> {
  const path = target.path!
  if (!existsSync(path)) throw new ConnectionError(`cannot open SQLite database ${path}: no such file`)
  try {
    accessSync(path, constants.R_OK)
  } catch {
    // SQLite's own word for it is "unable to open database file", which names no cause
    const mode = (statSync(path).mode & 0o777).toString(8).padStart(3, '0')
    throw new ConnectionError(`cannot read SQLite database ${path}: permission denied (mode ${mode}); give the user running seedguard read access to the file (chmod a+r, or run as its owner)`)
  }
  const { default: Database } = await importDriver('sqlite')
  let db: SqliteDatabaseLike
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
  } catch (error) {
    throw new ConnectionError(scrub(`cannot open SQLite database ${path}: ${(error as Error).message.split('\n')[0]}`, target.secrets))
  }
  try {
    // a file that is not a database fails on its first read, not on open: surface it here
    db.prepare('SELECT count(*) FROM sqlite_master').all()
    db.pragma('mmap_size = 268435456')
    db.pragma('cache_size = -65536')
  } catch (error) {
    db.close()
    throw new ConnectionError(`cannot read SQLite database ${path}: ${(error as Error).message.split('\n')[0]}`)
  }
  return openSqliteSession(db)
}

// ---------------------------------------------------------------- catalog

async function readSqliteCatalog(client: ReadOnlyClient): Promise<Catalog> {
  const names = await client.query<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name`)
  const tables: CatalogTable[] = []
  for (const { name } of names) {
    const columns = await client.query<{ name: string; type: string; pk: number }>('SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid', [name])
    const keys = await client.query<{ id: number; table: string; from: string; to: string | null; on_delete: string }>('SELECT id, "table", "from", "to", on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq', [name])
    const foreignKeys: CatalogTable['foreignKeys'] = []
    for (const k of keys) {
      let fk = foreignKeys[k.id]
      if (!fk) foreignKeys[k.id] = fk = { columns: [], references: { name: k.table }, referencedColumns: [], onDelete: onDeleteRule(k.on_delete) }
      fk.columns.push(k.from)
      // `to` is NULL when the key names only the table: its primary key, resolved by discovery
      if (k.to) fk.referencedColumns.push(k.to)
    }
    tables.push({
      name,
      columns: columns.map((c) => ({ name: c.name, type: c.type, kind: sqliteKind(c.type) })),
      primaryKey: columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
      foreignKeys: foreignKeys.filter(Boolean),
    })
  }
  // a file this process can open is readable whole: there is no grant per table
  return { tables, unreadable: [] }
}

/** SQLite's type affinity rules (https://www.sqlite.org/datatype3.html#determination_of_column_affinity), plus dates by name */
function sqliteKind(type: string): ColumnKind {
  const t = type.toUpperCase()
  if (t === 'DATE') return 'date'
  if (/DATE|TIME/.test(t)) return 'time'
  if (/BOOL/.test(t)) return 'boolean'
  if (/INT/.test(t)) return 'integer'
  if (/CHAR|CLOB|TEXT/.test(t)) return 'text'
  if (/REAL|FLOA|DOUB|NUMERIC|DECIMAL/.test(t)) return 'number'
  return 'other'
}
