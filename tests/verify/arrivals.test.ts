// The heart of creation-bursts: a burst is judged against the table's own rate around it.
import { describe, expect, it } from 'vitest'
import { judgeFine, mergeBursts, MINUTE, MinuteSeries, scanCoarse, trimToDense } from '../../src/verify/arrivals.js'
import { poissonTail, surprise } from '../../src/verify/stats.js'
import { rng } from './fixture.js'

const DAY = 86_400_000

/** arrival instants (ms): `perDay` a day for `days` days, with a day/night curve */
function organic(perDay: number, days: number, seed = 1): number[] {
  const r = rng(seed)
  const out: number[] = []
  while (out.length < perDay * days) {
    const t = Math.floor(r() * days * DAY)
    const hour = (t % DAY) / 3_600_000
    if (r() < (1 + 0.6 * Math.cos(((hour - 15) / 24) * 2 * Math.PI)) / 1.6) out.push(t)
  }
  return out.sort((a, b) => a - b)
}

function seriesOf(times: number[]): MinuteSeries {
  const m = new Map<number, number>()
  for (const t of times) m.set(Math.floor(t / MINUTE), (m.get(Math.floor(t / MINUTE)) ?? 0) + 1)
  return new MinuteSeries([...m])
}

/** the fullest window of each width, as the database's candidate query returns them */
function fullest(times: number[], width: number) {
  const m = new Map<number, number[]>()
  for (const t of times) {
    const k = Math.floor(t / width)
    m.set(k, [...(m.get(k) ?? []), t])
  }
  return [...m].sort((a, b) => b[1].length - a[1].length).slice(0, 50).map(([k, ts]) => ({ start: k * width, width, count: ts.length, lo: ts[0]!, hi: ts[ts.length - 1]! }))
}

const bursts = (times: number[]) => {
  const series = seriesOf(times)
  const fine = [1, 1000, 10_000].flatMap((w) => fullest(times, w).map((b) => judgeFine(series, b))).filter((b) => b.score < 1e-6)
  return mergeBursts([...fine, ...[1, 10, 60].flatMap((m) => scanCoarse(series, m))])
}

describe('stats', () => {
  it('Poisson tails, deep ones included', () => {
    expect(poissonTail(1, 1)).toBeCloseTo(1 - Math.exp(-1), 10)
    expect(poissonTail(3, 0.5)).toBeCloseTo(1 - Math.exp(-0.5) * (1 + 0.5 + 0.125), 10)
    expect(poissonTail(50, 0.001)).toBeLessThan(1e-200)
    expect(surprise(11, 2.5, 0.3)).toBeGreaterThan(1e-6)
  })
})

describe('creation bursts against the table’s own rate', () => {
  it('stays silent on 100k organic sign-ups a day, same-second collisions and all', () => {
    const times = organic(100_000, 3)
    const seconds = new Map<number, number>()
    for (const t of times) seconds.set(Math.floor(t / 1000), (seconds.get(Math.floor(t / 1000)) ?? 0) + 1)
    // the naive rule's picture: tens of thousands of seconds with more than one sign-up
    expect([...seconds.values()].filter((n) => n > 1).length).toBeGreaterThan(20_000)
    expect(bursts(times)).toEqual([])
  })

  it('flags 50 rows in one second on a 2,000-user app, as that second', () => {
    const times = organic(11, 180)
    const at = 100 * DAY + 3_600_000 * 14 + 42_050
    const found = bursts([...times, ...Array.from({ length: 50 }, (_, i) => at + i * 17)].sort((a, b) => a - b))
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ fine: true, lo: at, hi: at + 49 * 17 })
    expect(found[0]!.count).toBeGreaterThanOrEqual(50)
  })

  it('finds 20 rows a second for 15 s in the quiet hour of a busy app', () => {
    const times = organic(100_000, 3, 2)
    const at = 2 * DAY + 3_600_000 * 3 + 23_417
    const found = bursts([...times, ...Array.from({ length: 300 }, (_, i) => at + i * 50)].sort((a, b) => a - b))
    expect(found.filter((b) => b.fine)).toHaveLength(1)
    expect(found[0]!.lo).toBeGreaterThanOrEqual(at - 10_000)
    expect(found[0]!.hi).toBeLessThanOrEqual(at + 16_000)
  })

  it('narrows a slow ten-minute run to its minutes', () => {
    const times = organic(2000, 10, 3)
    const at = 5 * DAY + 3_600_000 * 4
    const all = [...times, ...Array.from({ length: 600 }, (_, i) => at + i * 1000)].sort((a, b) => a - b)
    const series = seriesOf(all)
    const coarse = mergeBursts(scanCoarse(series, 10)).map((b) => trimToDense(series, b))
    expect(coarse).toHaveLength(1)
    expect(coarse[0]!.lo).toBe(at)
    expect(coarse[0]!.hi).toBe(at + 10 * MINUTE - 1)
  })
})
