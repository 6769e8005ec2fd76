// A seed loop that takes minutes on a small app: no second stands out, the minutes do, and its
// steady pace tells it from a launch, whose arrivals in the same minutes come as Poisson's do. And a
// quick run cut by a window boundary is reported whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import creationBursts from '../../src/verify/checks/creation-bursts.js'
import type { Indicator } from '../../src/verify/types.js'
import { DIALECTS, type TestDatabase, verifyTables } from './dialects.js'
import { END, rng, type FixtureTable } from './fixture.js'

const DAY = 86_400_000
const AT = END - 12 * DAY + 5 * 3_600_000 + 7_377
const RUN = 40
const SPAN = 5 * 60_000
/** ten rows over two seconds, three of them before a ten-second boundary */
const STRADDLE = END - 20 * DAY + 9_377

function app(name: string, surge: 'loop' | 'launch' | 'straddle'): FixtureTable {
  const random = rng({ loop: 5, launch: 9, straddle: 13 }[surge])
  const times: number[] = []
  // about 45 sign-ups a day for 60 days
  for (let i = 0; i < 2700; i++) times.push(END - 60 * DAY + Math.floor(random() * 60 * DAY))
  const step = SPAN / (RUN - 1)
  if (surge === 'straddle') for (let i = 0; i < 10; i++) times.push(STRADDLE + i * 220)
  else for (let i = 0; i < RUN; i++) times.push(surge === 'loop' ? AT + Math.round(i * step + (random() * 2 - 1) * 0.4 * step) : AT + Math.floor(random() * SPAN))
  times.sort((a, b) => a - b)
  return { name, columns: [['id', 'id'], ['created_at', 'time']], rows: times.map((t, i) => [i + 1, t]) }
}

for (const dialect of DIALECTS) {
  describe(`${dialect.id}: seeds that take seconds or minutes`, () => {
    let db: TestDatabase | undefined
    let found: Indicator[] = []
    beforeAll(async () => {
      ;({ db, indicators: found } = await verifyTables(dialect, 'slow', [app('seeded_members', 'loop'), app('launched_members', 'launch'), app('quick_members', 'straddle')], [creationBursts]))
    }, 120_000)
    afterAll(async () => db?.drop())

    it('a steady loop is a seed', () => {
      const seed = found.find((i) => i.table === 'seeded_members' && i.severity === 'error')
      // the episode is trimmed to its dense minutes: a row at either edge may fall outside
      expect(seed?.count).toBeGreaterThanOrEqual(RUN - 2)
      expect(seed?.count).toBeLessThanOrEqual(RUN + 2)
    })

    it('ten rows in two seconds across a ten-second boundary are one run of ten', () => {
      const run = found.find((i) => i.table === 'quick_members' && i.severity === 'error')
      expect(run?.count).toBe(10)
      expect(run?.samples[0]).toContain(new Date(STRADDLE).toISOString())
    })

    it('the same surge at Poisson arrivals is a launch, not proof', () => {
      const launch = found.filter((i) => i.table === 'launched_members')
      expect(launch.filter((i) => i.severity === 'error')).toEqual([])
      expect(launch.some((i) => i.severity === 'info' && /launch/.test(i.message))).toBe(true)
    })
  })
}
