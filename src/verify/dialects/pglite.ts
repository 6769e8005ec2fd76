// https://pglite.dev/docs/api
// PGlite is PostgreSQL compiled to WebAssembly: the same SQL and the same READ ONLY transaction,
// as Kysely's src/dialect/pglite reuses its postgres dialect.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { DatabaseTarget } from '../url.js'
import { scrub } from '../url.js'
import { openPostgresSession, postgresSql, type PgQueryable } from './postgres.js'
import type { ReadOnlyClient, SessionOptions, SqlDialect } from './types.js'
import { ConnectionError } from './types.js'
import { importDriver } from './driver.js'

export const pgliteSql: SqlDialect = { ...postgresSql, id: 'pglite' }

/** The part of a PGlite instance used here. */
export interface PgliteLike extends PgQueryable {
  close(): Promise<void>
}

/** A session over a PGlite instance someone else owns (a test, an app); closing leaves it open. */
export function openPgliteSession(db: PgQueryable, options: SessionOptions): Promise<ReadOnlyClient> {
  return openPostgresSession(db, async () => {}, options, pgliteSql)
}

/** The PGlite database in the target's directory (in memory for none); never one created where there was none. */
export async function openPgliteDatabase(target: DatabaseTarget): Promise<PgliteLike> {
  const dir = target.path ?? ''
  // PGlite initialises a fresh cluster in a directory that holds none: that would be a write
  if (dir && !existsSync(join(dir, 'PG_VERSION'))) throw new ConnectionError(`cannot open PGlite at ${dir}: no database there (PG_VERSION missing)`)
  const { PGlite } = (await importDriver('pglite')) as unknown as { PGlite: { create(dataDir?: string): Promise<PgliteLike> } }
  try {
    return await PGlite.create(dir || undefined)
  } catch (error) {
    throw new ConnectionError(scrub(`cannot open PGlite at ${dir || 'memory:'}: ${(error as Error).message.split('\n')[0]}`, target.secrets))
  }
}

export async function connectPglite(target: DatabaseTarget, options: SessionOptions): Promise<ReadOnlyClient> {
  const db = await openPgliteDatabase(target)
  return openPostgresSession(db, () => db.close(), options, pgliteSql)
}
