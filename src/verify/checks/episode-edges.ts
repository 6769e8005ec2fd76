// A fine burst is a window (a second, ten seconds) that passed the judge; the run that filled it may
// start before the window and end after it (ten rows in two seconds across a ten-second boundary
// leave three outside). Its edges are grown row by row while the next row comes as soon as the
// run's own rows come to each other, so the episode is the run, not the window.
import type { Burst } from '../arrivals.js'
import type { CheckContext } from '../types.js'

/** how far beyond a window its run is followed, in ms */
const REACH = 10_000
/** rows read around all windows at most */
const ROWS = 20_000

/** `source` selects `t`, the creation time in epoch ms, of every row that has one */
export async function growFineBursts(ctx: CheckContext, source: string, bursts: Burst[]): Promise<Burst[]> {
  const fine = bursts.filter((b) => b.fine)
  if (fine.length === 0) return bursts
  const ranges = fine.map((b) => `t BETWEEN ${b.lo - REACH} AND ${b.hi + REACH}`).join(' OR ')
  const rows = await ctx.client.query<{ t: unknown }>(`SELECT t FROM (${source}) AS r WHERE ${ranges} ORDER BY t LIMIT ${ROWS}`)
  const times = rows.map((r) => Number(r.t))
  return bursts.map((b) => (b.fine ? grow(b, times) : b))
}

function grow(b: Burst, times: number[]): Burst {
  const inside = times.filter((t) => t >= b.lo && t <= b.hi)
  if (inside.length < 2) return b
  const gaps = inside.slice(1).map((t, i) => t - inside[i]!).sort((x, y) => x - y)
  const allowed = Math.max(1, 2 * gaps[Math.floor(gaps.length / 2)]!)
  let [lo, hi] = [b.lo, b.hi]
  for (let i = times.indexOf(inside[0]!) - 1; i >= 0 && lo - times[i]! <= allowed; i--) lo = times[i]!
  for (let i = times.lastIndexOf(inside[inside.length - 1]!) + 1; i < times.length && times[i]! - hi <= allowed; i++) hi = times[i]!
  return { ...b, lo, hi }
}
