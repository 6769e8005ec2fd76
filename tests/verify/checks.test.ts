// Every check on every dialect, against one fixture database per dialect (fixture.ts): each check
// fires on its seeded table and stays silent on the clean one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReadOnlyClient } from '../../src/verify/dialects/types.js'
import { runVerify } from '../../src/verify/run.js'
import type { Indicator, VerifyResult } from '../../src/verify/types.js'
import { DIALECTS, type TestDatabase } from './dialects.js'

const find = (result: VerifyResult, check: string, table: string) => result.indicators.filter((i) => i.check === check && i.table === table && i.severity !== 'info')
const errors = (result: VerifyResult, table: string) => result.indicators.filter((i) => i.table === table && i.severity === 'error')

for (const dialect of DIALECTS) {
  describe(`${dialect.id}: verify`, () => {
    let db: TestDatabase
    let result: VerifyResult
    beforeAll(async () => {
      db = await dialect.create('checks')
      const client = await db.open()
      try {
        result = await runVerify(client, 'test', { schemas: db.schemas, expectAdmins: 2 })
      } finally {
        await client.close()
      }
    }, 120_000)
    afterAll(async () => db?.drop())

    it('finds the same on two sessions sharing one snapshot as on one', async () => {
      const client = await db.open(2)
      try {
        expect(client.fork !== undefined).toBe(dialect.id === 'postgres')
        const shared = await runVerify(client, 'test', { schemas: db.schemas, expectAdmins: 2, connections: 2 })
        expect(shared).toEqual(result)
      } finally {
        await client.close()
      }
    }, 120_000)

    it('counts every table exactly, odd names included', () => {
      const rows = Object.fromEntries(result.tables.map((t) => [t.name, t.rows]))
      expect(rows).toMatchObject({ app_users: 400, seed_users: 440, backdated_users: 220, Admin: 1, order: 30, 'user accounts': 85 })
      expect(result.tables.every((t) => !t.estimated)).toBe(true)
    })

    it('says seeded, and nothing is wrong with the clean app', () => {
      expect(result.verdict).toBe('seeded')
      expect(errors(result, 'app_users')).toEqual([])
      expect(errors(result, 'app_sessions')).toEqual([])
      expect(errors(result, 'order')).toEqual([])
    })

    it('creation-bursts: 40 users in 300 ms on a small app, 25 rows in one ms in `user accounts`', () => {
      const [burst] = find(result, 'creation-bursts', 'seed_users') as [Indicator]
      expect(burst).toMatchObject({ severity: 'error', column: 'createdAt', count: 40 })
      expect(burst.samples[0]).toMatch(/^40 rows within \d+ ms from 2026-11-08T14:00:07\.118Z/)
      expect(find(result, 'creation-bursts', 'user accounts')[0]).toMatchObject({ severity: 'error', count: 25 })
      expect(find(result, 'creation-bursts', 'app_users')).toEqual([])
      expect(find(result, 'creation-bursts', 'app_sessions')).toEqual([])
    })

    it('batch-signature: one shared updatedAt; back-dated rows', () => {
      expect(find(result, 'batch-signature', 'seed_users')[0]).toMatchObject({ column: 'updatedAt', count: 40, severity: 'error' })
      expect(find(result, 'batch-signature', 'backdated_users')[0]).toMatchObject({ column: 'createdAt', severity: 'error' })
      expect(find(result, 'batch-signature', 'backdated_users')[0]!.count).toBeGreaterThanOrEqual(10)
      expect(find(result, 'batch-signature', 'app_users')).toEqual([])
    })

    it('demo-identities: user1@example.com, not contest.winner@ or testa.maria@', () => {
      const [demo] = find(result, 'demo-identities', 'seed_users') as [Indicator]
      expect(demo).toMatchObject({ column: 'email', count: 40, severity: 'error' })
      expect(demo.samples[0]).toMatch(/^user\d+@example\.com: test domain example\.com$/)
      expect(find(result, 'demo-identities', 'app_users')).toEqual([])
    })

    it('predictable-sequences: user1 … user40', () => {
      const runs = find(result, 'predictable-sequences', 'seed_users')
      expect(runs.map((r) => [r.column, r.count])).toEqual([['email', 40], ['username', 40]])
      expect(runs[0]!.message).toContain('user1…user40 (40 in a row)')
      expect(find(result, 'predictable-sequences', 'app_users')).toEqual([])
    })

    it('admin-accounts: the Admin table and a role column, against --expect-admins', () => {
      const admins = result.indicators.find((i) => i.check === 'admin-accounts')!
      // the Admin table (1), app_users/seed_users/backdated_users rows with role = admin (1 each)
      expect(admins).toMatchObject({ count: 4, severity: 'error' })
      expect(admins.message).toMatch(/^expected 2 admin accounts, found 4/)
      expect(result.admins).toBe(4)
    })

    it('seeded-children: the sessions of flagged users', () => {
      expect(find(result, 'seeded-children', 'seed_sessions')[0]).toMatchObject({ column: 'userId', count: 40, severity: 'error' })
      expect(find(result, 'seeded-children', 'app_sessions')).toEqual([])
    })

    it('cannot write through the verifier’s connection', async () => {
      const probes = [
        (c: ReadOnlyClient, t: string) => `INSERT INTO ${t} (${c.sql.quote('total')}, ${c.sql.quote('created_at')}) VALUES (1, CURRENT_TIMESTAMP)`,
        (_: ReadOnlyClient, t: string) => `DELETE FROM ${t}`,
        (c: ReadOnlyClient) => `CREATE TABLE ${c.sql.table({ schema: db.schemas?.[0], name: 'sg_probe' })} (x INTEGER)`,
      ]
      // one session per attempt: PostgreSQL refuses everything after the first refusal anyway
      for (const probe of probes) {
        const client = await db.open()
        try {
          const table = client.sql.table({ schema: db.schemas?.[0], name: 'order' })
          await expect(client.query(probe(client, table))).rejects.toThrow(/read-only|readonly|read only/i)
        } finally {
          await client.close()
        }
      }
      const again = await db.open()
      try {
        const [row] = await again.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${again.sql.table({ schema: db.schemas?.[0], name: 'order' })}`)
        expect(Number(row!.n)).toBe(30)
      } finally {
        await again.close()
      }
    })
  })
}
