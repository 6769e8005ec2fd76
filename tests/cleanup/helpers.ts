import { tmpdir } from 'node:os'
import { applyCleanup, type ApplyInputs } from '../../src/cleanup/apply.js'
import { planCleanup, type CleanupTarget } from '../../src/cleanup/plan.js'
import type { CleanupOptions } from '../../src/cleanup/types.js'
import { decide } from '../../src/guard/decision.js'
import { projectConfig } from '../../src/guard/config.js'
import { openWritable } from '../../src/protect/writable.js'
import { mysqlSql } from '../../src/verify/dialects/mysql.js'
import { postgresSql } from '../../src/verify/dialects/postgres.js'
import { sqliteSql } from '../../src/verify/dialects/sqlite.js'
import type { DialectId, SqlDialect } from '../../src/verify/dialects/types.js'
import { parseDatabaseUrl } from '../../src/verify/url.js'
import type { TestDatabase } from '../verify/dialects.js'
import { MemoryArchive, plainCodec } from './memory-archive.js'

export const sqlOf = (id: DialectId): SqlDialect => (id === 'mysql' ? mysqlSql : id === 'sqlite' ? sqliteSql : postgresSql)

export function optionsFor(db: TestDatabase, more: Partial<CleanupOptions> = {}): CleanupOptions {
  return { scope: 'seeded', ...more, verify: { schemas: db.schemas, ...more.verify } }
}

/** `work` on a writable session of the test database, closed after */
export async function withTarget<T>(db: TestDatabase, work: (target: CleanupTarget) => Promise<T>): Promise<T> {
  const target = parseDatabaseUrl(db.url, process.cwd())
  const session = await openWritable(target)
  try {
    return await work({ session, dialect: target.dialect, database: target.masked, timeoutMs: 60_000 })
  } finally {
    await session.close()
  }
}

export function plan(db: TestDatabase, id: DialectId, options: CleanupOptions) {
  return withTarget(db, (target) => planCleanup(target, options, plainCodec(sqlOf(id))))
}

/** applies `hash` with an archive in memory; `failAt` makes its n-th row throw */
export async function apply(db: TestDatabase, id: DialectId, options: CleanupOptions, hash: string, more: Partial<ApplyInputs> & { failAt?: number; env?: Record<string, string> } = {}) {
  const archives: MemoryArchive[] = []
  const target = parseDatabaseUrl(db.url, process.cwd())
  const outcome = await withTarget(db, (t) =>
    applyCleanup(t, options, {
      hash,
      codec: plainCodec(sqlOf(id)),
      openArchive: async (header) => (archives.push(new MemoryArchive(header, more.failAt)), archives[archives.length - 1]!),
      guard: (marker) => decide({ env: more.env ?? {}, config: projectConfig(tmpdir()), database: { target, source: '--db' }, marker, action: 'seedguard cleanup --apply' }),
      operator: 'ops@test',
      ...more,
    }),
  )
  return { outcome, archive: archives[0] }
}

/** every row of every table, in key order, as text: what a cleanup must leave alone or take exactly */
export async function dump(db: TestDatabase, tables: string[]): Promise<Record<string, string[]>> {
  const client = await db.open()
  try {
    const out: Record<string, string[]> = {}
    for (const table of tables) {
      const rows = await client.query<Record<string, unknown>>(`SELECT * FROM ${client.sql.quote(table)}`)
      out[table] = rows.map((r) => JSON.stringify(Object.values(r).map((v) => (v instanceof Date ? v.toISOString() : v)))).sort()
    }
    return out
  } finally {
    await client.close()
  }
}

/** the ids of a table's rows */
export async function ids(db: TestDatabase, table: string): Promise<number[]> {
  const client = await db.open()
  try {
    return (await client.query<{ id: unknown }>(`SELECT ${client.sql.quote('id')} AS id FROM ${client.sql.quote(table)}`)).map((r) => Number(r.id)).sort((a, b) => a - b)
  } finally {
    await client.close()
  }
}
