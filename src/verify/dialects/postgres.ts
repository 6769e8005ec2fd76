// https://www.postgresql.org/docs/current/sql-set-transaction.html
// https://node-postgres.com/apis/client
import { readFileSync } from 'node:fs'
import type { DatabaseTarget } from '../url.js'
import { describeConnectionError } from './errors.js'
import type { Catalog, CatalogTable, ColumnKind, ReadOnlyClient, Row, SessionOptions, SqlDialect, TimeEncoding, TimeWidth } from './types.js'
import { domainInLabels } from './domains.js'
import { doubledQuotes, qualifiedName } from './literals.js'
import { epochFrom, epochWindow } from './time-window.js'
import { onDeleteRule } from './on-delete.js'
import { ConnectionError } from './types.js'

/** What the session needs of a PostgreSQL connection: `pg.Client`, a PGlite instance, … */
export interface PgQueryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`
/** LIKE's own characters as literals (its default escape is the backslash) */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)
const TRUNCATE: Record<Exclude<TimeWidth, 10_000>, string> = { 1: 'milliseconds', 1000: 'second', 60_000: 'minute' }

/** PostgreSQL's SQL; PGlite reuses it whole, as Kysely's pglite dialect reuses the postgres one. */
export const postgresSql: SqlDialect = {
  id: 'postgres',
  family: 'postgres',
  quote,
  table: qualifiedName(quote),
  // standard_conforming_strings is on since 9.1: only the quote doubles
  string: doubledQuotes,
  epochMs: (column: string, encoding: TimeEncoding) =>
    encoding === 'epoch'
      ? `(CASE WHEN ${column} > 100000000000000 THEN ${column} / 1000 WHEN ${column} > 100000000000 THEN ${column} ELSE ${column} * 1000 END)::bigint`
      : // extract() is numeric since PostgreSQL 14 and costs twice as much; date_part's double holds
        // whole microseconds exactly, so rounding to them first keeps every millisecond exact
        `floor(round(date_part('epoch', ${column}) * 1000000) / 1000)::bigint`,
  // date_trunc on the stored timestamp, as the naive same-second query groups: no conversion per row
  timeWindow: (column, encoding, width) =>
    encoding === 'epoch'
      ? epochWindow(postgresSql, column, encoding, width)
      : width === 10_000
        ? // no date_trunc unit; date_bin would leave out PostgreSQL before 14
          { key: `floor(date_part('epoch', ${column}) / 10)`, start: (key) => `(${key})::bigint * 10000`, offGrid: `date_part('epoch', ${column}) / 10 <> floor(date_part('epoch', ${column}) / 10)` }
        : { key: `date_trunc('${TRUNCATE[width]}', ${column})`, start: (key) => postgresSql.epochMs(key, 'timestamp'), offGrid: `date_trunc('${TRUNCATE[width]}', ${column}) <> ${column}` },
  // an untyped literal with its offset: exact for timestamptz, and a timestamp without time zone
  // drops the offset as date_part above reads it, as UTC
  // (https://www.postgresql.org/docs/current/datatype-datetime.html#DATATYPE-TIMEZONES)
  timeFrom: (column, encoding, ms) => (encoding === 'epoch' ? epochFrom(column, ms) : `${column} >= '${new Date(ms).toISOString().slice(0, 23).replace('T', ' ')}+00'`),
  intDiv: (expr, divisor) => `((${expr}) / ${divisor})`,
  localPart: (expr) => `split_part(${expr}, '@', 1)`,
  // one LIKE ANY over the texts joined: a third of the time of a case-insensitive alternation, and
  // of one search per column
  mentions: (exprs, words) =>
    `(lower(${exprs.map((e) => `coalesce(${e}, '')`).join(` || ' ' || `)}) LIKE ANY (ARRAY[${words.map((w) => postgresSql.string(`%${likeEscape(w.toLowerCase())}%`)).join(', ')}]))`,
  // split_part counts from the end only since PostgreSQL 14: reverse() reaches the last field anywhere
  domainUnder: (email, domains) => {
    const fromEnd = (text: string, delimiter: string, n: number) => `reverse(split_part(reverse(${text}), '${delimiter}', ${n}))`
    const domain = `lower(${fromEnd(email, '@', 1)})`
    const labels = (n: number) => (n === 1 ? `lower(${fromEnd(email, '.', 1)})` : Array.from({ length: n }, (_, i) => fromEnd(domain, '.', n - i)).join(` || '.' || `))
    return domainInLabels(email, domain, labels, postgresSql.string, domains)
  },
  matches: (expr, pattern) => `(${expr} ~ ${postgresSql.string(pattern)})`,
  charLength: (expr) => `length(${expr})`,
  stripTrailingDigits: (expr) => `rtrim(${expr}, '0123456789')`,
  // callers keep to nine digits (in the WHERE that precedes it): bigint groups and divides as integers
  digitsToInteger: (expr) => `CAST(${expr} AS bigint)`,
  text: (expr) => `CAST(${expr} AS text)`,
  readCatalog: readPostgresCatalog,
}

/** Opens another connection to the same server, for a session on the first one's snapshot. */
export type PgConnector = () => Promise<{ conn: PgQueryable; release: () => Promise<void> }>

/**
 * Opens the read-only session on an open connection: one REPEATABLE READ transaction, so every
 * check sees the same snapshot, that PostgreSQL itself refuses to write in, with a statement
 * timeout that ends with it. `close` rolls back and then releases the connection. With `connector`,
 * the session can fork: further connections import its exported snapshot (as pg_dump --jobs does),
 * so checks read in parallel and still see one moment.
 */
export async function openPostgresSession(conn: PgQueryable, release: () => Promise<void>, options: SessionOptions, sql: SqlDialect = postgresSql, connector?: PgConnector, snapshot?: string): Promise<ReadOnlyClient> {
  const begin = async () => {
    await conn.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')
    // must come before any other statement of the transaction
    if (snapshot) await conn.query(`SET TRANSACTION SNAPSHOT ${doubledQuotes(snapshot)}`)
  }
  await begin()
  // first, while nothing has been read: a server that will not export (a standby in recovery, a
  // pooler) aborts the transaction, which then simply begins again, unshared
  const exported = connector && (options.connections ?? 1) > 1 ? await exportSnapshot(conn).catch(async () => (await conn.query('ROLLBACK'), await begin(), undefined)) : undefined
  await conn.query(`SET LOCAL statement_timeout = ${Math.round(options.timeoutMs)}`)
  await conn.query('SET LOCAL lock_timeout = 5000')
  let closed = false
  const fork = async (): Promise<ReadOnlyClient | undefined> => {
    if (closed) return undefined
    let other
    try {
      other = await connector!()
    } catch {
      return undefined
    }
    try {
      return await openPostgresSession(other.conn, other.release, options, sql, undefined, exported)
    } catch {
      await other.release().catch(() => {})
      return undefined
    }
  }
  return {
    sql,
    async query<R>(text: string, params: readonly unknown[] = []) {
      const result = await conn.query(text, [...params])
      return result.rows as R[]
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
    ...(exported ? { fork } : {}),
  }
}

/** The transaction's snapshot, for other sessions to import (as pg_dump --jobs shares one). */
async function exportSnapshot(conn: PgQueryable): Promise<string | undefined> {
  const { rows } = await conn.query('SELECT pg_export_snapshot() AS id')
  return typeof rows[0]?.id === 'string' ? rows[0].id : undefined
}

/** The part of the `pg` module used here. */
interface PgModule {
  Client: new (config: Record<string, unknown>) => PgConnection & { connect(): Promise<unknown>; on(event: 'error', listener: (error: Error) => void): unknown }
}

/** A connection of its own, which its opener ends. */
export interface PgConnection extends PgQueryable {
  end(): Promise<void>
}

/**
 * Opens plain connections to the server the target names: its SSL mode (the first connection that
 * succeeds settles it for the later ones) and the `?schema=` search path. What a connection may do
 * is its caller's to decide: the verifier opens read-only sessions on them. Throws ConnectionError.
 */
export async function postgresConnector(target: DatabaseTarget, applicationName: string, connectTimeoutMs?: number): Promise<{ first: PgConnection; open: () => Promise<PgConnection> }> {
  const pg = (await import('pg')) as unknown as PgModule & { default?: PgModule }
  const Client = pg.Client ?? pg.default!.Client
  const url = new URL(target.url)
  const params = url.searchParams
  const host = params.get('host') ?? url.hostname ?? 'localhost'
  const base = {
    host: decodeURIComponent(host),
    port: target.port,
    user: target.user,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database: target.database,
    application_name: applicationName,
    connectionTimeoutMillis: connectTimeoutMs ?? Number(params.get('connect_timeout') ?? 10) * 1000,
  }
  const attempt = async (ssl: unknown) => {
    const client = new Client({ ...base, ssl })
    // a dropped connection must not crash the process between queries
    client.on('error', () => {})
    try {
      await client.connect()
    } catch (error) {
      await client.end().catch(() => {})
      throw error
    }
    return client
  }
  const modes = sslAttempts(params, base.host)
  const schema = params.get('schema')
  let ssl = modes[0]
  const open = async () => {
    const client = await attempt(ssl)
    if (schema) await client.query(`SET search_path TO ${quote(schema)}`).catch(async (error: unknown) => {
      await client.end().catch(() => {})
      throw error
    })
    return client
  }
  try {
    try {
      return { first: await open(), open }
    } catch (error) {
      // sslmode=prefer: fall back to plain only when the server has no SSL at all
      if (modes.length > 1 && /does not support SSL/i.test((error as Error).message)) {
        ssl = modes[1]
        return { first: await open(), open }
      }
      throw error
    }
  } catch (error) {
    throw new ConnectionError(describeConnectionError('PostgreSQL', target, error))
  }
}

export async function connectPostgres(target: DatabaseTarget, options: SessionOptions): Promise<ReadOnlyClient> {
  const { first, open } = await postgresConnector(target, 'seedguard verify', options.connectTimeoutMs)
  const connector: PgConnector = async () => {
    const other = await open()
    return { conn: other, release: () => other.end() }
  }
  return openPostgresSession(first, () => first.end(), options, postgresSql, connector)
}

/** libpq's sslmode (https://www.postgresql.org/docs/current/libpq-ssl.html), as pg options */
function sslAttempts(params: URLSearchParams, host: string): unknown[] {
  const mode = params.get('sslmode') ?? (params.get('ssl') === 'true' ? 'require' : undefined)
  const rootcert = params.get('sslrootcert')
  const ca = rootcert && rootcert !== 'system' ? readFileSync(rootcert, 'utf8') : undefined
  const local = host === 'localhost' || host === '127.0.0.1' || host === '::1' || host.startsWith('/')
  switch (mode ?? (local ? 'disable' : 'prefer')) {
    case 'disable':
      return [false]
    case 'allow':
    case 'prefer':
      return [{ rejectUnauthorized: false }, false]
    case 'require':
      // libpq: with a root certificate, require verifies the chain as verify-ca does
      return [ca ? { ca, rejectUnauthorized: true, checkServerIdentity: () => undefined } : { rejectUnauthorized: false }]
    case 'verify-ca':
      return [{ ca, rejectUnauthorized: true, checkServerIdentity: () => undefined }]
    default:
      return [{ ca, rejectUnauthorized: true }]
  }
}

// ---------------------------------------------------------------- catalog

async function readPostgresCatalog(client: ReadOnlyClient, schemas?: string[]): Promise<Catalog> {
  const filter = schemas?.length ? `AND n.nspname = ANY($1::text[])` : ''
  const params = schemas?.length ? [schemas] : []
  const inScope = `c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' ${filter}`
  // a SELECT grant is not enough: without USAGE on its schema the table cannot be named, and under
  // row-level security count(*) sees only the rows the policies let this role see (0 passed as clean)
  const filtered = `c.relrowsecurity AND (c.relforcerowsecurity OR NOT pg_has_role(c.relowner, 'USAGE'))
    AND NOT EXISTS (SELECT FROM pg_catalog.pg_roles r WHERE r.rolname = current_user AND (r.rolsuper OR r.rolbypassrls))`
  const readable = `has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT') AND NOT (${filtered})`
  const tables = `SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE ${inScope} AND ${readable}`
  // one statement at a time: a connection runs queries in sequence anyway, and pg warns otherwise
  const rows = await client.query<{ oid: unknown; schema: string; name: string; estimate: unknown }>(
      `SELECT c.oid::int8 AS oid, n.nspname AS schema, c.relname AS name, c.reltuples::float8 AS estimate
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid IN (${tables}) ORDER BY 2, 3`,
      params,
    )
  const columns = await client.query<{ oid: unknown; name: string; type: string; category: string }>(
      `SELECT a.attrelid::int8 AS oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, t.typcategory AS category
       FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
       WHERE a.attrelid IN (${tables}) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum`,
      params,
    )
  const keys = await client.query<{ oid: unknown; type: string; columns: string[]; ref_schema: string | null; ref_name: string | null; ref_columns: string[]; on_delete: string }>(
      `SELECT con.conrelid::int8 AS oid, con.contype::text AS type, con.confdeltype::text AS on_delete,
         array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i) JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
         fn.nspname AS ref_schema, fc.relname AS ref_name,
         array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i) JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i) AS ref_columns
       FROM pg_catalog.pg_constraint con LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
       WHERE con.contype IN ('p', 'f') AND con.conrelid IN (${tables})`,
      params,
    )
  const unreadable = await client.query<{ schema: string; name: string; usage: boolean; select: boolean }>(
      `SELECT n.nspname AS schema, c.relname AS name, has_schema_privilege(n.oid, 'USAGE') AS usage, has_table_privilege(c.oid, 'SELECT') AS select
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE ${inScope} AND NOT (${readable}) ORDER BY 1, 2`,
      params,
    )
  const schemaNames = await client.query<{ name: string }>(`SELECT nspname AS name FROM pg_catalog.pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1`)
  const current = await client.query<{ schema: string; role: string }>('SELECT current_schema() AS schema, current_user AS role')
  const byOid = new Map<string, CatalogTable>()
  const out: CatalogTable[] = []
  for (const r of rows) {
    const estimate = Number(r.estimate)
    const table: CatalogTable = { schema: r.schema, name: r.name, columns: [], primaryKey: [], foreignKeys: [], ...(estimate >= 0 ? { estimate } : {}) }
    byOid.set(String(r.oid), table)
    out.push(table)
  }
  for (const c of columns) byOid.get(String(c.oid))?.columns.push({ name: c.name, type: c.type, kind: postgresKind(c.type, c.category) })
  for (const k of keys) {
    const table = byOid.get(String(k.oid))
    if (!table) continue
    const cols = pgArray(k.columns)
    if (k.type === 'p') table.primaryKey = cols
    else if (k.ref_name) table.foreignKeys.push({ columns: cols, references: { schema: k.ref_schema ?? undefined, name: k.ref_name }, referencedColumns: pgArray(k.ref_columns), onDelete: onDeleteRule(k.on_delete) })
  }
  return {
    defaultSchema: current[0]?.schema ?? undefined,
    tables: out,
    unreadable: unreadable.map((t) =>
      !t.usage || !t.select
        ? { schema: t.schema, name: t.name, why: t.usage ? 'no SELECT privilege' : `no USAGE on schema ${t.schema}` }
        : { schema: t.schema, name: t.name, why: 'row-level security shows this role only the rows its policies allow', rowSecurity: true },
    ),
    schemas: schemaNames.map((s) => s.name),
    ...(current[0]?.role ? { role: quote(current[0].role) } : {}),
  }
}

/** pg parses text[] into an array; a driver that does not hands over '{a,b}' */
function pgArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String)
  if (typeof value === 'string') return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean).map((s) => s.replace(/^"|"$/g, ''))
  return []
}

function postgresKind(type: string, category: string): ColumnKind {
  if (/^timestamp/.test(type)) return 'time'
  if (type === 'date') return 'date'
  if (/^(smallint|integer|bigint)$/.test(type)) return 'integer'
  if (category === 'N') return 'number'
  if (category === 'S' || category === 'E') return 'text'
  if (category === 'B') return 'boolean'
  return 'other'
}
