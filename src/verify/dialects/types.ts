// The one seam between the verifier and a database. Kysely's dialects take a structural subset of
// each driver instead of the driver's own type (src/dialect/postgres/postgres-dialect-config.ts:
// "We don't use the type from `pg` here to not have a dependency to it"); so do these.

export type DialectId = 'postgres' | 'mysql' | 'sqlite' | 'pglite'

/**
 * A session that can only read. The dialect opens it read-only its own way (a READ ONLY
 * transaction, a read-only file handle); `close` ends it without committing anything. Checks get
 * one of these and never open a connection themselves.
 */
export interface ReadOnlyClient {
  readonly sql: SqlDialect
  query<R = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>
  close(): Promise<void>
  /**
   * Another read-only session on this one's snapshot, so checks can read in parallel and still see
   * one moment of the database; only where the database can share a snapshot (PostgreSQL exports
   * one). Undefined when it cannot be had: a server out of connections, a snapshot it will not export.
   */
  fork?(): Promise<ReadOnlyClient | undefined>
}

export type Row = Record<string, unknown>

export interface TableRef {
  /** undefined for SQLite's main database and for the connection's default schema */
  schema?: string
  name: string
}

/** the windows the verifier groups time by: a millisecond, a second, ten seconds, a minute */
export type TimeWidth = 1 | 1000 | 10_000 | 60_000

export interface TimeWindow {
  key: string
  start(key: string): string
  /** true for a value inside its window rather than at its start: timestamps finer than the width */
  offGrid: string
}

/** How a column's values are read as time. */
export type TimeEncoding = 'timestamp' | 'epoch' | 'dynamic'

export type ColumnKind = 'time' | 'date' | 'integer' | 'number' | 'text' | 'boolean' | 'other'

export interface CatalogColumn {
  name: string
  /** the declared type, as the database reports it */
  type: string
  kind: ColumnKind
}

/** What the database does to a referencing row when the row it references is deleted. */
export type OnDelete = 'cascade' | 'restrict' | 'no action' | 'set null' | 'set default'

export interface CatalogForeignKey {
  columns: string[]
  references: TableRef
  referencedColumns: string[]
  onDelete: OnDelete
}

export interface CatalogTable extends TableRef {
  columns: CatalogColumn[]
  primaryKey: string[]
  foreignKeys: CatalogForeignKey[]
  /** the planner's row estimate, when the database keeps one */
  estimate?: number
}

/** The SQL that differs between databases. Everything else the checks write is standard SQL. */
export interface SqlDialect {
  id: DialectId
  /** 'postgres' for PGlite too: it speaks the same SQL */
  family: 'postgres' | 'mysql' | 'sqlite'
  quote(identifier: string): string
  table(ref: TableRef): string
  string(value: string): string
  /** integer epoch milliseconds of a time column (NULL stays NULL) */
  epochMs(column: string, encoding: TimeEncoding): string
  /**
   * Windows of `width` ms of a time column as a GROUP BY key, in the form the database groups
   * fastest (PostgreSQL truncates its timestamps natively; the others divide epoch ms), and the
   * window's start in epoch ms from a key.
   */
  timeWindow(column: string, encoding: TimeEncoding, width: TimeWidth): TimeWindow
  /**
   * A condition on a time column that holds for every row at or after `ms` (epoch milliseconds), as
   * a range an index on the column serves; it may also hold rows a little before `ms` (a time zone's
   * worth in SQLite's text), so the caller refines it with `epochMs`.
   */
  timeFrom(column: string, encoding: TimeEncoding, ms: number): string
  /** integer division of a non-negative integer expression */
  intDiv(expr: string, divisor: number): string
  /** the part of an email address before the @ */
  localPart(expr: string): string
  /** a case-insensitive test: one of the texts contains one of `words` (one search over them all where the database can) */
  mentions(exprs: readonly string[], words: readonly string[]): string
  /**
   * Whether an email address's domain (after the last @), lowercased, is one of `domains` or lies
   * under one (a subdomain, or a top-level name such as 'test'); hashed lookups where the
   * database has them rather than a LIKE per domain.
   */
  domainUnder(email: string, domains: readonly string[]): string
  /** a POSIX regular expression test, or undefined where the database has no regex (SQLite without an extension) */
  matches(expr: string, pattern: string): string | undefined
  /** length in characters */
  charLength(expr: string): string
  /** the text without its trailing digits ('user12' → 'user') */
  stripTrailingDigits(expr: string): string
  /** a string of at most nine digits as an integer */
  digitsToInteger(expr: string): string
  /** any value as text (enums, booleans) for comparisons */
  text(expr: string): string
  /** every table the session can read, with columns and keys; `schemas` narrows the search */
  readCatalog(client: ReadOnlyClient, schemas?: string[]): Promise<Catalog>
}

export interface Catalog {
  /** the schema unqualified names resolve to (`current_schema()`, `DATABASE()`); shown without prefix */
  defaultSchema?: string
  tables: CatalogTable[]
  /** tables the catalog shows in the schemas searched that this session may not read: never judged clean */
  unreadable: UnreadableTable[]
  /** every schema (PostgreSQL) or database (MySQL) the session can see, to name a `--schema` that is none; undefined where there are none (SQLite) */
  schemas?: string[]
  /** the role the session reads as, for the GRANT that would let it read: `"app"`, `'app'@'%'` */
  role?: string
}

/** A table the session sees but may not SELECT from. */
export interface UnreadableTable extends TableRef {
  /** `no SELECT privilege`, `no USAGE on schema auth` */
  why: string
  /** readable, but row-level security filters what this role sees: no GRANT helps, BYPASSRLS does */
  rowSecurity?: boolean
}

export interface SessionOptions {
  /** the limit for one statement, in milliseconds; 0 for none (as PostgreSQL's statement_timeout = 0) */
  timeoutMs: number
  /** the limit for opening a connection to a server; default: the URL's connect_timeout, else 10 s */
  connectTimeoutMs?: number
  /** sessions wanted on one snapshot in all (default 1): above one, the session prepares to fork */
  connections?: number
}

/** Thrown for a connection that cannot be opened; the message is one line and holds no secret. */
export class ConnectionError extends Error {
  override name = 'ConnectionError'
}
