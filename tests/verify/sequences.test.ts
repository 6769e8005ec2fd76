// Numbered runs on every dialect: a short zero-padded run and five numbers across a decade are
// found whole; the same numbers chosen by people days apart, or runs of three with a gap, are not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import predictableSequences from '../../src/verify/checks/predictable-sequences.js'
import type { Indicator } from '../../src/verify/types.js'
import { DIALECTS, type TestDatabase, verifyTables } from './dialects.js'
import { END, type FixtureTable } from './fixture.js'

const DAY = 86_400_000

function members(): FixtureTable {
  const rows: Array<[string, number]> = []
  for (let i = 1; i <= 9; i++) rows.push([`test0${i}`, END - 5 * DAY + i * 2000])
  for (let i = 84; i <= 91; i++) rows.push([`sam${i}`, END - 40 * DAY + i * DAY / 3])
  for (const i of [20, 21, 22, 24, 25, 26]) rows.push([`demo_${i}`, END - 9 * DAY + i * 1000])
  // five across a decade: no decade holds more than three of them
  for (let i = 8; i <= 12; i++) rows.push([`kai${i}`, END - 3 * DAY + i * 60_000])
  rows.sort((a, b) => a[1] - b[1])
  return { name: 'members', columns: [['id', 'id'], ['username', 'text'], ['createdAt', 'time']], rows: rows.map(([u, t], i) => [i + 1, u, t]) }
}

for (const dialect of DIALECTS) {
  describe(`${dialect.id}: numbered runs`, () => {
    let db: TestDatabase | undefined
    let found: Indicator[] = []
    beforeAll(async () => {
      ;({ db, indicators: found } = await verifyTables(dialect, 'sequences', [members()], [predictableSequences]))
    }, 120_000)
    afterAll(async () => db?.drop())

    it('finds test01 … test09 and kai8 … kai12 whole, as stored, and nothing else', () => {
      expect(found).toHaveLength(1)
      expect(found[0]).toMatchObject({ column: 'username', count: 14, severity: 'error' })
      expect(found[0]!.message).toContain('2 numbered runs of usernames, 14 rows: test01…test09 (9 in a row)')
      expect(found[0]!.samples).toEqual(['test01 … test09: 9 created together', 'kai8 … kai12: 5 created together'])
    })
  })
}
