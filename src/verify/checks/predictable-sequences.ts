// Identities numbered in order (user1, user2, … user100; test01 … test50), as a seed loop writes
// them. People choose their own numbers (maria87); four neighbours that take every number of an
// aligned block (user4 … user7) within ten minutes are no coincidence.
//
// Blocks, not a window over creation order: one GROUP BY (prefix, number ÷ 4) finds them without
// sorting the table, and any run of seven or more fills at least one block. The runs around the
// blocks found are then read whole, for those prefixes only.
import { plural } from '../format.js'
import type { Check, CheckContext, Indicator, Table } from '../types.js'

/** how far apart the rows of one block may be created, in ms, or in ids without a creation time */
const WINDOW_MS = 10 * 60_000
const WINDOW_IDS = 1000
const BLOCK = 4
const LIMIT = 2000

interface Run {
  prefix: string
  from: number
  to: number
}

const predictableSequences: Check = {
  id: 'predictable-sequences',
  title: 'identities numbered in sequence',
  scope: 'table',
  async run(ctx, table) {
    if (!table.created && !table.integerKey) return []
    const out: Indicator[] = []
    for (const [field, name] of [['email', table.email], ['username', table.username]] as const) {
      if (!name) continue
      const col = ctx.sql.quote(name)
      const value = field === 'email' ? ctx.sql.localPart(col) : col
      const runs = await numberedRuns(ctx, table, value, `${col} IS NOT NULL`)
      if (runs.length === 0) continue
      const length = (r: Run) => r.to - r.from + 1
      const total = runs.reduce((sum, r) => sum + length(r), 0)
      const longest = runs.reduce((a, b) => (length(b) > length(a) ? b : a))
      out.push({
        check: predictableSequences.id,
        table: table.display,
        column: name,
        count: total,
        severity: 'error',
        message: `${plural(runs.length, 'numbered run')} of ${field === 'email' ? 'addresses' : 'usernames'}, ${plural(total, 'row')}: ${longest.prefix}${longest.from}…${longest.prefix}${longest.to} (${length(longest)} in a row)`,
        samples: runs.slice(0, 5).map((r) => `${r.prefix}${r.from} … ${r.prefix}${r.to}: ${length(r)} created together`),
      })
    }
    return out
  },
}
export default predictableSequences

/** `value` split into a prefix and its trailing number (at most nine digits), with the row's order */
function numbered(ctx: CheckContext, table: Table, value: string, where: string): string {
  const { sql } = ctx
  const order = table.created ? table.created.sql : sql.quote(table.key!)
  return `SELECT p, ${sql.digitsToInteger(`substr(v, ${sql.charLength('p')} + 1)`)} AS num, o FROM (
      SELECT v, ${sql.stripTrailingDigits('v')} AS p, o FROM (SELECT ${value} AS v, ${order} AS o FROM ${table.sql} WHERE ${where}) AS s
    ) AS a WHERE p <> v AND p <> '' AND ${sql.charLength('v')} - ${sql.charLength('p')} <= 9`
}

async function numberedRuns(ctx: CheckContext, table: Table, value: string, where: string): Promise<Run[]> {
  const { sql } = ctx
  const spread = table.created ? `${sql.epochMs('max(o)', table.created.encoding)} - ${sql.epochMs('min(o)', table.created.encoding)}` : 'max(o) - min(o)'
  const covered = Array.from({ length: BLOCK }, (_, r) => `max(CASE WHEN num % ${BLOCK} = ${r} THEN 1 ELSE 0 END)`).join(' + ')
  const blocks = await ctx.client.query<{ p: string; b: unknown }>(
    `SELECT p, ${sql.intDiv('num', BLOCK)} AS b FROM (${numbered(ctx, table, value, where)}) AS x
     GROUP BY p, ${sql.intDiv('num', BLOCK)}
     HAVING count(*) >= ${BLOCK} AND ${spread} <= ${table.created ? WINDOW_MS : WINDOW_IDS} AND ${covered} = ${BLOCK}
     ORDER BY p, 2 LIMIT ${LIMIT}`,
  )
  if (blocks.length === 0) return []
  const runs: Run[] = []
  for (const { p, b } of blocks) {
    const from = Number(b) * BLOCK
    const last = runs[runs.length - 1]
    if (last && last.prefix === p && last.to + 1 === from) last.to = from + BLOCK - 1
    else runs.push({ prefix: p, from, to: from + BLOCK - 1 })
  }
  return extendRuns(ctx, table, value, where, runs)
}

/** each run widened to the numbers just outside its full blocks (user1 … user3, user40) */
async function extendRuns(ctx: CheckContext, table: Table, value: string, where: string, runs: Run[]): Promise<Run[]> {
  const { sql } = ctx
  const prefixes = [...new Set(runs.map((r) => r.prefix))]
  const edges = await ctx.client.query<{ p: string; num: unknown }>(
    `SELECT DISTINCT p, num FROM (${numbered(ctx, table, value, `${where} AND (${prefixes.map((p) => `substr(${value}, 1, ${p.length}) = ${sql.string(p)}`).join(' OR ')})`)}) AS x
     WHERE ${runs.map((r) => `(p = ${sql.string(r.prefix)} AND num BETWEEN ${Math.max(0, r.from - BLOCK + 1)} AND ${r.to + BLOCK - 1})`).join(' OR ')}`,
  )
  const present = new Set(edges.map((e) => `${e.p}\u0000${Number(e.num)}`))
  const has = (prefix: string, num: number) => present.has(`${prefix}\u0000${num}`)
  return runs
    .map((r) => {
      let { from, to } = r
      while (from > r.from - BLOCK + 1 && has(r.prefix, from - 1)) from--
      while (to < r.to + BLOCK - 1 && has(r.prefix, to + 1)) to++
      return { ...r, from, to }
    })
    .sort((a, b) => b.to - b.from - (a.to - a.from))
}
