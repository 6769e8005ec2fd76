// Judging a burst of arrivals against the table's own arrival rate around that moment.
//
// The rate is read from the table itself, minute by minute (counts aggregated in the database),
// never from a fixed threshold: 50 rows in one second is a flood on an app that gets 11 sign-ups a
// day and a quiet second on one that gets 100,000. A window is a burst when its count is so far
// above what the surrounding minutes predict that it would happen by chance less than `alpha`
// times over every window of that size the table's history holds (a Bonferroni bound).
import { surprise, upperRate } from './stats.js'

export const SECOND = 1000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE

export interface ScanOptions {
  /** expected false bursts per table and scale */
  alpha: number
  /** relative over-dispersion allowed for the estimated rate (see stats.surprise) */
  phi: number
  /** fewer rows than this never make a burst */
  minCount: number
}

export const DEFAULT_SCAN: ScanOptions = { alpha: 1e-6, phi: 0.3, minCount: 4 }

/** a window [start, start + width) holding `count` rows, the earliest at `lo` and the latest at `hi` */
export interface Bucket {
  start: number
  width: number
  count: number
  lo: number
  hi: number
}

export interface Burst extends Bucket {
  expected: number
  /** chance probability of a count this high, before the Bonferroni factor */
  p: number
  /** p times the number of windows of this size: below alpha for a burst */
  score: number
  /** fine windows (≤ 10 s) are judged against the three minutes around them; coarse ones against the minutes beyond */
  fine: boolean
}

const ENOUGH = 10
/** where even the widest ring holds too few rows, assume at least this much empty history (a new table has no rate yet) */
const HISTORY_FLOOR = HOUR

/** Per-minute arrival counts of one column, with range sums in O(log n). */
export class MinuteSeries {
  readonly first: number
  readonly last: number
  private readonly keys: number[]
  private readonly prefix: number[]

  /** `minutes`: [minute index (epoch ms / 60000), count], any order */
  constructor(minutes: Array<[number, number]>) {
    const sorted = minutes.filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0])
    this.keys = sorted.map(([k]) => k)
    this.prefix = [0]
    for (const [, n] of sorted) this.prefix.push(this.prefix[this.prefix.length - 1]! + n)
    this.first = this.keys[0] ?? 0
    this.last = this.keys[this.keys.length - 1] ?? -1
  }

  get total(): number {
    return this.prefix[this.prefix.length - 1]!
  }

  get minutes(): ReadonlyArray<number> {
    return this.keys
  }

  /** rows in minutes [from, to) */
  sum(from: number, to: number): number {
    return this.prefix[this.lowerBound(to)]! - this.prefix[this.lowerBound(from)]!
  }

  /** minutes of [from, to) inside the table's history */
  covered(from: number, to: number): number {
    return Math.max(0, Math.min(to, this.last + 1) - Math.max(from, this.first))
  }

  count(minute: number): number {
    return this.sum(minute, minute + 1)
  }

  /** how many windows of `width` ms the history holds: the Bonferroni factor */
  windows(width: number): number {
    return Math.max(1, ((this.last - this.first + 1) * MINUTE) / width)
  }

  private lowerBound(value: number): number {
    let lo = 0
    let hi = this.keys.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.keys[mid]! < value) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

/**
 * A fine window (a millisecond, a second, ten seconds) against the three minutes around it, less
 * the window itself; where those hold too few rows to know a rate, against ever wider rings that
 * leave those three minutes out (so a seed run cannot raise its own baseline).
 */
export function judgeFine(series: MinuteSeries, bucket: Bucket, options: ScanOptions = DEFAULT_SCAN): Burst {
  const m = Math.floor(bucket.start / MINUTE)
  let other = series.sum(m - 1, m + 2) - bucket.count
  let duration = series.covered(m - 1, m + 2) * MINUTE - bucket.width
  if (other < ENOUGH) {
    const inner = series.sum(m - 1, m + 2)
    const innerMinutes = series.covered(m - 1, m + 2)
    for (const radius of [10, 60, 360, 1440, 10080, Infinity]) {
      const from = radius === Infinity ? series.first : m - radius
      const to = radius === Infinity ? series.last + 1 : m + radius + 1
      other = series.sum(from, to) - inner
      duration = (series.covered(from, to) - innerMinutes) * MINUTE
      if (other >= ENOUGH) break
    }
  }
  return judge(bucket, upperRate(Math.max(0, other), other >= ENOUGH ? duration : Math.max(duration, HISTORY_FLOOR)) * bucket.width, series.windows(bucket.width), true, options)
}

/**
 * Coarse windows of `minutes` minutes over the whole history, each against the windows two to
 * four steps away on both sides (the adjacent ones are a guard band, so a run that spills over a
 * boundary does not raise its own baseline; a symmetric ring cancels a linear ramp).
 */
