// verify --since on every dialect: a table gains organic sign-ups (clean), then organic ones with a
// seed run among them (one alert), then organic ones again (quiet: the burst was reported), then a
// new burst (an alert again). And the incremental reads are bounded by the watermark: every
// statement that touches the table is served by the index on its creation column, never a full
// scan (PostgreSQL's EXPLAIN, SQLite's EXPLAIN QUERY PLAN, of the statements the run sent).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReadOnlyClient } from '../../src/verify/dialects/types.js'
import { runVerify } from '../../src/verify/run.js'
import type { Since } from '../../src/verify/since.js'
import { nextState, sinceOf } from '../../src/verify/state.js'
import type { Indicator, VerifyResult } from '../../src/verify/types.js'
import { DIALECTS, type TestDatabase } from './dialects.js'
import { END, insertSql, rng, type FixtureTable } from './fixture.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const FIRST = ['maria', 'james', 'aiko', 'lars', 'fatima', 'noah', 'ines', 'kwame', 'olga', 'li', 'sofia', 'omar']
const LAST = ['garcia', 'smith', 'tanaka', 'nielsen', 'haddad', 'brown', 'duarte', 'mensah', 'ivanova', 'wei']

/** rows of `members` with ids from `firstId`: sign-ups about every five minutes over [from, to), and `burst` rows within 400 ms at `at` */
function members(seed: number, firstId: number, from: number, to: number, burst?: { at: number; rows: number }): FixtureTable {
  const r = rng(seed)
  const times = Array.from({ length: Math.round((to - from) / 300_000) }, () => from + Math.floor(r() * (to - from)))
  if (burst) for (let i = 0; i < burst.rows; i++) times.push(burst.at + Math.floor((i * 400) / burst.rows))
  times.sort((a, b) => a - b)
  const email = () => `${FIRST[Math.floor(r() * FIRST.length)]}.${LAST[Math.floor(r() * LAST.length)]}${Math.floor(r() * 9000)}@gmail.com`
  return { name: 'members', columns: [['id', 'id'], ['email', 'text'], ['createdAt', 'time']], rows: times.map((t, i) => [firstId + i, email(), t]) }
}

const alerts = (result: VerifyResult): Indicator[] => result.indicators.filter((i) => i.severity !== 'info')

for (const dialect of DIALECTS) {
  describe(`${dialect.id}: verify --since over a table that keeps growing`, () => {
    let db: TestDatabase | undefined
    let since: Since | undefined
    let nextId = 1
    const grow = async (table: FixtureTable) => {
      await db!.exec(insertSql(dialect.id === 'pglite' ? 'postgres' : dialect.id, table))
      nextId += table.rows.length
    }
    /** one run as `verify --since <state> --state <state>` does it; the first reads everything */
    const run = async (): Promise<VerifyResult> => {
      const client = await db!.open()
      try {
        const result = await runVerify(client, 'test', { schemas: db!.schemas, since, track: true })
        since = sinceOf(nextState(result, since, new Date()))
        return result
      } finally {
        await client.close()
      }
    }
    beforeAll(async () => {
      const first = members(1, 1, END - 4 * DAY, END - 2 * DAY)
      db = await dialect.create('since', [first])
      nextId += first.rows.length
    }, 120_000)
    afterAll(async () => db?.drop())

    it('organic sign-ups: clean, and the watermark is the last row', async () => {
      const result = await run()
      expect(alerts(result)).toEqual([])
      expect(result.watermarks?.members?.id).toBe(String(nextId - 1))
    })

    const SEED = END - DAY - 3 * HOUR + 123
    it('a seed run among the next day’s sign-ups: one alert, about the new rows only', async () => {
      await grow(members(2, nextId, END - 2 * DAY, END - DAY, { at: SEED, rows: 30 }))
      const result = await run()
      expect(result.tables).toEqual([{ name: 'members', rows: 288 + 30, since: expect.any(Number) }])
      expect(alerts(result).map((i) => [i.check, i.count])).toEqual([['creation-bursts', 30]])
      expect(alerts(result)[0]!.samples[0]).toContain(new Date(SEED).toISOString())
    })

    it('organic sign-ups again: quiet about the burst it reported', async () => {
      await grow(members(3, nextId, END - DAY, END))
      const result = await run()
      expect(result.tables[0]!.rows).toBe(288)
      expect(alerts(result)).toEqual([])
    })

    const EDGE = END + 2 * HOUR
    it('a seed run at the very end of what the next run reads: an alert', async () => {
      const organic = members(4, nextId, END, EDGE - 1000)
      await grow({ ...organic, rows: [...organic.rows, ...Array.from({ length: 20 }, (_, i) => [nextId + organic.rows.length + i, `kai.berg${100 + i * 7}@gmail.com`, EDGE + i * 10])] })
      expect(alerts(await run()).map((i) => [i.check, i.count])).toEqual([['creation-bursts', 20]])
    })

    it('the same seed run going on past the watermark was reported already: quiet', async () => {
      const later = members(5, nextId + 10, EDGE + HOUR, EDGE + 6 * HOUR)
      await grow({ ...later, rows: [...Array.from({ length: 10 }, (_, i) => [nextId + i, `kai.berg${300 + i * 7}@gmail.com`, EDGE + 200 + i * 10]), ...later.rows] })
      expect(alerts(await run())).toEqual([])
    })

    it('a new burst alerts again', async () => {
      const at = EDGE + 9 * HOUR + 456
      await grow(members(6, nextId, EDGE + 6 * HOUR, EDGE + 12 * HOUR, { at, rows: 25 }))
      const result = await run()
      expect(alerts(result).map((i) => i.check)).toEqual(['creation-bursts'])
      // an organic sign-up within the run's own pace joins it
      expect(alerts(result)[0]!.count).toBeGreaterThanOrEqual(25)
      expect(alerts(result)[0]!.count).toBeLessThanOrEqual(26)
      expect(alerts(result)[0]!.samples[0]).toContain(new Date(at).toISOString())
    })
  })
}

