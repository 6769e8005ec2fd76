// The back-dated rows search reads only suspicious id ranges; on every dialect it must find exactly
// the rows a running maximum over the whole table finds, no more (organic disorder under a day)
// and no fewer (several back-dated rows in one range, one at a range's first id).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import batchSignature from '../../src/verify/checks/batch-signature.js'
import type { Indicator } from '../../src/verify/types.js'
import { DIALECTS, type TestDatabase, verifyTables } from './dialects.js'
import { END, type FixtureTable } from './fixture.js'

const DAY = 86_400_000
const ROWS = 20_000
const BACKDATED = new Set([4_097, 4_098, 4_101, 9_000, 9_003, 12_345, 15_000, 15_001, 17_777, 19_999, 20_000])

function table(): FixtureTable {
  const rows: unknown[][] = []
  for (let id = 1; id <= ROWS; id++) {
    const organic = END - 60 * DAY + id * 250_000 + (id % 7 === 0 ? -6 * 3_600_000 : 0)
    const created = BACKDATED.has(id) ? END - 200 * DAY + id * 1000 : organic
    rows.push([id, `p${id}@mail.example.org`, created])
  }
  return { name: 'members', columns: [['id', 'id'], ['email', 'text'], ['createdAt', 'time']], rows }
}

/** what a running maximum in id order finds */
function expected(t: FixtureTable): string[] {
  let latest = -Infinity
  const out: string[] = []
  for (const [id, , created] of t.rows as Array<[number, string, number]>) {
    if (created < latest - DAY) out.push(String(id))
    latest = Math.max(latest, created)
  }
  return out
}

for (const dialect of DIALECTS) {
  describe(`${dialect.id}: back-dated rows`, () => {
    const fixture = table()
    let db: TestDatabase | undefined
    let indicator: Indicator | undefined
    beforeAll(async () => {
      const run = await verifyTables(dialect, 'backdated', [fixture], [batchSignature])
      db = run.db
      indicator = run.indicators.find((i) => i.column === 'createdAt')
    }, 120_000)
    afterAll(async () => db?.drop())

    it('finds exactly the rows a running maximum finds', () => {
      const ids = expected(fixture)
      expect(ids).toHaveLength(BACKDATED.size)
      expect(indicator).toMatchObject({ check: 'batch-signature', count: ids.length, severity: 'error' })
      expect(indicator!.rows).toBe(`"id" IN (${ids.map((id) => `'${id}'`).join(', ')})`.replace(/"/g, dialect.id === 'mysql' ? '`' : '"'))
    })
  })
}
