// Every indicator that flags rows names all of them for the cleanup: its selector selects as many
// rows as it counts, past the samples and key lists the verifier keeps for itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReadOnlyClient } from '../../src/verify/dialects/types.js'
import { runVerify } from '../../src/verify/run.js'
import type { Indicator } from '../../src/verify/types.js'
import { DIALECTS, type TestDatabase, type TestDialect } from '../verify/dialects.js'
import { rng } from '../verify/fixture.js'
import { optionsFor, plan } from './helpers.js'

/** the rows `indicator.select` names, counted as the cleanup reads them */
async function selected(client: ReadOnlyClient, indicator: Indicator): Promise<number> {
  const { sql } = client
  const table = indicator.table.split('.').pop()!
  const select = indicator.select!
  if (!select.refine) return Number((await client.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${sql.quote(table)} WHERE ${select.where}`))[0]!.n)
  const rows = await client.query<Record<string, unknown>>(`SELECT ${select.refine.columns.map((c) => sql.quote(c)).join(', ')} FROM ${sql.quote(table)} WHERE ${select.where}`)
  return rows.filter((r) => select.refine!.accepts(Object.values(r))).length
}

describe.each(DIALECTS)('row selectors on $id', (dialect: TestDialect) => {
  let db: TestDatabase
  let client: ReadOnlyClient
  let indicators: Indicator[]
  beforeAll(async () => {
    db = await dialect.create('cleanup_selectors')
    client = await db.open()
    indicators = (await runVerify(client, 'test', { schemas: db.schemas })).indicators
  }, 120_000)
  afterAll(async () => {
    await client?.close()
    await db?.drop()
  }, 60_000)

  it('select exactly the rows each flagging indicator counts', async () => {
    const flagging = indicators.filter((i) => i.severity === 'error' && i.check !== 'seeded-children' && i.check !== 'admin-accounts')
    expect(new Set(flagging.map((i) => i.check))).toEqual(new Set(['creation-bursts', 'batch-signature', 'demo-identities', 'predictable-sequences']))
    for (const indicator of flagging) {
      expect(indicator.select, `${indicator.check} on ${indicator.table}`).toBeDefined()
      expect(await selected(client, indicator), `${indicator.check} on ${indicator.table}: ${indicator.message}`).toBe(indicator.count)
    }
    // the back-dated rows are one of batch-signature's two kinds
    expect(flagging.some((i) => i.table === 'backdated_users' && i.check === 'batch-signature')).toBe(true)
  }, 120_000)
})

describe.each(DIALECTS)('a selector past the verifier’s own key list on $id', (dialect: TestDialect) => {
  it('names all 1,200 test identities where seeded-children’s condition keeps 1,000 keys', async () => {
    const people = Array.from({ length: 1200 }, (_, i) => [i + 1, `qa.tester${(i * 7919) % 100_000}@example.com`])
    const db = await dialect.create('cleanup_many', [{ name: 'customer', columns: [['id', 'id'], ['email', 'text']], rows: people }])
    const client = await db.open()
    try {
      const { indicators } = await runVerify(client, 'test', { schemas: db.schemas })
      const demo = indicators.find((i) => i.check === 'demo-identities')!
      expect(demo.count).toBe(1200)
      expect(await selected(client, demo)).toBe(1200)
      expect(Number((await client.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${client.sql.quote('customer')} WHERE ${demo.rows}`))[0]!.n)).toBe(1000)
    } finally {
      await client.close()
      await db.drop()
    }
  }, 120_000)
})

describe.each(DIALECTS)('what a burst takes beyond the seed on $id', (dialect: TestDialect) => {
  it('the plan says how many of the table’s own rows the burst’s span is expected to hold', async () => {
    // a loop of awaited creates, one a second for a minute, in a table that gets one row a minute
    const r = rng(5)
    const end = Date.UTC(2026, 10, 20)
    const organic = Array.from({ length: 3000 }, () => end - 2 * 86_400_000 + Math.floor(r() * 2 * 86_400_000))
    const seed = Array.from({ length: 60 }, (_, i) => end - 86_400_000 + 7_123 + i * 1000 + Math.floor(r() * 50))
    const rows = [...organic, ...seed].sort((a, b) => a - b).map((t, i) => [i + 1, `n${i}`, t])
    const db = await dialect.create('cleanup_caveat', [{ name: 'event', columns: [['id', 'id'], ['label', 'text'], ['createdAt', 'time']], rows }])
    try {
      const planned = await plan(db, dialect.id, optionsFor(db))
      expect(planned.steps).toEqual([expect.objectContaining({ table: 'event', rows: 63 })])
      expect(planned.notes).toEqual([expect.stringMatching(/^event, creation-bursts: every row created within the burst is taken, and the table's rate around then predicts 1\.\d of its own there/)])
    } finally {
      await db.drop()
    }
  }, 120_000)
})
