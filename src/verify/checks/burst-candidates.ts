// The windows worth judging for creation-bursts, found in the database in one statement over one
// GROUP BY of seconds, as the naive same-second query groups: minute counts and ten-second windows
// are rolled up from the seconds, not from the table again, and only windows holding more than twice
// what their own minute averages, plus three, come back (no organic second passes that, and a burst
// always does; the judge in arrivals.ts asks far more). Milliseconds are grouped inside those
// seconds only, unless the table is busy enough that a batch in one millisecond hides inside an
// ordinary second: then every millisecond is grouped, as the table's precision demands.
import { DEFAULT_SCAN, MINUTE, MinuteSeries, type Bucket } from '../arrivals.js'
import { timeExtreme } from '../dialects/time-window.js'
import type { TimeWindow } from '../dialects/types.js'
import type { CheckContext, Table } from '../types.js'

/** candidates kept per scale: the fullest windows, which are the only ones that can pass */
const CANDIDATES = 2000
/** rows per second above which a batch of PROOF-many rows in one ms no longer stands out in its second */
const BUSY_PER_SECOND = 3

export interface BurstCandidates {
  series: MinuteSeries
  /** windows of a millisecond, a second and ten seconds, where the timestamps are that precise */
  windows: Bucket[]
}

type Scale = 'minute' | 'second' | 'ten'
interface Row {
  scale: Scale
  k: unknown
  n: unknown
  lo: unknown
  hi: unknown
  /** minutes only (0 elsewhere, so every branch of the UNION has one type): rows off the second grid, rows off the minute grid */
  ms: unknown
  s: unknown
}

export async function findBurstCandidates(ctx: CheckContext, table: Table, limit = CANDIDATES): Promise<BurstCandidates> {
  const { sql } = ctx
  const { sql: column, encoding } = table.created!
  const [second, milli] = ([1000, 1] as const).map((width) => sql.timeWindow(column, encoding, width)) as [TimeWindow, TimeWindow]
  const rows = `${table.sql} WHERE ${column} IS NOT NULL`
  const extreme = (which: 'min' | 'max') => timeExtreme(sql, column, encoding, which)
  // a window of `width` ms comes back when it holds twice its minute's share plus three
  const dense = (scale: Scale, from: string, width: number) =>
    `SELECT * FROM (SELECT '${scale}' AS scale, w.t AS k, w.n, w.lo, w.hi, 0 AS ms, 0 AS s FROM ${from} AS w JOIN m ON m.m = ${sql.intDiv('w.t', MINUTE)}
       WHERE w.n >= ${DEFAULT_SCAN.minCount} AND w.n * ${30_000 / width} >= m.n + ${90_000 / width} ORDER BY w.n DESC LIMIT ${limit}) AS ${scale}_windows`
  const found = await ctx.client.query<Row>(
    `WITH sec AS (
       SELECT ${second.start('k')} AS t, n, lo, hi, frac FROM (
         SELECT ${second.key} AS k, count(*) AS n, ${extreme('min')} AS lo, ${extreme('max')} AS hi, sum(CASE WHEN ${second.offGrid} THEN 1 ELSE 0 END) AS frac FROM ${rows} GROUP BY 1
       ) AS g),
     m AS (SELECT ${sql.intDiv('t', MINUTE)} AS m, sum(n) AS n, sum(frac) AS ms, sum(CASE WHEN t % ${MINUTE} <> 0 THEN n ELSE frac END) AS s FROM sec GROUP BY 1),
     ten AS (SELECT ${sql.intDiv('t', 10_000)} * 10000 AS t, sum(n) AS n, min(lo) AS lo, max(hi) AS hi FROM sec GROUP BY 1)
     SELECT 'minute' AS scale, m * ${MINUTE} AS k, n, 0 AS lo, 0 AS hi, ms, s FROM m
     UNION ALL ${dense('second', 'sec', 1000)}
     UNION ALL ${dense('ten', 'ten', 10_000)}`,
  )
  const minutes = found.filter((r) => r.scale === 'minute')
  const series = new MinuteSeries(minutes.map((r) => [Number(r.k) / MINUTE, Number(r.n)]))
  // timestamps kept to the second (or the minute) make their finer windows meaningless
  const finer = (count: (r: Row) => unknown) => minutes.reduce((sum, r) => sum + Number(count(r)), 0) > series.total * 0.01
  if (!finer((r) => r.s)) return { series, windows: [] }
  const windows: Bucket[] = found
    .filter((r) => r.scale !== 'minute')
    .map((r) => ({ start: Number(r.k), width: r.scale === 'second' ? 1000 : 10_000, count: Number(r.n), lo: Number(r.lo), hi: Number(r.hi) }))
  const secondsOnly = windows.filter((w) => w.width === 1000)
  if (!finer((r) => r.ms)) return { series, windows }
  // (a reduce: a hundred days of minutes are too many arguments for Math.max)
  const busy = minutes.reduce((hi, r) => Math.max(hi, Number(r.n)), 0) / 60 > BUSY_PER_SECOND
  if (!busy && secondsOnly.length === 0) return { series, windows }
  const inside = busy ? '' : `AND ${second.start(second.key)} IN (${secondsOnly.map((w) => w.start).join(', ')})`
  const shared = await ctx.client.query<{ t: unknown; n: unknown }>(
    `SELECT ${milli.start('k')} AS t, n FROM (SELECT ${milli.key} AS k, count(*) AS n FROM ${rows} ${inside} GROUP BY 1 HAVING count(*) >= 2 ORDER BY count(*) DESC LIMIT ${limit}) AS x`,
  )
  for (const r of shared) windows.push({ start: Number(r.t), width: 1, count: Number(r.n), lo: Number(r.t), hi: Number(r.t) })
  return { series, windows }
}
