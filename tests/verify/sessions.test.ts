// Sessions that share one snapshot (PostgreSQL's exported snapshots): a fork sees exactly what its
// leader sees, cannot write either, and a server that will not share leaves one session that works.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../src/verify/dialects/index.js'
import { openPostgresSession, type PgQueryable } from '../../src/verify/dialects/postgres.js'
import type { ReadOnlyClient } from '../../src/verify/dialects/types.js'
import { parseDatabaseUrl } from '../../src/verify/url.js'

const url = process.env.SEEDGUARD_TEST_POSTGRES_URL
const schema = `sg_sessions_${process.pid}`

describe.skipIf(!url)('postgres: sessions on one snapshot', () => {
  let admin: pg.Client
  const count = async (client: ReadOnlyClient) => Number((await client.query<{ n: unknown }>(`SELECT count(*) AS n FROM "${schema}".t`))[0]!.n)
  const open = (connections: number) => connect(parseDatabaseUrl(url!, process.cwd()), { timeoutMs: 10_000, connections })

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; CREATE SCHEMA "${schema}"; CREATE TABLE "${schema}".t (x int); INSERT INTO "${schema}".t VALUES (1), (2)`)
  })
  afterAll(async () => {
    await admin?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await admin?.end()
  })

  it('a fork sees the moment its leader began in, not rows written since', async () => {
    const leader = await open(2)
    try {
      await admin.query(`INSERT INTO "${schema}".t VALUES (3)`)
      const fork = (await leader.fork!())!
      try {
        expect(await count(leader)).toBe(2)
        expect(await count(fork)).toBe(2)
      } finally {
        await fork.close()
      }
      const later = await open(1)
      expect(await count(later)).toBe(3)
      await later.close()
    } finally {
      await leader.close()
      await admin.query(`DELETE FROM "${schema}".t WHERE x = 3`)
    }
  })

  it('a fork is read-only too', async () => {
    const leader = await open(2)
    try {
      const fork = (await leader.fork!())!
      try {
        await expect(fork.query(`INSERT INTO "${schema}".t VALUES (9)`)).rejects.toThrow(/read-only/)
      } finally {
        await fork.close()
      }
    } finally {
      await leader.close()
    }
    expect(Number((await admin.query(`SELECT count(*) AS n FROM "${schema}".t`)).rows[0].n)).toBe(2)
  })

  it('one session unless asked for more', async () => {
    const single = await open(1)
    try {
      expect(single.fork).toBeUndefined()
    } finally {
      await single.close()
    }
  })

  it('a server that will not export a snapshot leaves a working session that does not fork', async () => {
    const conn = new pg.Client({ connectionString: url })
    await conn.connect()
    // the export fails on the server itself, which aborts the transaction as a refusing server would
    const refusing: PgQueryable = { query: (text, params) => conn.query(text.replace('pg_export_snapshot()', 'pg_export_snapshot_refused()'), params) }
    const session = await openPostgresSession(refusing, () => conn.end(), { timeoutMs: 10_000, connections: 2 }, undefined, async () => {
      throw new Error('never asked for')
    })
    try {
      expect(session.fork).toBeUndefined()
      expect(await count(session)).toBe(2)
      await expect(session.query(`DELETE FROM "${schema}".t`)).rejects.toThrow(/read-only/)
    } finally {
      await session.close()
    }
  })

  it('a server out of connections: fork answers undefined and the leader goes on', async () => {
    const conn = new pg.Client({ connectionString: url })
    await conn.connect()
    const session = await openPostgresSession(conn, () => conn.end(), { timeoutMs: 10_000, connections: 2 }, undefined, async () => {
      throw new Error('sorry, too many clients already')
    })
    try {
      expect(await session.fork!()).toBeUndefined()
      expect(await count(session)).toBe(2)
    } finally {
      await session.close()
    }
  })
})
