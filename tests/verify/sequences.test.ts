// Numbered runs on every dialect: a short zero-padded run is found whole (the blocks it fills, then
// its edges); the same numbers chosen by people days apart, or a run with a gap, are not runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import predictableSequences from '../../src/verify/checks/predictable-sequences.js'
import { runVerify } from '../../src/verify/run.js'
import type { Indicator } from '../../src/verify/types.js'
import { DIALECTS, type TestDatabase } from './dialects.js'
import { END, type FixtureTable } from './fixture.js'

const DAY = 86_400_000

function members(): FixtureTable {
  const rows: Array<[string, number]> = []
  for (let i = 1; i <= 9; i++) rows.push([`test0${i}`, END - 5 * DAY + i * 2000])
  for (let i = 84; i <= 91; i++) rows.push([`sam${i}`, END - 40 * DAY + i * DAY / 3])
  for (const i of [20, 21, 22, 24, 25, 26]) rows.push([`demo_${i}`, END - 9 * DAY + i * 1000])
  rows.sort((a, b) => a[1] - b[1])
  return { name: 'members', columns: [['id', 'id'], ['username', 'text'], ['createdAt', 'time']], rows: rows.map(([u, t], i) => [i + 1, u, t]) }
}

for (const dialect of DIALECTS) {
  describe(`${dialect.id}: numbered runs`, () => {
    let db: TestDatabase
    let found: Indicator[] = []
    beforeAll(async () => {
      db = await dialect.create('sequences', [members()])
      const client = await db.open()
      try {
        found = (await runVerify(client, 'test', { schemas: db.schemas }, undefined, [predictableSequences])).indicators
      } finally {
        await client.close()
      }
    }, 120_000)
    afterAll(async () => db?.drop())

    it('finds test01 … test09 whole, and nothing else', () => {
      expect(found).toHaveLength(1)
      expect(found[0]).toMatchObject({ column: 'username', count: 9, severity: 'error' })
      expect(found[0]!.message).toContain('test1…test9 (9 in a row)')
    })
  })
}
