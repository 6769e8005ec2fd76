// What one write of many rows leaves behind, beyond timing:
// - many rows sharing one update timestamp to the millisecond while created earlier, within an hour
//   of each other (a createMany with an explicit updatedAt, a seed that stamps its batch); an
//   updateMany over old rows also shares a stamp, but its rows were created over weeks. Rows whose
//   update stamp is their creation time are left to creation-bursts: they are most rows of most
//   tables, and grouping them all by stamp would cost as much as the whole burst scan;
// - rows inserted after rows that claim to be created more than a day later (backdated-rows.ts).
import { formatDuration, formatInstant, plural } from '../format.js'
import type { Check, CheckContext, Indicator, Table } from '../types.js'
import { backdatedCondition, findBackdatedRows } from './backdated-rows.js'
import { timeExtreme } from '../dialects/time-window.js'

/** rows updated after creation that share one update stamp before it counts; organic collisions at 1 ms are pairs */
const SHARED = 8
const CREATED_WITHIN = 60 * 60_000
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
  const [updated, created] = [table.updated, table.created!]
  const u = sql.epochMs(updated.sql, updated.encoding)
  const stamp = sql.timeWindow(updated.sql, updated.encoding, 1)
  const extreme = (which: 'min' | 'max') => timeExtreme(sql, created.sql, created.encoding, which)
  // comparing the stored values spares the conversion on every row never updated
  const differs = updated.encoding === created.encoding && updated.encoding !== 'dynamic' ? `${updated.sql} <> ${created.sql}` : `${u} <> ${sql.epochMs(created.sql, created.encoding)}`
  const batches = await ctx.client.query<{ u: unknown; n: unknown; c0: unknown; c1: unknown }>(
    `SELECT ${stamp.start('u')} AS u, n, c0, c1 FROM (
       SELECT ${stamp.key} AS u, count(*) AS n, ${extreme('min')} AS c0, ${extreme('max')} AS c1 FROM ${table.sql} WHERE ${updated.sql} IS NOT NULL AND ${differs}
       GROUP BY 1 HAVING count(*) >= ${SHARED} AND ${extreme('max')} - ${extreme('min')} <= ${CREATED_WITHIN} ORDER BY count(*) DESC LIMIT 20) AS x`,
  )
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
    // as the batches were grouped: updated after creation, at one of their stamps
    select: { where: `${updated.sql} IS NOT NULL AND ${differs} AND ${u} IN (${batches.map((g) => Number(g.u)).join(', ')})` },
  }]
}

async function backdated(ctx: CheckContext, table: Table): Promise<Indicator[]> {
  if (!table.integerKey) return []
  const { rows: found, partial } = await findBackdatedRows(ctx, table)
  if (found.length < BACKDATED_MIN) return []
  const at = partial ? 'at least ' : ''
  const first = found[0]!
  const key = ctx.sql.quote(table.key!)
  return [{
    check: batchSignature.id,
    table: table.display,
    column: table.created!.name,
    count: found.length,
    severity: 'error',
    message: `${at}${plural(found.length, 'row')} inserted after rows created later (back-dated ${table.created!.name}, as faker.date.past() in a seed writes it): id ${String(first.k)} claims ${formatInstant(first.t)}`,
    samples: found.slice(0, 5).map((r) => `id ${String(r.k)}: ${formatInstant(r.t)}, after a row created ${formatInstant(r.prev)}`),
    rows: `${key} IN (${found.map((r) => ctx.sql.string(String(r.k))).join(', ')})`,
    select: { where: backdatedCondition(ctx.sql, table) },
  }]
}
