// Rows created together: many in one millisecond, second, ten seconds or minute(s), judged
// against the table's own arrival rate around that moment (arrivals.ts), not a fixed threshold.
// All counting is GROUP BY in the database (burst-candidates.ts); Node sees per-minute counts and a
// few candidate windows.
import { baselineRate, DEFAULT_SCAN, judgeFine, mergeBursts, MinuteSeries, scanCoarse, trimToDense, type Burst } from '../arrivals.js'
import { batchHint, formatCount, formatDuration, formatExpected, formatInstant, plural } from '../format.js'
import { chiSquareLowerTail } from '../stats.js'
import type { Check, CheckContext, Indicator, Severity, Table } from '../types.js'
import { findBurstCandidates } from './burst-candidates.js'
import { growFineBursts } from './episode-edges.js'

/** fewer rows than this in a burst are a warning, not proof */
const PROOF = 8
/** child rows (sessions, payments) cluster around their users' activity: more is needed there */
const CHILD_PROOF = 20
const EPISODES = 20
/** how many coarse surges get the regularity test (one scan each) */
const REGULARITY_TESTS = 3
/** the regularity test's bins at least, and its significance */
const MIN_BINS = 8
const REGULAR_P = 1e-3

interface Episode extends Burst {
  rows: number
  first: number
  last: number
  keys?: [number, number]
  parents?: number
  severity: Severity
  why?: string
  /** rows the table's rate around the episode predicts for its extent */
  baseline: number
}

const creationBursts: Check = {
  id: 'creation-bursts',
  title: 'rows created in bursts the table’s own arrival rate does not explain',
  scope: 'table',
  async run(ctx, table) {
    if (!table.created || table.rows < DEFAULT_SCAN.minCount) return []
    const t = ctx.sql.epochMs(table.created.sql, table.created.encoding)
    // --since: the new rows with the day before them, so a burst is judged against its surroundings
    // and one that began before the watermark is seen whole
    const read = table.scope ? { ...table, sql: table.scope.context } : table
    const source = (extra = '') => `SELECT ${extra}${t} AS t FROM ${read.sql} WHERE ${table.created!.sql} IS NOT NULL`
    const { series, windows } = await findBurstCandidates(ctx, read)
    const bursts: Burst[] = []
    for (const window of windows) {
      const b = judgeFine(series, window)
      if (b.score < DEFAULT_SCAN.alpha) bursts.push(b)
    }
    for (const minutes of [1, 10, 60]) bursts.push(...scanCoarse(series, minutes))
    if (bursts.length === 0) return []
    const merged = mergeBursts(await growFineBursts(ctx, source(), bursts)).map((b) => (b.fine ? b : trimToDense(series, b))).filter((b) => isNew(table, b.lo, b.hi))
    if (merged.length === 0) return []
    const episodes = await describeEpisodes(ctx, read, series, source, merged.sort((a, b) => a.score - b.score).slice(0, EPISODES))
    return toIndicators(table, t, episodes.filter((e) => isNew(table, e.first, e.last)))
  },
}
export default creationBursts

/** --since: the episode reaches past the watermark and is none a run already reported */
function isNew(table: Table, first: number, last: number): boolean {
  const scope = table.scope
  if (!scope) return true
  if (scope.after?.time !== undefined && last < scope.after.time) return false
  return !scope.reported.some((r) => r.check === creationBursts.id && r.first <= last && first <= r.last)
}

/** Exact rows, ids and parents per episode (one scan), then the regularity test for coarse surges. */
async function describeEpisodes(ctx: CheckContext, table: Table, series: MinuteSeries, source: (extra?: string) => string, bursts: Burst[]): Promise<Episode[]> {
  const { sql } = ctx
  const key = table.integerKey ? sql.quote(table.key!) : undefined
  const parent = table.links.find((l) => l.references.email || l.references.username) ?? table.links[0]
  const inner = source(`${key ? `${key} AS id, ` : ''}${parent ? `${sql.quote(parent.column)} AS p, ` : ''}`)
  const cases = bursts.map((b, i) => `WHEN t BETWEEN ${b.lo} AND ${b.hi} THEN ${i}`).join(' ')
  const stats = await ctx.client.query<{ e: unknown; n: unknown; lo: unknown; hi: unknown; k0: unknown; k1: unknown; parents: unknown }>(
    `SELECT e, count(*) AS n, min(t) AS lo, max(t) AS hi, ${key ? 'min(id) AS k0, max(id) AS k1' : 'NULL AS k0, NULL AS k1'}, ${parent ? 'count(DISTINCT p)' : 'NULL'} AS parents
     FROM (SELECT CASE ${cases} END AS e, r.* FROM (${inner}) AS r) AS x WHERE e IS NOT NULL GROUP BY e`,
  )
  const episodes: Episode[] = []
  for (const s of stats) {
    const b = bursts[Number(s.e)]!
    const rows = Number(s.n)
    const [first, last] = [Number(s.lo), Number(s.hi)]
    const child = table.links.some((l) => l.references.email || l.references.username)
    const baseline = baselineRate(series, first, last) * (last - first + 1)
    const severity = rows >= (child ? CHILD_PROOF : PROOF) ? 'error' : child ? 'info' : 'warning'
    const episode: Episode = { ...b, rows, first, last, baseline, severity }
    if (s.k0 != null) episode.keys = [Number(s.k0), Number(s.k1)]
    if (s.parents != null) episode.parents = Number(s.parents)
    episodes.push(episode)
  }
  let tested = 0
  for (const e of episodes.sort((a, b) => a.score - b.score)) {
    if (!e.fine && e.severity === 'error') {
      // a surge over minutes may be a launch; a seed script's rows come at a steady pace
      const regular = tested++ < REGULARITY_TESTS ? await isRegular(ctx, source, e) : false
      if (!regular) Object.assign(e, { severity: 'info', why: 'arrivals as irregular as organic traffic: a launch or a campaign?' })
    }
    // --since: the share of what was read, not of the new rows alone
    const share = e.rows / Math.max(1, table.scope ? series.total : table.rows)
    if (share >= 0.9 && !table.email && !table.username && !table.links.some((l) => l.references.email || l.references.username)) {
      Object.assign(e, { severity: 'info', why: 'nearly the whole table at once: reference data loaded by a migration?' })
    } else if (e.parents !== undefined && e.parents <= 2 && e.rows >= 5) {
      Object.assign(e, { severity: 'info', why: `all belong to ${plural(e.parents, 'parent row')}: one record's children, not a seed` })
    }
  }
  return episodes
}

