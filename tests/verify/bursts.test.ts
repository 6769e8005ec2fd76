// A batch written in one millisecond on a busy table: its second holds only a little more than
// the table's ordinary seconds, so the millisecond scale must find it, on every dialect. The same
// traffic without the batch stays clean. And a small burst in a quiet hour next to busy minutes:
// more busy seconds than the candidate limit hold more rows than it does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findBurstCandidates } from '../../src/verify/checks/burst-candidates.js'
import creationBursts from '../../src/verify/checks/creation-bursts.js'
import type { Check, Indicator } from '../../src/verify/types.js'
import { DIALECTS, type TestDatabase, verifyTables } from './dialects.js'
import { END, rng, type FixtureTable } from './fixture.js'

const PER_SECOND = 12
const SECONDS = 20 * 60
const BATCH = 12
const BATCH_AT = END - 10 * 60_000 + 437

function busy(name: string, withBatch: boolean): FixtureTable {
  const random = rng(7)
  const times: number[] = []
  for (let i = 0; i < SECONDS * PER_SECOND; i++) times.push(END - SECONDS * 1000 + Math.floor(random() * SECONDS * 1000))
  if (withBatch) for (let i = 0; i < BATCH; i++) times.push(BATCH_AT)
  times.sort((a, b) => a - b)
  return { name, columns: [['id', 'id'], ['created_at', 'time']], rows: times.map((t, i) => [i + 1, t]) }
}

/** a busy hour (8 a second), then an hour at one a minute with five rows in one second */
function mixed(): FixtureTable {
  const random = rng(11)
  const busyFrom = END - 120 * 60_000
  const times: number[] = []
  for (let i = 0; i < 60 * 60 * 8; i++) times.push(busyFrom + Math.floor(random() * 60 * 60_000))
  for (let m = 60; m < 120; m++) times.push(busyFrom + m * 60_000 + Math.floor(random() * 60_000))
  for (let i = 0; i < 5; i++) times.push(QUIET_BURST + i * 90)
  times.sort((a, b) => a - b)
  return { name: 'mixed_events', columns: [['id', 'id'], ['created_at', 'time']], rows: times.map((t, i) => [i + 1, t]) }
}
const QUIET_BURST = END - 30 * 60_000 + 20_123

for (const dialect of DIALECTS) {
  describe(`${dialect.id}: a one-millisecond batch on a busy table`, () => {
    let db: TestDatabase | undefined
    let found: Indicator[] = []
    const quietWhenCut: boolean[] = []
    // the first read cut short, as a table too busy for it would: the minute counts must be joined
    const probe: Check = {
      id: 'probe',
      title: 'candidates with a first read of 100',
      scope: 'table',
      async run(ctx, table) {
        if (table.display === 'mixed_events') {
          const { windows } = await findBurstCandidates(ctx, table, 100)
          quietWhenCut.push(windows.some((w) => w.width === 1000 && w.start === Math.floor(QUIET_BURST / 1000) * 1000))
        }
        return []
      },
    }
    beforeAll(async () => {
      ;({ db, indicators: found } = await verifyTables(dialect, 'bursts', [busy('busy_events', false), busy('batched_events', true), mixed()], [creationBursts, probe]))
    }, 120_000)
    afterAll(async () => db?.drop())

    it('finds the batch in its millisecond', () => {
      const batch = found.find((i) => i.table === 'batched_events' && i.severity === 'error')
      expect(batch?.count).toBeGreaterThanOrEqual(BATCH)
      expect(batch?.count).toBeLessThanOrEqual(BATCH + 1)
      expect(batch?.samples[0]).toContain(new Date(BATCH_AT).toISOString())
    })

    it('finds five rows in one quiet second though thousands of busy seconds hold more', () => {
      const quiet = found.filter((i) => i.table === 'mixed_events' && i.severity !== 'info')
      expect(quiet).toHaveLength(1)
      expect(quiet[0]!.count).toBe(5)
      expect(quiet[0]!.samples[0]).toContain(new Date(QUIET_BURST).toISOString())
    })

    it('finds it too when the first read is cut short', () => {
      expect(quietWhenCut).toEqual([true])
    })

    it('leaves the same traffic without it alone', () => {
      expect(found.filter((i) => i.table === 'busy_events' && i.severity !== 'info')).toEqual([])
    })
  })
}
