// The cleanup's one writable session, as the verifier and the cleanup's own statements use it. Plan
// and apply both run in it, inside one transaction: the key sets live in temporary tables, which
// PostgreSQL refuses to create in a READ ONLY transaction
// (https://www.postgresql.org/docs/current/sql-set-transaction.html); --plan rolls back.
import type { WritableSession } from '../protect/writable.js'
import { mysqlSql } from '../verify/dialects/mysql.js'
import { pgliteSql } from '../verify/dialects/pglite.js'
import { postgresSql } from '../verify/dialects/postgres.js'
import { sqliteSql } from '../verify/dialects/sqlite.js'
import type { DialectId, ReadOnlyClient, SqlDialect } from '../verify/dialects/types.js'
import type { Table } from '../verify/types.js'

export interface CleanupSession {
  sql: SqlDialect
  writable: WritableSession
  /** the same session as the verifier reads it: its checks' SQL and placeholders pass through untouched */
  reader: ReadOnlyClient
  /** the placeholder of the n-th parameter (from 1) */
  param(n: number): string
}

const DIALECTS: Record<DialectId, SqlDialect> = { postgres: postgresSql, pglite: pgliteSql, mysql: mysqlSql, sqlite: sqliteSql }

export function cleanupSession(writable: WritableSession, dialect: DialectId): CleanupSession {
  const sql = DIALECTS[dialect]
  const reader: ReadOnlyClient = { sql, query: (text, params) => writable.query(text, params), close: async () => {} }
  return { sql, writable, reader, param: (n) => (sql.family === 'postgres' ? `$${n}` : '?') }
}

/**
 * Opens the cleanup's transaction. PostgreSQL: REPEATABLE READ, so the plan is computed on one
 * snapshot and a row changed by someone else meanwhile fails the DELETE rather than slipping by
 * (https://www.postgresql.org/docs/current/transaction-iso.html#XACT-REPEATABLE-READ). MySQL/MariaDB:
 * the settings the verifier's SQL assumes (UTC, no backslash escapes). SQLite: foreign keys enforced
 * (they are off per connection by default, https://www.sqlite.org/foreignkeys.html#fk_enable; the
 * pragma is a no-op inside a transaction) and the write lock taken at once (BEGIN IMMEDIATE).
 */
export async function begin(session: CleanupSession, timeoutMs: number): Promise<void> {
  const { writable } = session
  const ms = Math.round(timeoutMs)
  switch (session.sql.family) {
    case 'postgres':
      await writable.query('BEGIN ISOLATION LEVEL REPEATABLE READ')
      await writable.query(`SET LOCAL statement_timeout = ${ms}`)
      return
    case 'mysql': {
      const [version] = await writable.query<{ v: unknown }>('SELECT VERSION() AS v')
      const mariadb = /mariadb/i.test(String(version?.v ?? ''))
      await writable.query(mariadb ? `SET SESSION max_statement_time = ${ms / 1000}` : `SET SESSION max_execution_time = ${ms}`)
      await writable.query(`SET SESSION time_zone = '+00:00'`)
      await writable.query(`SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')`)
      await writable.query('START TRANSACTION')
      return
    }
    case 'sqlite':
      await writable.query('PRAGMA foreign_keys = ON')
      await writable.query('BEGIN IMMEDIATE')
  }
}

export async function rollback(session: CleanupSession): Promise<void> {
  await session.writable.query('ROLLBACK')
}

export async function commit(session: CleanupSession): Promise<void> {
  await session.writable.query('COMMIT')
}

/** the rows of `table` that `where` selects (every row without one) */
export async function countRows(session: CleanupSession, table: Table, where?: string): Promise<number> {
  const [row] = await session.writable.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${table.sql}${where ? ` WHERE ${where}` : ''}`)
  return Number(row?.n ?? 0)
}
