// Rows inserted after rows that claim to be created more than a day later. Ids rise with
// insertion, so a creation time that goes back against the ids was written by hand: back-dated,
// as faker.date.past() in a seed writes it.
//
// A running maximum over every row in id order is a sort of the whole table. Instead the ids are
// cut into a few thousand ranges (one cheap GROUP BY): a range can hold a back-dated row only where
// its earliest creation time lies a day before the latest one seen up to its end. Only those
// ranges are read row by row, through the key's index.
import { timeExtreme } from '../dialects/time-window.js'
import type { SqlDialect } from '../dialects/types.js'
import type { CheckContext, Table } from '../types.js'

export const BACKDATED_BY = 24 * 60 * 60_000
/** at most this many rows are reported; the search stops there */
export const BACKDATED_LIMIT = 1000
const RANGES = 4096
/** ranges read row by row at most; past them the count is a lower bound */
const SUSPECT_RANGES = 64

export interface BackdatedRow {
  k: unknown
  t: number
  /** the latest creation time among the rows inserted before it */
  prev: number
}

export interface BackdatedRows {
  rows: BackdatedRow[]
  /** rows past the limit, or ranges left unread, may hold more */
  partial: boolean
}

export async function findBackdatedRows(ctx: CheckContext, table: Table): Promise<BackdatedRows> {
  const { sql } = ctx
  const key = sql.quote(table.key!)
  const column = table.created!
  const source = `SELECT ${key} AS k, ${sql.epochMs(column.sql, column.encoding)} AS t FROM ${table.sql} WHERE ${column.sql} IS NOT NULL`
  const extreme = (which: 'min' | 'max') => timeExtreme(sql, 'c', column.encoding, which)
  const [bounds] = await ctx.client.query<{ lo: unknown; hi: unknown }>(`SELECT min(${key}) AS lo, max(${key}) AS hi FROM ${table.sql}`)
  if (bounds?.lo == null) return { rows: [], partial: false }
  // BigInt: ids outgrow doubles
  const lo = BigInt(String(bounds.lo))
  const width = (BigInt(String(bounds.hi)) - lo) / BigInt(RANGES) + 1n
  const ranges = await ctx.client.query<{ r: unknown; k0: unknown; k1: unknown; t0: unknown; t1: unknown }>(
    `SELECT r, min(k) AS k0, max(k) AS k1, ${extreme('min')} AS t0, ${extreme('max')} AS t1
     FROM (SELECT ${sql.intDiv(`${key} - ${lo}`, Number(width))} AS r, ${key} AS k, ${column.sql} AS c FROM ${table.sql} WHERE ${column.sql} IS NOT NULL) AS x GROUP BY r`,
  )
  ranges.sort((a, b) => Number(a.r) - Number(b.r))
  const suspects: Array<{ k0: unknown; k1: unknown; before: number }> = []
  let latest = -Infinity
  for (const range of ranges) {
    const [t0, t1] = [Number(range.t0), Number(range.t1)]
    if (t0 < Math.max(latest, t1) - BACKDATED_BY) suspects.push({ k0: range.k0, k1: range.k1, before: latest })
    latest = Math.max(latest, t1)
  }
  if (suspects.length === 0) return { rows: [], partial: false }
  const read = suspects.slice(0, SUSPECT_RANGES)
  const literal = (k: unknown) => String(BigInt(String(k)))
  const range = (s: (typeof read)[number]) => `k BETWEEN ${literal(s.k0)} AND ${literal(s.k1)}`
  const before = read.map((s) => `WHEN ${range(s)} THEN ${Number.isFinite(s.before) ? Math.round(s.before) : 'NULL'}`).join(' ')
  const found = await ctx.client.query<{ k: unknown; t: unknown; prev: unknown }>(
    `SELECT k, t, prev FROM (
       SELECT k, t, CASE WHEN inner_prev IS NULL OR inner_prev < seed THEN seed ELSE inner_prev END AS prev FROM (
         SELECT k, t, CASE ${before} END AS seed, max(t) OVER (PARTITION BY CASE ${read.map((s, i) => `WHEN ${range(s)} THEN ${i}`).join(' ')} END ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS inner_prev
         FROM (${source}) AS s WHERE ${read.map(range).join(' OR ')}
       ) AS w
     ) AS x WHERE t < prev - ${BACKDATED_BY} ORDER BY k LIMIT ${BACKDATED_LIMIT + 1}`,
  )
  return {
    rows: found.slice(0, BACKDATED_LIMIT).map((r) => ({ k: r.k, t: Number(r.t), prev: Number(r.prev) })),
    partial: found.length > BACKDATED_LIMIT || suspects.length > read.length,
  }
}

/**
 * Every back-dated row, as one condition: the running maximum over the whole table in key order
 * that the ranges above spare the check (a sort of the table, which a cleanup pays once).
 */
export function backdatedCondition(sql: SqlDialect, table: Table): string {
  const key = sql.quote(table.key!)
  const column = table.created!
  const source = `SELECT ${key} AS k, ${sql.epochMs(column.sql, column.encoding)} AS t FROM ${table.sql} WHERE ${column.sql} IS NOT NULL`
  return `${key} IN (SELECT k FROM (SELECT k, t, max(t) OVER (ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev FROM (${source}) AS s) AS w WHERE t < prev - ${BACKDATED_BY})`
}
