import { formatCount, plural } from '../format.js'
import type { Indicator, Severity, VerifyResult } from '../types.js'

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 }

/** errors first, then by table and check, as every format lists them */
export function sortIndicators(indicators: readonly Indicator[]): Indicator[] {
  return [...indicators].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.table.localeCompare(b.table) || a.check.localeCompare(b.check))
}

/** `seeded: 2 errors, 1 warning` / `clean` / `clean: 1 warning` */
export function renderVerdictLine(result: VerifyResult): string {
  const count = (s: Severity) => result.indicators.filter((i) => i.severity === s).length
  const parts = [count('error') ? plural(count('error'), 'error') : '', count('warning') ? plural(count('warning'), 'warning') : ''].filter(Boolean)
  return `${result.verdict}${parts.length ? `: ${parts.join(', ')}` : ''}`
}

/** `User.createdAt`, or the table alone */
export function renderWhere(i: Indicator): string {
  return i.column ? `${i.table}.${i.column}` : i.table
}

/** `1,234`, or `~12,345,678 (estimated)` */
export function renderRows(rows: number, estimated?: boolean): string {
  return estimated ? `~${formatCount(rows)} (estimated)` : formatCount(rows)
}
