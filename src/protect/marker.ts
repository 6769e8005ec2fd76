import type { ReadOnlyClient, SqlDialect } from '../verify/dialects/types.js'

/**
 * The database's own word on what it is: one row naming its environment, as Rails records its
 * environment in `ar_internal_metadata` and refuses destructive tasks on a production database
 * whatever the shell says (https://guides.rubyonrails.org/active_record_migrations.html#preparing-the-database,
 * ActiveRecord::ProtectedEnvironmentError).
 */
export const MARKER_TABLE = '_seedguard_environment'

export interface Marker {
  environment: string
  /** ISO 8601 */
  protectedAt: string
  /** `user@host` of whoever ran `seedguard protect` */
  protectedBy: string
  /** the runs let through by SEEDGUARD_ALLOW_PRODUCTION, one line each, oldest first */
  overrides: string[]
}

/** Text columns only: one definition that PostgreSQL, MySQL/MariaDB and SQLite all read the same. */
export const MARKER_DDL = `CREATE TABLE IF NOT EXISTS ${MARKER_TABLE} (environment VARCHAR(64) NOT NULL, protected_at VARCHAR(40) NOT NULL, protected_by VARCHAR(255) NOT NULL, overrides TEXT)`

/** whether the marker table is there, asked of the catalog: a SELECT on a missing table would abort a PostgreSQL transaction */
export const MARKER_EXISTS: Record<SqlDialect['family'], string> = {
  // to_regclass follows the search_path, as an unqualified name does (https://www.postgresql.org/docs/current/functions-info.html)
  postgres: `SELECT 1 AS found WHERE to_regclass('${MARKER_TABLE}') IS NOT NULL`,
  mysql: `SELECT 1 AS found FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '${MARKER_TABLE}'`,
  sqlite: `SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = '${MARKER_TABLE}'`,
}

export interface MarkerRow {
  environment: string
  protected_at: string
  protected_by: string
  overrides: string | null
}

export const SELECT_MARKER = `SELECT environment, protected_at, protected_by, overrides FROM ${MARKER_TABLE} ORDER BY protected_at DESC`

/** The marker, read on a read-only session; undefined when the database carries none. */
export async function readMarker(client: ReadOnlyClient): Promise<Marker | undefined> {
  if ((await client.query(MARKER_EXISTS[client.sql.family])).length === 0) return undefined
  const [row] = await client.query<MarkerRow>(SELECT_MARKER)
  return row && markerOf(row)
}

export function markerOf(row: MarkerRow): Marker {
  return { environment: String(row.environment), protectedAt: String(row.protected_at), protectedBy: String(row.protected_by), overrides: row.overrides ? String(row.overrides).split('\n').filter(Boolean) : [] }
}
