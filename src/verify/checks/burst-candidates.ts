// The windows worth judging for creation-bursts, found in the database at the cost of about one
// GROUP BY per scale, each statement parallel where the database can. The naive same-second query
// groups every second; so do we, but only seconds holding more than twice what their own minute
// averages, plus three, come back: no organic second passes that, and a burst always does (the judge
// in arrivals.ts asks far more). Milliseconds are grouped inside those seconds only, unless the
// table is busy enough that a batch in one millisecond hides inside an ordinary second: then every
// millisecond is grouped, as the table's precision demands.
import { DEFAULT_SCAN, MINUTE, MinuteSeries, type Bucket } from '../arrivals.js'
import { timeExtreme } from '../dialects/time-window.js'
import type { TimeWindow } from '../dialects/types.js'
import type { CheckContext, Table } from '../types.js'

/** candidates kept per scale: the fullest windows, which are the only ones that can pass */
const CANDIDATES = 2000
/**
 * seconds read at the quietest minute's bar before each is held to its own minute's: a uniform
 * 100,000 sign-ups a day leaves ~0.6 % of its seconds there, 52,000 in a hundred days
 */
const FIRST_READ = 100_000
/** rows per second above which a batch of PROOF-many rows in one ms no longer stands out in its second */
const BUSY_PER_SECOND = 3

export interface BurstCandidates {
  series: MinuteSeries
  /** windows of one millisecond and of one second, where the timestamps are that precise */
  windows: Bucket[]
}

/** what a second must hold to come back: twice its minute's share plus three (`w.n * 30 >= m.n + 90` in SQL) */
const bar = (minuteCount: number) => Math.max(DEFAULT_SCAN.minCount, Math.ceil((minuteCount + 90) / 30))

export async function findBurstCandidates(ctx: CheckContext, table: Table, firstRead = FIRST_READ): Promise<BurstCandidates> {
  const { sql } = ctx
  const { sql: column, encoding } = table.created!
  const [minute, second, milli] = ([60_000, 1000, 1] as const).map((width) => sql.timeWindow(column, encoding, width)) as [TimeWindow, TimeWindow, TimeWindow]
  const rows = `${table.sql} WHERE ${column} IS NOT NULL`
  const extreme = (which: 'min' | 'max') => timeExtreme(sql, column, encoding, which)
  const offGrid = (w: TimeWindow) => `sum(CASE WHEN ${w.offGrid} THEN 1 ELSE 0 END)`
  const minutes = await ctx.client.query<{ k: unknown; n: unknown; ms: unknown; s: unknown }>(
    `SELECT ${minute.start('k')} AS k, n, ms, s FROM (SELECT ${minute.key} AS k, count(*) AS n, ${offGrid(second)} AS ms, ${offGrid(minute)} AS s FROM ${rows} GROUP BY 1) AS m`,
  )
  const series = new MinuteSeries(minutes.map((r) => [Number(r.k) / MINUTE, Number(r.n)]))
  // timestamps kept to the second (or the minute) make their finer windows meaningless
  const finer = (count: (r: (typeof minutes)[number]) => unknown) => minutes.reduce((sum, r) => sum + Number(count(r)), 0) > series.total * 0.01
  if (!finer((r) => r.s)) return { series, windows: [] }
  const perSecond = `SELECT ${second.key} AS k, ${minute.key} AS m, count(*) AS n, ${extreme('min')} AS lo, ${extreme('max')} AS hi FROM ${rows} GROUP BY 1, 2`
  type Second = { k: unknown; n: unknown; lo: unknown; hi: unknown }
  // one scan where the quietest minute's bar leaves few seconds; where it leaves too many, the bar
  // of each second's own minute in SQL, with the minute counts joined (a second scan)
  let seconds = await ctx.client.query<Second & { m: unknown }>(
    `SELECT ${second.start('w.k')} AS k, ${minute.start('w.m')} AS m, w.n, w.lo, w.hi FROM (${perSecond} HAVING count(*) >= ${bar(Math.min(...minutes.map((r) => Number(r.n))))}) AS w ORDER BY w.n DESC LIMIT ${firstRead}`,
  )
  if (seconds.length < firstRead) seconds = seconds.filter((r) => Number(r.n) >= bar(series.count(Number(r.m) / MINUTE))).slice(0, CANDIDATES)
  else {
    seconds = await ctx.client.query<Second & { m: unknown }>(
      `SELECT ${second.start('w.k')} AS k, NULL AS m, w.n, w.lo, w.hi FROM (${perSecond}) AS w
       JOIN (SELECT ${minute.key} AS m, count(*) AS n FROM ${rows} GROUP BY 1) AS mm ON mm.m = w.m
       WHERE w.n >= ${DEFAULT_SCAN.minCount} AND w.n * 30 >= mm.n + 90 ORDER BY w.n DESC LIMIT ${CANDIDATES}`,
    )
  }
  const windows: Bucket[] = seconds.map((r) => ({ start: Number(r.k), width: 1000, count: Number(r.n), lo: Number(r.lo), hi: Number(r.hi) }))
  if (!finer((r) => r.ms)) return { series, windows }
  const busiest = Math.max(...minutes.map((r) => Number(r.n))) / 60
  if (busiest <= BUSY_PER_SECOND && windows.length === 0) return { series, windows }
  const inside = busiest > BUSY_PER_SECOND ? '' : `AND ${second.start(second.key)} IN (${windows.map((w) => w.start).join(', ')})`
  const shared = await ctx.client.query<{ t: unknown; n: unknown }>(
    `SELECT ${milli.start('k')} AS t, n FROM (SELECT ${milli.key} AS k, count(*) AS n FROM ${rows} ${inside} GROUP BY 1 HAVING count(*) >= 2 ORDER BY count(*) DESC LIMIT ${CANDIDATES}) AS x`,
  )
  for (const r of shared) windows.push({ start: Number(r.t), width: 1, count: Number(r.n), lo: Number(r.t), hi: Number(r.t) })
  return { series, windows }
}