/** every statement a run sends, through the dialect's own session */
function logged(client: ReadOnlyClient, log: string[]): ReadOnlyClient {
  return { sql: client.sql, query: (text, params) => (log.push(text), client.query(text, params)), close: () => client.close() }
}

const BIG = 100_000
const bounded = DIALECTS.filter((d) => d.id === 'postgres' || d.id === 'sqlite')

for (const dialect of bounded) {
  describe(`${dialect.id}: an incremental run reads only through the creation column's index`, () => {
    let db: TestDatabase | undefined
    const log: string[] = []
    let result: VerifyResult | undefined
    const at = (ms: number) => `'${new Date(ms).toISOString().slice(0, 23).replace('T', ' ')}'`
    beforeAll(async () => {
      db = await dialect.create('bounded', [])
      const from = END - 100 * DAY
      // a thousand sign-ups a day for a hundred days, then 500 more in the next half day
      const rows = (first: number, count: number, start: number, step: number) =>
        dialect.id === 'postgres'
          ? `INSERT INTO big (id, email, "createdAt") SELECT i, 'person' || i || '@mail.example.org', timestamp ${at(start)} + (i - ${first}) * interval '${step} milliseconds' + random() * interval '60 seconds' FROM generate_series(${first}, ${first + count - 1}) AS i`
          : `WITH RECURSIVE s(i) AS (SELECT ${first} UNION ALL SELECT i + 1 FROM s WHERE i < ${first + count - 1})
             INSERT INTO big (id, email, "createdAt") SELECT i, 'person' || i || '@mail.example.org', strftime('%Y-%m-%dT%H:%M:%fZ', (${start} + (i - ${first}) * ${step} + abs(random() % 60000)) / 1000.0, 'unixepoch') FROM s`
      await db.exec([
        `CREATE TABLE big (id INTEGER PRIMARY KEY, email TEXT, "createdAt" ${dialect.id === 'postgres' ? 'TIMESTAMP(3)' : 'DATETIME'})`,
        rows(1, BIG, from, 86_400),
        'CREATE INDEX big_created ON big ("createdAt")',
      ])
      let since: Since | undefined
      const full = await db.open()
      try {
        since = sinceOf(nextState(await runVerify(full, 'test', { schemas: db.schemas, track: true }), undefined, new Date()))
      } finally {
        await full.close()
      }
      await db.exec([rows(BIG + 1, 500, END + 60_000, 86_400)])
      const client = logged(await db.open(), log)
      try {
        result = await runVerify(client, 'test', { schemas: db.schemas, since, track: true, picture: true })
      } finally {
        await client.close()
      }
    }, 120_000)
    afterAll(async () => db?.drop())

    it('counts the new rows', () => {
      expect(result!.tables).toEqual([{ name: 'big', rows: 500, since: expect.any(Number) }])
      expect(result!.watermarks?.big?.id).toBe(String(BIG + 500))
    })

    it('never scans the table: every statement that reads it goes through the index', async () => {
      const reads = log.filter((q) => /\bbig\b/.test(q) && !/pg_catalog|sqlite_master|pragma_/i.test(q))
      expect(reads.length).toBeGreaterThan(5)
      const scans: string[] = []
      if (dialect.id === 'sqlite') {
        const { default: Database } = await import('better-sqlite3')
        const file = db!.url.slice('sqlite:'.length)
        const reader = new Database(file, { readonly: true })
        for (const q of reads) {
          const plan = reader.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as Array<{ detail: string }>
          scans.push(...plan.map((p) => p.detail).filter((d) => /^SCAN big\b/.test(d)).map((d) => `${d}: ${q.slice(0, 200)}`))
        }
        reader.close()
      } else {
        const pg = await import('pg')
        const reader = new pg.default.Client({ connectionString: process.env.SEEDGUARD_TEST_POSTGRES_URL })
        await reader.connect()
        await reader.query(`SET search_path TO "${db!.schemas![0]}"`)
        type Plan = { 'Node Type': string; 'Relation Name'?: string; Plans?: Plan[]; 'Actual Rows': number; 'Actual Loops': number; 'Rows Removed by Filter'?: number; 'Rows Removed by Index Recheck'?: number }
        const walk = (p: Plan): Plan[] => [p, ...(p.Plans ?? []).flatMap(walk)]
        for (const q of reads) {
          // run, so the plan says how many rows each scan of the table really went through
          const [row] = (await reader.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${q}`)).rows as Array<{ 'QUERY PLAN': Array<{ Plan: Plan }> }>
          const nodes = walk(row!['QUERY PLAN'][0]!.Plan).filter((n) => n['Relation Name'] === 'big')
          scans.push(...nodes.filter((n) => /Seq Scan/.test(n['Node Type'])).map((n) => `${n['Node Type']}: ${q.slice(0, 200)}`))
          // an index walked from the table's first row is no scan by name, but it reads as much
          const read = nodes.reduce((sum, n) => sum + (n['Actual Rows'] + (n['Rows Removed by Filter'] ?? 0) + (n['Rows Removed by Index Recheck'] ?? 0)) * n['Actual Loops'], 0)
          if (read > BIG / 20) scans.push(`${read} rows read: ${q.slice(0, 200)}`)
        }
        await reader.end()
      }
      expect(scans).toEqual([])
    })
  })
}
