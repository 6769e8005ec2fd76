// What one write of many rows leaves behind, beyond timing:
// - many rows sharing one update timestamp to the millisecond while created within an hour of each
//   other (a createMany with an explicit updatedAt, a seed that stamps its batch); an updateMany
//   over old rows also shares a stamp, but its rows were created over weeks;
// - rows inserted after rows that claim to be created more than a day later (ids rise with
//   insertion, so creation times that go back are back-dated: faker.date.past() in a seed).
import { formatDuration, formatInstant, plural } from '../format.js'
import type { Check, CheckContext, Indicator, Table } from '../types.js'

/** rows that share one update stamp before it counts; organic collisions at 1 ms are pairs */
const SHARED = 8
const CREATED_WITHIN = 60 * 60_000
const BACKDATED_BY = 24 * 60 * 60_000
const BACKDATED_MIN = 10

const batchSignature: Check = {
  id: 'batch-signature',
  title: 'one write of many rows: shared update stamps, back-dated creation times',
  scope: 'table',
  async run(ctx, table) {
    if (!table.created) return []
    return [...(await sharedUpdateStamp(ctx, table)), ...(await backdated(ctx, table))]
  },
}
export default batchSignature

async function sharedUpdateStamp(ctx: CheckContext, table: Table): Promise<Indicator[]> {
  if (!table.updated) return []
  const { sql } = ctx
  const u = sql.epochMs(table.updated.sql, table.updated.encoding)
  const c = sql.epochMs(table.created!.sql, table.created!.encoding)
  const groups = await ctx.client.query<{ u: unknown; n: unknown; c0: unknown; c1: unknown; same: unknown }>(
    `SELECT u, count(*) AS n, min(c) AS c0, max(c) AS c1, sum(CASE WHEN c = u THEN 1 ELSE 0 END) AS same
     FROM (SELECT ${u} AS u, ${c} AS c FROM ${table.sql} WHERE ${table.updated.sql} IS NOT NULL) AS r
     GROUP BY u HAVING count(*) >= ${SHARED} ORDER BY count(*) DESC LIMIT 20`,
  )
  // all created in one instant too is a creation burst's business; here: a batch stamped afterwards
  const batches = groups.filter((g) => Number(g.c1) - Number(g.c0) <= CREATED_WITHIN && Number(g.same) < Number(g.n))
  if (batches.length === 0) return []
  const rows = batches.reduce((sum, g) => sum + Number(g.n), 0)
  const describe = (g: (typeof batches)[number]) => `${plural(Number(g.n), 'row')} updated at ${formatInstant(Number(g.u))}, created within ${formatDuration(Number(g.c1) - Number(g.c0) + 1)}`
  return [{
    check: batchSignature.id,
    table: table.display,
    column: table.updated.name,
    count: rows,
    severity: 'error',
    message: `${plural(batches.length, 'batch', 'batches')} sharing one ${table.updated.name} to the millisecond: ${describe(batches[0]!)}`,
    samples: batches.slice(0, 5).map(describe),
    rows: `${u} IN (${batches.map((g) => Number(g.u)).join(', ')})`,
  }]
}

async function backdated(ctx: CheckContext, table: Table): Promise<Indicator[]> {
  if (!table.integerKey) return []
  const { sql } = ctx
  const key = sql.quote(table.key!)
  const c = sql.epochMs(table.created!.sql, table.created!.encoding)
  const found = await ctx.client.query<{ k: unknown; t: unknown; prev: unknown }>(
    `SELECT k, t, prev FROM (
       SELECT k, t, max(t) OVER (ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev
       FROM (SELECT ${key} AS k, ${c} AS t FROM ${table.sql} WHERE ${table.created!.sql} IS NOT NULL) AS r
     ) AS x WHERE t < prev - ${BACKDATED_BY} ORDER BY k LIMIT 1001`,
  )
  if (found.length < BACKDATED_MIN) return []
  const at = found.length > 1000 ? 'at least ' : ''
  const first = found[0]!
  return [{
    check: batchSignature.id,
    table: table.display,
    column: table.created!.name,
    count: Math.min(found.length, 1000),
    severity: 'error',
    message: `${at}${plural(Math.min(found.length, 1000), 'row')} inserted after rows created later (back-dated ${table.created!.name}, as faker.date.past() in a seed writes it): id ${String(first.k)} claims ${formatInstant(Number(first.t))}`,
    samples: found.slice(0, 5).map((r) => `id ${String(r.k)}: ${formatInstant(Number(r.t))}, after a row created ${formatInstant(Number(r.prev))}`),
    rows: `${key} IN (${found.slice(0, 1000).map((r) => sql.string(String(r.k))).join(', ')})`,
  }]
}
