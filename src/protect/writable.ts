// The one place seedguard writes to a database outside `cleanup`: the marker table. Kept apart
// from the verifier's read-only seam (src/verify/dialects/types.ts ReadOnlyClient), which it
// does not widen: `verify` never imports this module.
// https://node-postgres.com/apis/client ; https://sidorares.github.io/node-mysql2/docs ;
// https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md ; https://pglite.dev/docs/api
import type { DialectId, Row, SqlDialect } from '../verify/dialects/types.js'
import { ConnectionError } from '../verify/dialects/types.js'
import { importDriver } from '../verify/dialects/driver.js'
import { openMysqlConnection } from '../verify/dialects/mysql.js'
import { openPgliteDatabase } from '../verify/dialects/pglite.js'
import { postgresConnector, type PgQueryable } from '../verify/dialects/postgres.js'
import { scrub, type DatabaseTarget } from '../verify/url.js'

/** A session that may write. Statements take `?` placeholders whatever the database. */
export interface WritableSession {
  family: SqlDialect['family']
  run<R = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>
  /** a statement as the database takes it (`$1` on PostgreSQL, `?` elsewhere), untouched: SQL that holds a `?` of its own (a regex, a literal) passes through whole */
  query<R = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>
  close(): Promise<void>
}

/** the limit for one statement of the marker's: it touches one row */
const STATEMENT_TIMEOUT_MS = 10_000

const openers: Record<DialectId, (target: DatabaseTarget, connectTimeoutMs?: number, application?: string) => Promise<WritableSession>> = {
  postgres: async (target, connectTimeoutMs, application = 'seedguard protect') => {
    const { first: conn } = await postgresConnector(target, application, connectTimeoutMs)
    await conn.query(`SET statement_timeout = ${STATEMENT_TIMEOUT_MS}`)
    return postgresSession(conn, () => conn.end())
  },
  pglite: async (target) => {
    const db = await openPgliteDatabase(target)
    return postgresSession(db, () => db.close())
  },
  mysql: async (target, connectTimeoutMs) => {
    const conn = await openMysqlConnection(target, connectTimeoutMs)
    const query = async <R>(sql: string, params: readonly unknown[] = []) => {
      const [rows] = await conn.query(sql, [...params])
      return (Array.isArray(rows) ? rows : []) as R[]
    }
    return { family: 'mysql', run: query, query, close: () => conn.end() }
  },
  sqlite: async (target) => {
    const { default: Database } = await importDriver('sqlite')
    let db
    try {
      // fileMustExist: marking a file that is not there would create an empty database
      db = new Database(target.path!, { fileMustExist: true, timeout: STATEMENT_TIMEOUT_MS })
    } catch (error) {
      throw new ConnectionError(scrub(`cannot open SQLite database ${target.path}: ${(error as Error).message.split('\n')[0]}`, target.secrets))
    }
    const handle = db
    const query = async <R>(sql: string, params: readonly unknown[] = []) => {
      const statement = handle.prepare(sql)
      if (statement.reader) return statement.all(...params) as R[]
      statement.run(...params)
      return []
    }
    return { family: 'sqlite', run: query, query, close: async () => void handle.close() }
  },
}

function postgresSession(conn: PgQueryable, close: () => Promise<void>): WritableSession {
  return {
    family: 'postgres',
    run: async <R>(sql: string, params: readonly unknown[] = []) => {
      let n = 0
      const numbered = sql.replace(/\?/g, () => `$${++n}`)
      return (await conn.query(numbered, [...params])).rows as R[]
    },
    query: async <R>(sql: string, params: readonly unknown[] = []) => (await conn.query(sql, [...params])).rows as R[],
    close,
  }
}

/** Opens a session that may write to the target; throws ConnectionError with one masked line. `application`: the name PostgreSQL shows in pg_stat_activity */
export function openWritable(target: DatabaseTarget, connectTimeoutMs?: number, application?: string): Promise<WritableSession> {
  return openers[target.dialect](target, connectTimeoutMs, application)
}

/** `work` as one transaction: all of it or none */
export async function inTransaction<T>(session: WritableSession, work: () => Promise<T>): Promise<T> {
  await session.run('BEGIN')
  try {
    const result = await work()
    await session.run('COMMIT')
    return result
  } catch (error) {
    await session.run('ROLLBACK').catch(() => {})
    throw error
  }
}
