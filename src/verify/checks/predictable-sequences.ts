// Identities numbered in order (user1, user2, … user100; test01 … test50), as a seed loop writes
// them. People choose their own numbers (maria87); five consecutive ones created minutes apart are
// no coincidence.
//
// Without sorting the table: five consecutive numbers put at least three in one decade (user10 …
// user19 share the stem user1), so one GROUP BY of the value less its last digit, kept where three
// or more rows were created close together, names every prefix that may hold a run. Only those
// prefixes' rows are then read, and the runs found exactly.
import { timeExtreme } from '../dialects/time-window.js'
import { plural } from '../format.js'
import type { Check, CheckContext, Indicator, Table } from '../types.js'

/** at most this far apart per step, on average, in ms (or in ids without a creation time) */
const STEP_MS = 150_000
const STEP_IDS = 250
const RUN = 5
/** stems, then rows of the prefixes they name, read at most */
const STEMS = 2000
const ROWS = 20_000

interface Run {
  /** the value without its number */
  prefix: string
  from: number
  to: number
  /** the first and last values as stored (test01, not test1) */
  first: string
  last: string
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
        message: `${plural(runs.length, 'numbered run')} of ${field === 'email' ? 'addresses' : 'usernames'}, ${plural(total, 'row')}: ${longest.first}…${longest.last} (${length(longest)} in a row)`,
        samples: runs.slice(0, 5).map((r) => `${r.first} … ${r.last}: ${length(r)} created together`),
        select: { where: `${col} IS NOT NULL AND (${runs.map((r) => inRun(ctx, value, r)).join(' OR ')})` },
      })
    }
    return out
  },
}
export default predictableSequences

/** `value` split into a prefix and its trailing number (at most nine digits), with the row's order */
function numbered(ctx: CheckContext, table: Table, value: string, where: string): string {
  const { sql } = ctx
  return `SELECT v, p, ${sql.digitsToInteger(`substr(v, ${sql.charLength('p')} + 1)`)} AS num, o FROM (
      SELECT v, ${sql.stripTrailingDigits('v')} AS p, o FROM (SELECT ${value} AS v, ${order(ctx, table)} AS o FROM ${table.sql} WHERE ${where}) AS s
    ) AS a WHERE p <> v AND p <> '' AND ${sql.charLength('v')} - ${sql.charLength('p')} <= 9`
}

/** the rows numbered inside the run: its prefix, then up to nine digits between its first and last number (the CASE keeps the cast to digits) */
function inRun(ctx: CheckContext, value: string, run: Run): string {
  const { sql } = ctx
  const p = sql.string(run.prefix)
  const numbered = `substr(${value}, 1, ${sql.charLength(p)}) = ${p} AND ${sql.stripTrailingDigits(value)} = ${p} AND ${sql.charLength(value)} - ${sql.charLength(p)} BETWEEN 1 AND 9`
  return `(CASE WHEN ${numbered} THEN ${sql.digitsToInteger(`substr(${value}, ${sql.charLength(p)} + 1)`)} END BETWEEN ${run.from} AND ${run.to})`
}

const order = (ctx: CheckContext, table: Table) => (table.created ? table.created.sql : ctx.sql.quote(table.key!))

async function numberedRuns(ctx: CheckContext, table: Table, value: string, where: string): Promise<Run[]> {
  const { sql } = ctx
  const step = table.created ? STEP_MS : STEP_IDS
  const time = (expr: string) => (table.created ? sql.epochMs(expr, table.created.encoding) : expr)
  const extreme = (which: 'min' | 'max') => (table.created ? timeExtreme(sql, 'o', table.created.encoding, which) : `${which}(o)`)
  const digit = `substr(v, ${sql.charLength('v')}, 1) IN (${[...'0123456789'].map((d) => `'${d}'`).join(', ')})`
  const stems = await ctx.client.query<{ stem: string }>(
    `SELECT substr(v, 1, ${sql.charLength('v')} - 1) AS stem FROM (SELECT ${value} AS v, ${order(ctx, table)} AS o FROM ${table.sql} WHERE ${where}) AS s
     WHERE ${digit} GROUP BY 1 HAVING count(*) >= 3 AND ${extreme('max')} - ${extreme('min')} <= (count(*) - 1) * ${step} LIMIT ${STEMS}`,
  )
  const prefixes = [...new Set(stems.map((s) => s.stem.replace(/\d+$/, '')).filter(Boolean))]
  if (prefixes.length === 0) return []
  const byPrefix = `(${prefixes.map((p) => `substr(${value}, 1, ${p.length}) = ${sql.string(p)}`).join(' OR ')})`
  const rows = await ctx.client.query<{ v: string; p: string; num: unknown; t: unknown }>(
    `SELECT v, p, num, ${time('o')} AS t FROM (${numbered(ctx, table, value, `${where} AND ${byPrefix}`)}) AS x WHERE p IN (${prefixes.map((p) => sql.string(p)).join(', ')}) LIMIT ${ROWS}`,
  )
  return findRuns(rows.map((r) => ({ value: r.v, prefix: r.p, num: Number(r.num), t: Number(r.t) })), step)
}

/** runs of RUN or more consecutive numbers whose rows were created `step` apart or closer, on average */
function findRuns(rows: Array<{ value: string; prefix: string; num: number; t: number }>, step: number): Run[] {
  const sorted = [...rows].sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : a.num - b.num))
  const runs: Run[] = []
  let start = 0
  for (let i = 1; i <= sorted.length; i++) {
    const [previous, current] = [sorted[i - 1]!, sorted[i]]
    if (current && current.prefix === previous.prefix && current.num <= previous.num + 1) continue
    const members = sorted.slice(start, i)
    const first = members[0]!
    const length = previous.num - first.num + 1
    const [earliest, latest] = members.reduce<[number, number]>(([lo, hi], m) => [Math.min(lo, m.t), Math.max(hi, m.t)], [Infinity, -Infinity])
    if (length >= RUN && latest - earliest <= (length - 1) * step) runs.push({ prefix: first.prefix, from: first.num, to: previous.num, first: first.value, last: previous.value })
    start = i
  }
  return runs.sort((a, b) => b.to - b.from - (a.to - a.from))
}