/**
 * Whether arrivals in the episode are steadier than a Poisson process allows: counts per bin (one
 * row expected in each, at least a second wide) have an index of dispersion far below 1, as a loop
 * of awaited inserts or a throttled script gives, where organic traffic, launches included, is at 1
 * or above. The surge is already proven; this only tells a seed from a launch, so a one-in-a-thousand
 * lower tail of χ² suffices (a 40-row loop reaches ~1e-6; Poisson arrivals pass it one time in 2,000).
 */
async function isRegular(ctx: CheckContext, source: (extra?: string) => string, e: Episode): Promise<boolean> {
  const span = e.last - e.first + 1
  const bin = Math.max(1000, Math.floor(span / Math.max(1, e.rows)))
  const bins = Math.floor(span / bin) + 1
  if (bins < MIN_BINS) return false
  const [r] = await ctx.client.query<{ n: unknown; sq: unknown }>(
    `SELECT sum(n) AS n, sum(n * n) AS sq FROM (SELECT ${ctx.sql.intDiv(`t - ${e.first}`, bin)} AS b, count(*) AS n FROM (${source()}) AS r WHERE t BETWEEN ${e.first} AND ${e.last} GROUP BY 1) AS x`,
  )
  const n = Number(r?.n ?? 0)
  const mean = n / bins
  if (mean <= 0) return false
  const dispersion = (Number(r?.sq ?? 0) - (n * n) / bins) / mean
  return chiSquareLowerTail(dispersion, bins - 1) < REGULAR_P
}

function toIndicators(table: Table, t: string, episodes: Episode[]): Indicator[] {
  const out: Indicator[] = []
  for (const severity of ['error', 'warning', 'info'] as const) {
    const mine = episodes.filter((e) => e.severity === severity).sort((a, b) => a.first - b.first)
    if (mine.length === 0) continue
    const rows = mine.reduce((sum, e) => sum + e.rows, 0)
    const head = mine.reduce((a, b) => (b.score < a.score ? b : a))
    out.push({
      check: creationBursts.id,
      table: table.display,
      column: table.created!.name,
      count: rows,
      severity,
      message: `${plural(mine.length, 'creation burst')}, ${plural(rows, 'row')}: ${describe(head)}${mine.length > 1 ? ', and more' : ''}${head.why ? ` (${head.why})` : ''}`,
      samples: mine.slice(0, 5).map(describe),
      ...(severity === 'error' ? { rows: within(t, mine) } : {}),
      ...(severity !== 'info' ? { select: { where: within(t, mine), ...organicWithin(mine) } } : {}),
      spans: mine.map((e) => [e.first, e.last]),
    })
  }
  return out
}

/** a burst takes every row created in its span: the table's own arrivals there go with it */
function organicWithin(episodes: Episode[]): { caveat?: string } {
  const expected = episodes.reduce((sum, e) => sum + e.baseline, 0)
  if (expected < 0.5) return {}
  return { caveat: `every row created within the ${episodes.length === 1 ? 'burst' : 'bursts'} is taken, and the table's rate around then predicts ${formatExpected(expected)} of its own there: review them, and keep the organic ones with --keep-where` }
}

/** the rows created inside the episodes: `t` is the creation time in epoch ms */
function within(t: string, episodes: Episode[]): string {
  return episodes.map((e) => `(${t} BETWEEN ${e.first} AND ${e.last})`).join(' OR ')
}

function describe(e: Episode): string {
  const span = e.last - e.first
  const hint = e.severity === 'error' ? batchHint(e.rows - e.baseline) : undefined
  const ids = e.keys && e.keys[1] - e.keys[0] + 1 === e.rows && e.rows > 1 ? `, ids ${e.keys[0]}–${e.keys[1]} consecutive` : ''
  return `${formatCount(e.rows)} rows within ${formatDuration(span + 1)} from ${formatInstant(e.first)} where the table's rate around then predicts ${formatExpected(e.baseline)}${ids}${hint ? `; a batch of ${hint}?` : ''}`
}
