import type { DialectId } from '../../verify/dialects/types.js'
import { mysqlCodec } from './mysql-codec.js'
import { postgresCodec } from './postgres-codec.js'
import { sqliteCodec } from './sqlite-codec.js'
import type { RowCodec } from './types.js'

const CODECS: Record<DialectId, RowCodec> = { postgres: postgresCodec, pglite: postgresCodec, mysql: mysqlCodec, sqlite: sqliteCodec }

/** How `dialect` reads rows into the archive and writes them back; PGlite shares PostgreSQL's. */
export function codecFor(dialect: DialectId): RowCodec {
  return CODECS[dialect]
}
