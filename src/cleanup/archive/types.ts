// The archive `cleanup --apply` writes before it deletes and `restore` reads back: JSON Lines, one
// header line, then per table a section line followed by its rows, then an end line whose counts
// prove the file whole (a truncated archive is refused, never half-restored).
import type { DialectId, TableRef } from '../../verify/dialects/types.js'

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/** A column as the catalog declares it; the codec reads and writes its values losslessly. */
export interface ArchivedColumn {
  name: string
  /** the declared type, as the catalog reports it (`timestamp(3) without time zone`, `decimal(10,2)`, `BLOB`) */
  type: string
}

/**
 * One table's rows in the archive. `delete`: whole rows, put back by INSERT with their original
 * keys. `set-null`: rows the database kept but whose foreign-key columns the cleanup set to NULL
 * (ON DELETE SET NULL): the key and the old values, put back by UPDATE.
 */
export interface ArchivedTable {
  table: TableRef
  /** `User`, `auth.users`: as the verifier names it */
  display: string
  action: 'delete' | 'set-null'
  /** every column for `delete`; the key columns and the nulled ones for `set-null` */
  columns: ArchivedColumn[]
  /** the columns that identify a row: the primary key, or every column where there is none */
  key: string[]
}

export interface ArchiveHeader {
  format: 'seedguard-archive'
  version: 1
  dialect: DialectId
  /** the database, masked (no password) */
  database: string
  planHash: string
  scope: 'seeded' | 'all'
  /** ISO 8601 */
  createdAt: string
}

/** How one dialect reads values for the archive and writes them back, so that every type round-trips. */
export interface RowCodec {
  /**
   * the SELECT list that reads `columns` losslessly, in their order (no alias clashes with the
   * table's own names: each expression is named `seedguard:<n>`, and `archivedValues(row, columns)`
   * takes a row's values back in order)
   */
  selectList(columns: readonly ArchivedColumn[]): string
  /** a value as `selectList` read it → the archive's JSON */
  encode(value: unknown, column: ArchivedColumn): JsonValue
  /** the archive's JSON → a parameter for `placeholder(column)` */
  decode(value: JsonValue, column: ArchivedColumn): unknown
  /** the value expression for one parameter in an INSERT or UPDATE (`?`, `UNHEX(?)`, `?::bytea`) */
  placeholder(column: ArchivedColumn): string
}

/** Streams an archive to a file; the cleanup writes every row here before its DELETE runs. */
export interface ArchiveWriter {
  /** starts a table's section; its rows follow */
  table(table: ArchivedTable): Promise<void>
  /** one row, values in the section's column order, as `selectList` read them (waits when the file is behind) */
  row(values: readonly unknown[]): Promise<void>
  /** writes the end line with each section's row count and flushes the file to disk (fsync): call before COMMIT */
  finish(): Promise<void>
  /** removes the partial file: the cleanup rolled back, so there is nothing to restore */
  abort(): Promise<void>
}
