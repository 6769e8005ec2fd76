// https://dev.mysql.com/doc/refman/8.0/en/commit.html (START TRANSACTION READ ONLY)
// https://mariadb.com/kb/en/start-transaction/ ; https://sidorares.github.io/node-mysql2/docs
import { readFileSync } from 'node:fs'
import type { DatabaseTarget } from '../url.js'
import { describeConnectionError } from './errors.js'
import type { Catalog, CatalogTable, ColumnKind, ReadOnlyClient, Row, SessionOptions, SqlDialect, TimeEncoding, UnreadableTable } from './types.js'
import { ConnectionError } from './types.js'
import { literalAlternation } from './regex.js'
import { domainInLabels } from './domains.js'
import { doubledQuotes, qualifiedName } from './literals.js'
import { epochFrom, epochWindow } from './time-window.js'
import { onDeleteRule } from './on-delete.js'

/** What the session needs of a mysql2/promise connection. */
export interface MysqlQueryable {
  query(sql: string, params?: unknown[]): Promise<[unknown, unknown]>
}

const quote = (identifier: string) => `\`${identifier.replace(/`/g, '``')}\``

export const mysqlSql: SqlDialect = {
  id: 'mysql',
  family: 'mysql',
  quote,
  table: qualifiedName(quote),
  // the session sets NO_BACKSLASH_ESCAPES, so doubling the quote is the whole escape
  string: doubledQuotes,
  // TIMESTAMPDIFF, not UNIX_TIMESTAMP: no time-zone conversion of DATETIME, and the session is UTC
  epochMs: (column: string, encoding: TimeEncoding) =>
    encoding === 'epoch'
      ? `CAST(CASE WHEN ${column} > 100000000000000 THEN ${column} DIV 1000 WHEN ${column} > 100000000000 THEN ${column} ELSE ${column} * 1000 END AS SIGNED)`
      : `(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', ${column}) DIV 1000)`,
  timeWindow: (column, encoding, width) => epochWindow(mysqlSql, column, encoding, width),
  // the session is UTC, so a DATETIME or TIMESTAMP compares with the literal as epochMs reads it
  timeFrom: (column, encoding, ms) => (encoding === 'epoch' ? epochFrom(column, ms) : `${column} >= '${new Date(ms).toISOString().slice(0, 23).replace('T', ' ')}'`),
  intDiv: (expr, divisor) => `((${expr}) DIV ${divisor})`,
  localPart: (expr) => `SUBSTRING_INDEX(${expr}, '@', 1)`,
  mentions: (exprs, words) => `(LOWER(CONCAT_WS(' ', ${exprs.join(', ')})) REGEXP '${literalAlternation(words)}')`,
  domainUnder: (email, domains) => {
    const domain = `LOWER(SUBSTRING_INDEX(${email}, '@', -1))`
    return domainInLabels(email, domain, (n) => `SUBSTRING_INDEX(${domain}, '.', -${n})`, mysqlSql.string, domains)
  },
  // ICU (MySQL 8) and PCRE (MariaDB) both read POSIX classes; the session has no backslash escapes
  matches: (expr, pattern) => `(${expr} REGEXP ${mysqlSql.string(pattern)})`,
  charLength: (expr) => `CHAR_LENGTH(${expr})`,
  stripTrailingDigits: (expr) => `REGEXP_REPLACE(${expr}, '[0-9]+$', '')`,
  digitsToInteger: (expr) => `CAST(${expr} AS DECIMAL(65, 0))`,
  text: (expr) => `CAST(${expr} AS CHAR)`,
  readCatalog: readMysqlCatalog,
}

/**
 * Opens the read-only session: UTC, a per-statement limit (MySQL's max_execution_time, MariaDB's
 * max_statement_time), read-only as the session default and one START TRANSACTION READ ONLY WITH
 * CONSISTENT SNAPSHOT, so every check sees the same data and the server refuses any write.
 */
export async function openMysqlSession(conn: MysqlQueryable, release: () => Promise<void>, options: SessionOptions): Promise<ReadOnlyClient> {
  const [versionRows] = await conn.query('SELECT VERSION() AS v')
  const mariadb = /mariadb/i.test(String((versionRows as Row[])[0]?.v ?? ''))
  // 0 is no limit on both servers, as the option's own 0 means
  const ms = Math.round(options.timeoutMs)
  await conn.query(mariadb ? `SET SESSION max_statement_time = ${ms / 1000}` : `SET SESSION max_execution_time = ${ms}`)
  await conn.query(`SET SESSION time_zone = '+00:00'`)
  await conn.query(`SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')`)
  await conn.query('SET SESSION TRANSACTION READ ONLY')
  await conn.query('START TRANSACTION READ ONLY, WITH CONSISTENT SNAPSHOT')
  let closed = false
  return {
    sql: mysqlSql,
    async query<R>(text: string, params: readonly unknown[] = []) {
      const [rows] = await conn.query(text, [...params])
      return rows as R[]
    },
    async close() {
      if (closed) return
      closed = true
      try {
        await conn.query('ROLLBACK')
      } finally {
        await release()
      }
    },
  }
}

