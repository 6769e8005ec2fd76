// Identities numbered in order (user1, user2, … user100; test01 … test50), as a seed loop writes
// them. Found with window functions in the database: a row continues a run when the row before it
// with the same prefix, in creation order, has the number before it, and so do four rows back.
// People choose their own numbers (maria87), so five in a row within minutes is not chance.
import { plural } from '../format.js'
import type { Check, Indicator } from '../types.js'

/** rows (creation order) a run may take at most to go four steps, in ms or in ids */
const WINDOW_MS = 10 * 60_000
const WINDOW_IDS = 1000
const LIMIT = 2000

const predictableSequences: Check = {
  id: 'predictable-sequences',
  title: 'identities numbered in sequence',
  scope: 'table',
  async run(ctx, table) {
    const order = table.created ? ctx.sql.epochMs(table.created.sql, table.created.encoding) : table.integerKey ? ctx.sql.quote(table.key!) : undefined
    if (!order) return []
    const out: Indicator[] = []
    for (const [field, name] of [['email', table.email], ['username', table.username]] as const) {
      if (!name) continue
      const { sql } = ctx
      const col = sql.quote(name)
      const value = field === 'email' ? sql.localPart(`lower(${col})`) : `lower(${col})`
      const over = 'OVER (PARTITION BY p ORDER BY t)'
      const rows = await ctx.client.query<{ v: string; num: unknown; t: unknown }>(
        `SELECT v, num, t FROM (
           SELECT v, num, t, LAG(num, 1) ${over} AS n1, LAG(num, 4) ${over} AS n4, LAG(t, 4) ${over} AS t4, p FROM (
             SELECT v, p, ${sql.digitsToInteger(`substr(v, ${sql.charLength('p')} + 1)`)} AS num, t FROM (
               SELECT ${value} AS v, ${sql.stripTrailingDigits(value)} AS p, ${order} AS t FROM ${table.sql} WHERE ${col} IS NOT NULL
             ) AS a WHERE p <> v AND p <> '' AND ${sql.charLength('v')} - ${sql.charLength('p')} <= 9
           ) AS b
         ) AS c WHERE num = n1 + 1 AND num = n4 + 4 AND t - t4 <= ${table.created ? WINDOW_MS : WINDOW_IDS}
         ORDER BY p, num LIMIT ${LIMIT}`,
      )
      const runs = groupRuns(rows.map((r) => ({ v: r.v, num: Number(r.num) })))
      if (runs.length === 0) continue
      const total = runs.reduce((sum, r) => sum + r.length, 0)
      const longest = runs.reduce((a, b) => (b.length > a.length ? b : a))
      out.push({
        check: predictableSequences.id,
        table: table.display,
        column: name,
        count: total,
        severity: 'error',
        message: `${plural(runs.length, 'numbered run')} of ${field === 'email' ? 'addresses' : 'usernames'}, ${plural(total, 'row')}: ${longest.prefix}${longest.from}…${longest.prefix}${longest.to} (${longest.length} in a row)`,
        samples: runs.slice(0, 5).map((r) => `${r.prefix}${r.from} … ${r.prefix}${r.to}: ${r.length} in creation order`),
      })
    }
    return out
  },
}
export default predictableSequences

interface Run {
  prefix: string
  from: number
  to: number
  length: number
}

/** rows that each end a run of five, as runs: user5…user100 are the run user1…user100 */
function groupRuns(rows: Array<{ v: string; num: number }>): Run[] {
  const runs: Run[] = []
  for (const { v, num } of rows) {
    const prefix = v.replace(/\d+$/, '')
    const last = runs[runs.length - 1]
    if (last && last.prefix === prefix && num === last.to + 1) {
      last.to = num
      last.length++
    } else runs.push({ prefix, from: num - 4, to: num, length: 5 })
  }
  return runs.sort((a, b) => b.length - a.length)
}
