// The windows worth judging for creation-bursts, found in the database at the cost of about one
// GROUP BY per scale. The naive same-second query groups every second; so do we, but only seconds
// (and ten-second windows) holding more than twice what their own minute averages, plus three, come
// back: no organic second passes that, and a burst always does (the judge in arrivals.ts asks far
// more). Milliseconds are grouped only inside the seconds that came back, so a table pays for its
// millisecond precision in proportion to its candidates, not its rows.
import { DEFAULT_SCAN, MinuteSeries, type Bucket } from '../arrivals.js'
import type { CheckContext } from '../types.js'

/** candidates fetched per scale: the fullest windows, which are the only ones that can pass */
const CANDIDATES = 2000

export interface BurstCandidates {
  series: MinuteSeries
  /** windows of one millisecond, one second and ten seconds, where the timestamps are that precise */
  windows: Bucket[]
}

/** `source` selects `t`, the creation time in epoch milliseconds, of every row that has one */
export async function findBurstCandidates(ctx: CheckContext, source: string): Promise<BurstCandidates> {
  const { sql } = ctx
  const div = (expr: string, by: number) => sql.intDiv(expr, by)
  const perMinute = `SELECT ${div('t', 60_000)} AS k, count(*) AS n, sum(CASE WHEN t % 1000 <> 0 THEN 1 ELSE 0 END) AS ms, sum(CASE WHEN t % 60000 <> 0 THEN 1 ELSE 0 END) AS s FROM (${source}) AS r WHERE t >= 0 GROUP BY 1`
  // per window of `width` ms, those over twice their minute's share plus three (and never below the judge's minimum)
  const dense = (scale: string, width: number) => {
    const share = `m.n * ${width / 60_000}`
    return `SELECT '${scale}' AS g, k, n, lo, hi FROM (
        SELECT w.k, w.n, w.lo, w.hi FROM (SELECT ${div('t', width)} AS k, count(*) AS n, min(t) AS lo, max(t) AS hi FROM (${source}) AS r WHERE t >= 0 GROUP BY 1) AS w
        JOIN m ON m.k = ${div('w.k', 60_000 / width)}
        WHERE w.n >= ${DEFAULT_SCAN.minCount} AND w.n >= 2 * ${share} + 3 ORDER BY w.n DESC LIMIT ${CANDIDATES}) AS ${scale}x`
  }
  const rows = await ctx.client.query<{ g: string; k: unknown; n: unknown; lo: unknown; hi: unknown }>(
    `WITH m AS ${sql.materialized}(${perMinute})
     SELECT 'm' AS g, k, n, ms AS lo, s AS hi FROM m
     UNION ALL ${dense('s', 1000)}
     UNION ALL ${dense('d', 10_000)}`,
  )
  const series = new MinuteSeries(rows.filter((r) => r.g === 'm').map((r) => [Number(r.k), Number(r.n)]))
  const minutes = rows.filter((r) => r.g === 'm')
  const sum = (pick: (r: (typeof rows)[number]) => unknown) => minutes.reduce((total, r) => total + Number(pick(r)), 0)
  const total = sum((r) => r.n)
  // timestamps kept to the second (or the minute) make their finer windows meaningless
  const millis = sum((r) => r.lo) > total * 0.01
  const seconds = sum((r) => r.hi) > total * 0.01
  const widths: Record<string, number> = { s: 1000, d: 10_000 }
  const windows: Bucket[] = []
  for (const r of rows) {
    const width = widths[r.g]
    if (width && seconds) windows.push({ start: Number(r.k) * width, width, count: Number(r.n), lo: Number(r.lo), hi: Number(r.hi) })
  }
  if (millis) windows.push(...(await sharedMilliseconds(ctx, source, windows.filter((w) => w.width === 1000))))
  return { series, windows }
}

/** milliseconds holding several rows, inside the seconds that came back */
async function sharedMilliseconds(ctx: CheckContext, source: string, seconds: Bucket[]): Promise<Bucket[]> {
  if (seconds.length === 0) return []
  const keys = seconds.map((s) => s.start / 1000).join(', ')
  const rows = await ctx.client.query<{ t: unknown; n: unknown }>(
    `SELECT t, count(*) AS n FROM (${source}) AS r WHERE ${ctx.sql.intDiv('t', 1000)} IN (${keys}) GROUP BY t HAVING count(*) >= 2 ORDER BY count(*) DESC LIMIT ${CANDIDATES}`,
  )
  return rows.map((r) => ({ start: Number(r.t), width: 1, count: Number(r.n), lo: Number(r.t), hi: Number(r.t) }))
}