/** A connection of its own, which its opener ends. */
export interface MysqlConnection extends MysqlQueryable {
  end(): Promise<void>
}

interface Mysql2Module {
  createConnection(config: Record<string, unknown>): Promise<MysqlConnection & { on(event: 'error', listener: (error: Error) => void): unknown }>
}

/**
 * A plain connection to the server and database the target names (its SSL settings, UTC-safe
 * date strings); what it may do is its caller's to decide. Throws ConnectionError.
 */
export async function openMysqlConnection(target: DatabaseTarget, connectTimeoutMs?: number): Promise<MysqlConnection> {
  const mysql = (await import('mysql2/promise')) as unknown as Mysql2Module & { default?: Mysql2Module }
  const createConnection = mysql.createConnection ?? mysql.default!.createConnection
  const url = new URL(target.url)
  const params = url.searchParams
  let conn
  try {
    conn = await createConnection({
      host: target.host,
      port: target.port,
      user: target.user,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      database: target.database,
      connectTimeout: connectTimeoutMs ?? Number(params.get('connect_timeout') ?? 10) * 1000,
      ssl: mysqlSsl(params),
      supportBigNumbers: true,
      bigNumberStrings: false,
      dateStrings: true,
    })
  } catch (error) {
    // ER_DBACCESS_DENIED_ERROR: the user exists but holds nothing in this database
    const denied = error as { errno?: number; message?: string }
    const account = /user ('[^']*'@'[^']*')/.exec(denied.message ?? '')?.[1]
    const grant = denied.errno === 1044 && target.database && account ? `; grant it read access: GRANT SELECT ON ${quote(target.database)}.* TO ${account};` : ''
    throw new ConnectionError(describeConnectionError(/mariadb/i.test(url.protocol) ? 'MariaDB' : 'MySQL', target, error) + grant)
  }
  conn.on('error', () => {})
  return conn
}

export async function connectMysql(target: DatabaseTarget, options: SessionOptions): Promise<ReadOnlyClient> {
  const conn = await openMysqlConnection(target, options.connectTimeoutMs)
  return openMysqlSession(conn, () => conn.end(), options)
}

/** MySQL's ssl-mode, Prisma's sslaccept/sslcert, or mysql2's own `ssl={json}` */
function mysqlSsl(params: URLSearchParams): unknown {
  const json = params.get('ssl')
  if (json?.startsWith('{')) return JSON.parse(json) as unknown
  const mode = (params.get('ssl-mode') ?? params.get('sslmode') ?? '').toLowerCase()
  const cert = params.get('sslcert') ?? params.get('ssl-ca')
  const ca = cert ? readFileSync(cert, 'utf8') : undefined
  if (mode === 'disabled') return undefined
  if (mode === 'verify_identity' || mode === 'verify_ca' || params.get('sslaccept') === 'strict') return { ca, rejectUnauthorized: true }
  if (mode === 'required' || mode === 'preferred' || params.get('sslaccept') === 'accept_invalid_certs' || json === 'true') return { ca, rejectUnauthorized: false }
  return undefined
}

// ---------------------------------------------------------------- catalog

const SYSTEM_SCHEMAS = `('mysql', 'information_schema', 'performance_schema', 'sys')`

