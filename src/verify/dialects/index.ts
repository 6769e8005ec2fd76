import type { DatabaseTarget } from '../url.js'
import { connectMysql } from './mysql.js'
import { connectPglite } from './pglite.js'
import { connectPostgres } from './postgres.js'
import { connectSqlite } from './sqlite.js'
import type { DialectId, ReadOnlyClient, SessionOptions } from './types.js'

/** One entry per dialect file; each loads its driver only when it is used. */
const connectors: Record<DialectId, (target: DatabaseTarget, options: SessionOptions) => Promise<ReadOnlyClient>> = {
  postgres: connectPostgres,
  mysql: connectMysql,
  sqlite: connectSqlite,
  pglite: connectPglite,
}

/** Opens a read-only session for the target; throws ConnectionError with one masked line. */
export function connect(target: DatabaseTarget, options: SessionOptions): Promise<ReadOnlyClient> {
  return connectors[target.dialect](target, options)
}
