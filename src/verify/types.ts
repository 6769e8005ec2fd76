import type { Catalog, CatalogColumn, DialectId, OnDelete, ReadOnlyClient, SqlDialect, TableRef, TimeEncoding, UnreadableTable } from './dialects/types.js'
import type { PrismaSchemaFacts } from './prisma-schema.js'
import type { TableArrivals } from './picture.js'
import type { Since, TableScope, Watermark } from './since.js'

export type Severity = 'error' | 'warning' | 'info'

/**
 * One thing a check saw. The JSON contract prints exactly the first seven fields:
 * {check, table, column, count, severity, message, samples}.
 */
export interface Indicator {
  check: string
  table: string
  column: string | null
  count: number
  severity: Severity
  message: string
  /** a few examples, already masked */
  samples: string[]
  /** an SQL condition on `table` that selects the flagged rows (for seeded-children; demo-identities keeps at most 1000 keys here); never printed */
  rows?: string
  /** every flagged row, never a sample: what `seedguard cleanup` deletes; never printed */
  select?: RowSelector
  /** the creation times (epoch ms) each flagged episode spans, for the arrivals picture and the state's memory; never printed */
  spans?: Array<[number, number]>
}

/**
 * The rows of an indicator's table it flags, all of them: those `where` selects, and where the
 * check decides in Node (the identity classifier), only those whose `refine.columns` it accepts.
 */
export interface RowSelector {
  /** an SQL condition on the table, unqualified column names */
  where: string
  /** what the rows may hold beyond the seed, said with a cleanup's plan */
  caveat?: string
  refine?: {
    columns: string[]
    /** the row's values of `columns`, in their order */
    accepts(values: readonly unknown[]): boolean
  }
}

export interface TableSummary {
  name: string
  rows: number
  /** rows is the planner's estimate (the table is above --exact-count-limit) */
  estimated?: boolean
  /** --since: rows counts only the rows that arrived after this instant (epoch ms) */
  since?: number
}

/** A table the session sees but could not read: never judged, always reported where it is. */
export interface UncheckedTable {
  /** as TableSummary names it: `User`, `auth.users` */
  table: string
  why: string
}

/**
 * `seeded` whenever an indicator at fail-on was found, whatever else holds; otherwise
 * `incomplete` when some tables could not be read, `unreadable` when none could (or none is
 * there, or a --schema is not), and `clean` only when every table there was read.
 */
export type Verdict = 'clean' | 'seeded' | 'incomplete' | 'unreadable'

export interface VerifyResult {
  verdict: Verdict
  tables: TableSummary[]
  indicators: Indicator[]
  unchecked: UncheckedTable[]
  /** verdict unreadable: why nothing was verified, and the grant or fix that would let it be */
  problem?: string
  /** verdict incomplete: the grant that would let the unchecked tables be read */
  grant?: string
  /** admin accounts found, when any admin source was found */
  admins?: number
  database: string
  dialect: DialectId
  /** with `options.track`: where each table ended in this run's snapshot, by TableSummary name */
  watermarks?: Record<string, Watermark>
  /** with `options.picture`: rows per hour of each table with a creation time, over the window it was checked in */
  arrivals?: TableArrivals[]
}

export interface VerifyOptions {
  /** narrow discovery to these schemas (PostgreSQL schemas, MySQL databases) */
  schemas?: string[]
  /** more names of creation-time columns, tried before the built-in ones */
  createdColumns?: string[]
  expectAdmins?: number
  adminTable?: string
  /** an SQL condition on the users table that selects admins */
  adminWhere?: string
  /** more domains whose addresses are test data */
  demoDomains?: string[]
  /** count exactly up to this many rows (by the planner's estimate); estimate above it */
  exactCountLimit?: number
  prisma?: PrismaSchemaFacts
  ignoreTables?: string[]
  /** which indicators make the verdict `seeded` (default: error) */
  failOn?: 'error' | 'warning'
  /** sessions that read at once, on one snapshot, where the database can share one (default 1; the CLI's is 2) */
  connections?: number
  /** --since: judge only the rows after each table's watermark (since.ts) */
  since?: Since
  /** read each table's watermark at the end, for the next --since */
  track?: boolean
  /** count arrivals per hour for the picture (chart.ts) */
  picture?: boolean
}

export interface TimeColumn {
  name: string
  /** the quoted column */
  sql: string
  encoding: TimeEncoding
}

/** A child → parent link: `column` of this table points at `references`.`referencedColumn`. */
export interface Link {
  column: string
  references: Table
  referencedColumn: string
  /** the foreign key's ON DELETE rule; a relation only Prisma's schema declares (relationMode = "prisma") has none in the database, so nothing happens there */
  onDelete: OnDelete
}

/** A table as the checks see it: quoted names and the roles its columns play. */
export interface Table {
  ref: TableRef
  /** `User`, or `auth.users` outside the default schema */
  display: string
  /** the quoted, qualified name for SQL */
  sql: string
  model?: string
  rows: number
  estimated: boolean
  columns: CatalogColumn[]
  /** a single-column primary key */
  key?: string
  /** the primary key's columns, in order (none: the table has no primary key) */
  primaryKey: string[]
  integerKey: boolean
  created?: TimeColumn
  updated?: TimeColumn
  email?: string
  username?: string
  personName?: string
  links: Link[]
  /** migration bookkeeping (_prisma_migrations, knex_migrations, …): counted, never judged */
  system: boolean
  /** --since: `sql` selects only the new rows; this says which, and where the rows that judge them are */
  scope?: TableScope
}

export interface AdminSource {
  table: Table
  /** undefined: every row is an admin */
  where?: string
  why: string
}

export interface Discovery {
  tables: Table[]
  admins: AdminSource[]
  unchecked: UncheckedTable[]
  /** what the catalog says about access, to explain a run that read nothing or not everything */
  access: Pick<Catalog, 'schemas' | 'role' | 'defaultSchema'> & {
    unreadable: UnreadableTable[]
    /** tables left out by --ignore-table */
    ignored: number
  }
}

export interface CheckContext {
  client: ReadOnlyClient
  sql: SqlDialect
  discovery: Discovery
  options: VerifyOptions
  /** what the checks before this one found (seeded-children reads the flagged users) */
  indicators: readonly Indicator[]
}

/** A check is one file under checks/, its id equal to the file name (STYLE §3). */
export type Check =
  | { id: string; title: string; scope: 'table'; run(ctx: CheckContext, table: Table): Promise<Indicator[]> }
  | { id: string; title: string; scope: 'database'; run(ctx: CheckContext): Promise<Indicator[]> }

export type Progress = { table: string; index: number; total: number } | { done: true }