async function readMysqlCatalog(client: ReadOnlyClient, schemas?: string[]): Promise<Catalog> {
  const [current] = await client.query<{ db: string | null }>('SELECT DATABASE() AS db')
  // a MySQL "schema" is a database; with one named in the URL, that is the app's
  const only = schemas?.length ? schemas : current?.db ? [current.db] : undefined
  const filter = only ? `AND TABLE_SCHEMA IN (${only.map(() => '?').join(', ')})` : `AND TABLE_SCHEMA NOT IN ${SYSTEM_SCHEMAS}`
  const params = only ?? []
  // one statement at a time: a connection runs queries in sequence anyway, and pg warns otherwise
  const tables = await client.query<{ table_schema: string; table_name: string; estimate: unknown }>(
      `SELECT TABLE_SCHEMA AS table_schema, TABLE_NAME AS table_name, TABLE_ROWS AS estimate FROM information_schema.TABLES
       WHERE TABLE_TYPE = 'BASE TABLE' ${filter} ORDER BY TABLE_SCHEMA, TABLE_NAME`,
      params,
    )
  const columns = await client.query<{ table_schema: string; table_name: string; column_name: string; data_type: string; column_type: string }>(
      `SELECT TABLE_SCHEMA AS table_schema, TABLE_NAME AS table_name, COLUMN_NAME AS column_name, DATA_TYPE AS data_type, COLUMN_TYPE AS column_type
       FROM information_schema.COLUMNS WHERE 1 = 1 ${filter} ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION`,
      params,
    )
  const keys = await client.query<{ table_schema: string; table_name: string; constraint_name: string; column_name: string; ref_schema: string | null; ref_table: string | null; ref_column: string | null; on_delete: string | null }>(
      `SELECT k.TABLE_SCHEMA AS table_schema, k.TABLE_NAME AS table_name, k.CONSTRAINT_NAME AS constraint_name, k.COLUMN_NAME AS column_name,
         k.REFERENCED_TABLE_SCHEMA AS ref_schema, k.REFERENCED_TABLE_NAME AS ref_table, k.REFERENCED_COLUMN_NAME AS ref_column, r.DELETE_RULE AS on_delete
       FROM information_schema.KEY_COLUMN_USAGE k LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS r
         ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
       WHERE (k.CONSTRAINT_NAME = 'PRIMARY' OR k.REFERENCED_TABLE_NAME IS NOT NULL) ${filter.replace('TABLE_SCHEMA', 'k.TABLE_SCHEMA')}
       ORDER BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
      params,
    )
  const key = (schema: string, name: string) => `${schema}\0${name}`
  const unreadable = await probeSelect(client, tables)
  const hidden = new Set(unreadable.map((t) => key(t.schema!, t.name)))
  const byName = new Map<string, CatalogTable>()
  const out: CatalogTable[] = []
  for (const t of tables) {
    if (hidden.has(key(t.table_schema, t.table_name))) continue
    const table: CatalogTable = { schema: t.table_schema, name: t.table_name, columns: [], primaryKey: [], foreignKeys: [], ...(t.estimate != null ? { estimate: Number(t.estimate) } : {}) }
    byName.set(key(t.table_schema, t.table_name), table)
    out.push(table)
  }
  for (const c of columns) byName.get(key(c.table_schema, c.table_name))?.columns.push({ name: c.column_name, type: c.column_type, kind: mysqlKind(c.data_type, c.column_type) })
  const foreign = new Map<string, CatalogTable['foreignKeys'][number]>()
  for (const k of keys) {
    const table = byName.get(key(k.table_schema, k.table_name))
    if (!table) continue
    if (k.constraint_name === 'PRIMARY') table.primaryKey.push(k.column_name)
    else {
      const id = `${key(k.table_schema, k.table_name)}\0${k.constraint_name}`
      let fk = foreign.get(id)
      if (!fk) {
        fk = { columns: [], references: { schema: k.ref_schema ?? undefined, name: k.ref_table! }, referencedColumns: [], onDelete: onDeleteRule(k.on_delete) }
        foreign.set(id, fk)
        table.foreignKeys.push(fk)
      }
      fk.columns.push(k.column_name)
      fk.referencedColumns.push(k.ref_column!)
    }
  }
  const visible = await client.query<{ name: string }>(`SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN ${SYSTEM_SCHEMAS} ORDER BY 1`)
  const [user] = await client.query<{ user: string }>('SELECT CURRENT_USER() AS user')
  const at = user?.user.lastIndexOf('@') ?? -1
  return {
    defaultSchema: current?.db ?? undefined,
    tables: out,
    unreadable,
    schemas: visible.map((s) => s.name),
    ...(user && at > 0 ? { role: `${mysqlSql.string(user.user.slice(0, at))}@${mysqlSql.string(user.user.slice(at + 1))}` } : {}),
  }
}

/**
 * The tables the user sees but may not SELECT from. MySQL lists a table to anyone holding any
 * privilege on it (INSERT alone will do), and its privilege tables are not readable by every user:
 * asking for no rows is the one answer that holds for roles, wildcards and column grants alike.
 */
async function probeSelect(client: ReadOnlyClient, tables: Array<{ table_schema: string; table_name: string }>): Promise<UnreadableTable[]> {
  const out: UnreadableTable[] = []
  for (const t of tables) {
    const ref = { schema: t.table_schema, name: t.table_name }
    try {
      await client.query(`SELECT 1 FROM ${mysqlSql.table(ref)} LIMIT 0`)
    } catch (error) {
      // ER_TABLEACCESS_DENIED_ERROR; anything else is not about this user's grants
      if ((error as { errno?: number }).errno !== 1142) throw error
      out.push({ ...ref, why: 'no SELECT privilege' })
    }
  }
  return out
}

function mysqlKind(dataType: string, columnType: string): ColumnKind {
  const t = dataType.toLowerCase()
  if (t === 'datetime' || t === 'timestamp') return 'time'
  if (t === 'date') return 'date'
  if (/^tinyint\(1\)/i.test(columnType) || t === 'bit' && /\(1\)/.test(columnType) || t === 'boolean') return 'boolean'
  if (/int$/.test(t)) return 'integer'
  if (t === 'decimal' || t === 'float' || t === 'double') return 'number'
  if (/char|text|enum|set/.test(t)) return 'text'
  return 'other'
}
