// The windows worth judging for creation-bursts, found in the database at the cost of about one
// GROUP BY per scale, each statement parallel where the database can. The naive same-second query
// groups every second; so do we, and every ten seconds, but only windows holding more than twice
// what their own minute averages, plus three, come back: no organic second passes that, and a burst
// always does (the judge in arrivals.ts asks far more). Milliseconds are grouped inside those seconds only, unless the
// table is busy enough that a batch in one millisecond hides inside an ordinary second: then every
// millisecond is grouped, as the table's precision demands.
import { DEFAULT_SCAN, MINUTE, MinuteSeries, type Bucket } from '../arrivals.js'
import { timeExtreme } from '../dialects/time-window.js'
import type { TimeWindow } from '../dialects/types.js'
import type { CheckContext, Table } from '../types.js'

/** candidates kept per scale: the fullest windows, which are the only ones that can pass */
const CANDIDATES = 2000
/**
 * windows read at the quietest minute's bar before each is held to its own minute's (past this
 * many, the minute counts are joined in SQL instead: a second scan). A uniform 100,000 sign-ups a
 * day over a hundred days leaves ~52,000 seconds and ~155,000 ten-second windows there.
 */
const FIRST_READ = 250_000
/** rows per second above which a batch of PROOF-many rows in one ms no longer stands out in its second */
const BUSY_PER_SECOND = 3

export interface BurstCandidates {
  series: MinuteSeries
  /** windows of a millisecond, a second and ten seconds, where the timestamps are that precise */
  windows: Bucket[]
}

/** what a window of `width` ms must hold to come back: twice its minute's share plus three (as in SQL below) */
const bar = (width: number, minuteCount: number) => Math.max(DEFAULT_SCAN.minCount, Math.ceil((minuteCount * width) / 30_000 + 3))

export async function findBurstCandidates(ctx: CheckContext, table: Table, firstRead = FIRST_READ): Promise<BurstCandidates> {
  const { sql } = ctx
  const { sql: column, encoding } = table.created!
  const [minute, tenSeconds, second, milli] = ([60_000, 10_000, 1000, 1] as const).map((width) => sql.timeWindow(column, encoding, width)) as [TimeWindow, TimeWindow, TimeWindow, TimeWindow]
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
  // (a reduce: a hundred days of minutes are too many arguments for Math.min)
  const [quietest, busiest] = minutes.reduce<[number, number]>(([lo, hi], r) => [Math.min(lo, Number(r.n)), Math.max(hi, Number(r.n))], [Infinity, 0])
  // per window width: one scan where the quietest minute's bar leaves few windows; where it leaves
  // too many, the bar of each window's own minute in SQL, with the minute counts joined (a second scan)
  const dense = async (window: TimeWindow, width: 1000 | 10_000): Promise<Bucket[]> => {
    const grouped = (by: string) => `SELECT ${window.key} AS k, ${by}count(*) AS n, ${extreme('min')} AS lo, ${extreme('max')} AS hi FROM ${rows} GROUP BY ${by ? '1, 2' : '1'}`
    type Dense = { k: unknown; n: unknown; lo: unknown; hi: unknown }
    const first = await ctx.client.query<Dense>(
      `SELECT ${window.start('w.k')} AS k, w.n, w.lo, w.hi FROM (${grouped('')} HAVING count(*) >= ${bar(width, quietest)}) AS w ORDER BY w.n DESC LIMIT ${firstRead}`,
    )
    const found =
      first.length < firstRead
        ? first.filter((r) => Number(r.n) >= bar(width, series.count(Math.floor(Number(r.k) / MINUTE)))).slice(0, CANDIDATES)
        : await ctx.client.query<Dense>(
            `SELECT ${window.start('w.k')} AS k, w.n, w.lo, w.hi FROM (${grouped(`${minute.key} AS m, `)}) AS w
             JOIN (SELECT ${minute.key} AS m, count(*) AS n FROM ${rows} GROUP BY 1) AS mm ON mm.m = w.m
             WHERE w.n >= ${DEFAULT_SCAN.minCount} AND w.n * ${30_000 / width} >= mm.n + ${90_000 / width} ORDER BY w.n DESC LIMIT ${CANDIDATES}`,
          )
    return found.map((r) => ({ start: Number(r.k), width, count: Number(r.n), lo: Number(r.lo), hi: Number(r.hi) }))
  }
  const windows = await dense(second, 1000)
  // a run over several seconds sets its own baseline in each of them; ten seconds hold it whole
  windows.push(...(await dense(tenSeconds, 10_000)))
  const secondsOnly = windows.filter((w) => w.width === 1000)
  if (!finer((r) => r.ms)) return { series, windows }
  const busy = busiest / 60 > BUSY_PER_SECOND
  if (!busy && secondsOnly.length === 0) return { series, windows }
  const inside = busy ? '' : `AND ${second.start(second.key)} IN (${secondsOnly.map((w) => w.start).join(', ')})`
  const shared = await ctx.client.query<{ t: unknown; n: unknown }>(
    `SELECT ${milli.start('k')} AS t, n FROM (SELECT ${milli.key} AS k, count(*) AS n FROM ${rows} ${inside} GROUP BY 1 HAVING count(*) >= 2 ORDER BY count(*) DESC LIMIT ${CANDIDATES}) AS x`,
  )
  for (const r of shared) windows.push({ start: Number(r.t), width: 1, count: Number(r.n), lo: Number(r.t), hi: Number(r.t) })
  return { series, windows }
}
