// The arrivals picture: rows per hour of each table over the window it was checked in, with the
// hours that hold a flagged burst marked, so a reader sees at a glance whether arrivals follow the
// day (peaks, quiet nights) or stand up as a wall. Counted in the database, one GROUP BY a table.
import { HOUR } from './arrivals.js'
import type { ReadOnlyClient } from './dialects/types.js'
import type { Indicator, Table } from './types.js'

export interface TableArrivals {
  table: string
  /** the first bar's start, epoch ms */
  from: number
  /** each bar's width in ms: an hour, or wider where the window holds more bars than a chart shows */
  width: number
  counts: number[]
  /** bars that hold a row of a flagged (error or warning) burst */
  flagged: boolean[]
}

const WIDTHS = [HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR, 7 * 24 * HOUR]
/** bars at most: a week of hours */
export const MAX_BARS = 168

export async function readArrivals(client: ReadOnlyClient, tables: Table[], indicators: readonly Indicator[]): Promise<TableArrivals[]> {
  const sql = client.sql
  const out: TableArrivals[] = []
  for (const table of tables) {
    if (!table.created) continue
    const t = sql.epochMs(table.created.sql, table.created.encoding)
    const start = table.scope?.contextFrom === undefined ? undefined : Math.floor(table.scope.contextFrom / HOUR) * HOUR
    const rows = await client.query<{ h: unknown; n: unknown }>(
      `SELECT h, count(*) AS n FROM (SELECT ${sql.intDiv(t, HOUR)} AS h FROM ${table.scope?.context ?? table.sql} WHERE ${table.created.sql} IS NOT NULL${start === undefined ? '' : ` AND ${t} >= ${start}`}) AS x GROUP BY h`,
    )
    if (rows.length === 0) continue
    const hours = rows.map((r) => [Number(r.h) * HOUR, Number(r.n)] as const)
    // (a reduce: years of hours are too many arguments for Math.min)
    const [earliest, last] = hours.reduce<[number, number]>(([lo, hi], [h]) => [Math.min(lo, h), Math.max(hi, h)], [Infinity, -Infinity])
    const first = start ?? earliest
    const width = WIDTHS.find((w) => Math.floor(last / w) - Math.floor(first / w) + 1 <= MAX_BARS) ?? WIDTHS[WIDTHS.length - 1]!
    const from = Math.floor(first / width) * width
    const counts = new Array<number>(Math.floor((last - from) / width) + 1).fill(0)
    for (const [h, n] of hours) counts[Math.floor((h - from) / width)]! += n
    const spans = indicators.filter((i) => i.table === table.display && i.severity !== 'info').flatMap((i) => i.spans ?? [])
    const flagged = counts.map((_, i) => spans.some(([lo, hi]) => lo < from + (i + 1) * width && hi >= from + i * width))
    out.push({ table: table.display, from, width, counts, flagged })
  }
  return out
}
