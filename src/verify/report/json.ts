import { formatInstant } from '../format.js'
import type { VerifyResult } from '../types.js'

/**
 * The contract the action and scripts read:
 * {"verdict": "clean"|"seeded"|"incomplete"|"unreadable", "tables": [{"name", "rows"}],
 * "indicators": [{"check", "table", "column", "count", "severity", "message", "samples"}],
 * "unchecked": [{"table", "why"}]}, with "problem" (unreadable) and "grant" (tables unchecked) when
 * they apply. `estimated: true` marks a planner's count; `since` (--since) the instant after which
 * `rows` new rows arrived.
 */
export function renderJson(result: VerifyResult): string {
  const out = {
    verdict: result.verdict,
    tables: result.tables.map((t) => ({ name: t.name, rows: t.rows, ...(t.estimated ? { estimated: true } : {}), ...(t.since !== undefined ? { since: formatInstant(t.since) } : {}) })),
    indicators: result.indicators.map((i) => ({ check: i.check, table: i.table, column: i.column, count: i.count, severity: i.severity, message: i.message, samples: i.samples })),
    unchecked: result.unchecked.map((u) => ({ table: u.table, why: u.why })),
    ...(result.problem ? { problem: result.problem } : {}),
    ...(result.grant ? { grant: result.grant } : {}),
  }
  return `${JSON.stringify(out, null, 2)}\n`
}