export function scanCoarse(series: MinuteSeries, minutes: number, options: ScanOptions = DEFAULT_SCAN): Burst[] {
  const counts = new Map<number, number>()
  for (const key of series.minutes) {
    const b = Math.floor(key / minutes)
    counts.set(b, (counts.get(b) ?? 0) + series.count(key))
  }
  const width = minutes * MINUTE
  const tests = series.windows(width)
  const out: Burst[] = []
  for (const [b, count] of counts) {
    if (count < options.minCount) continue
    const guardFrom = (b - 1) * minutes
    const guardTo = (b + 2) * minutes
    const guard = series.sum(guardFrom, guardTo)
    const guardMinutes = series.covered(guardFrom, guardTo)
    let other = 0
    let duration = 0
    for (const radius of [4, 16, 64, 256, 1024, Infinity]) {
      const from = radius === Infinity ? series.first : (b - radius) * minutes
      const to = radius === Infinity ? series.last + 1 : (b + radius + 1) * minutes
      other = series.sum(from, to) - guard
      duration = (series.covered(from, to) - guardMinutes) * MINUTE
      if (other >= ENOUGH * 4) break
    }
    const covered = series.covered(b * minutes, (b + 1) * minutes) * MINUTE
    const rate = upperRate(other, other >= ENOUGH * 4 ? duration : Math.max(duration, HISTORY_FLOOR))
    const burst = judge({ start: b * width, width, count, lo: b * width, hi: (b + 1) * width - 1 }, rate * covered, tests, false, options)
    if (burst.score < options.alpha) out.push(burst)
  }
  return out
}

function judge(bucket: Bucket, expected: number, tests: number, fine: boolean, options: ScanOptions): Burst {
  const p = bucket.count < options.minCount ? 1 : surprise(bucket.count, expected, options.phi)
  return { ...bucket, expected, p, score: p * tests, fine }
}

/**
 * Bursts as episodes: overlapping or touching fine windows (within `gap` ms) merge into one, with
 * the extent of their rows; a coarse window adds its own episode only where no fine one lies, so a
 * seed run is reported as the seconds it took, not as the minute or hour around it. Each episode
 * keeps its most surprising member's numbers.
 */
export function mergeBursts(bursts: Burst[], gap = SECOND): Burst[] {
  const merge = (list: Burst[]) => {
    const out: Burst[] = []
    for (const b of [...list].sort((x, y) => x.lo - y.lo)) {
      const last = out[out.length - 1]
      if (last && b.lo <= last.hi + gap) {
        const strongest = b.score < last.score ? b : last
        out[out.length - 1] = { ...strongest, lo: Math.min(last.lo, b.lo), hi: Math.max(last.hi, b.hi) }
      } else out.push(b)
    }
    return out
  }
  const fine = merge(bursts.filter((b) => b.fine))
  const coarse = merge(bursts.filter((b) => !b.fine)).filter((c) => !fine.some((f) => f.lo <= c.hi && c.lo <= f.hi))
  return [...fine, ...coarse]
}

/**
 * Rows per ms expected around [lo, hi]: the half hour on each side, leaving out the minute before
 * and after (the run's own edges), widened where that holds too few rows. For messages.
 */
export function baselineRate(series: MinuteSeries, lo: number, hi: number): number {
  const from = Math.floor(lo / MINUTE) - 1
  const to = Math.floor(hi / MINUTE) + 2
  const inner = series.sum(from, to)
  const innerMinutes = series.covered(from, to)
  let other = 0
  let duration = 0
  for (const radius of [30, 180, 1440, 10080, Infinity]) {
    const a = radius === Infinity ? series.first : from - radius
    const b = radius === Infinity ? series.last + 1 : to + radius
    other = series.sum(a, b) - inner
    duration = (series.covered(a, b) - innerMinutes) * MINUTE
    if (other >= ENOUGH) break
  }
  return other / Math.max(duration, HISTORY_FLOOR)
}

/**
 * A coarse burst narrowed to its dense minutes: those holding well over what the surrounding rate
 * predicts. An hour flagged for a ten-minute seed run is reported, and tested for regularity, as
 * those ten minutes.
 */
export function trimToDense(series: MinuteSeries, burst: Burst): Burst {
  const rate = baselineRate(series, burst.lo, burst.hi) * MINUTE
  const dense = (m: number) => series.count(m) > 3 * rate + 3
  let from = Math.floor(burst.lo / MINUTE)
  let to = Math.floor(burst.hi / MINUTE)
  while (from < to && !dense(from)) from++
  while (to > from && !dense(to)) to--
  return { ...burst, lo: from * MINUTE, hi: (to + 1) * MINUTE - 1 }
}
