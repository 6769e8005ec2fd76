import { formatCount, formatInstant, plural } from '../format.js'
import type { Indicator, Severity, TableSummary, VerifyResult } from '../types.js'

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 }

/** errors first, then by table and check, as every format lists them */
export function sortIndicators(indicators: readonly Indicator[]): Indicator[] {
  return [...indicators].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.table.localeCompare(b.table) || a.check.localeCompare(b.check))
}

/** `seeded: 2 errors, 1 warning` / `clean` / `clean: 1 warning` / `incomplete: 2 tables unchecked` / `unreadable: nothing verified` */
export function renderVerdictLine(result: VerifyResult): string {
  if (result.verdict === 'unreadable') return 'unreadable: nothing verified'
  const count = (s: Severity) => result.indicators.filter((i) => i.severity === s).length
  const parts = [count('error') ? plural(count('error'), 'error') : '', count('warning') ? plural(count('warning'), 'warning') : ''].filter(Boolean)
  const unchecked = result.unchecked.length ? `${plural(result.unchecked.length, 'table')} unchecked` : ''
  if (result.verdict === 'incomplete') return `incomplete: ${[unchecked, ...parts].join(', ')}`
  return `${result.verdict}${parts.length ? `: ${parts.join(', ')}` : ''}${unchecked ? `; ${unchecked}` : ''}`
}

const BACKUP: Record<VerifyResult['dialect'], string> = { postgres: 'pg_dump', mysql: 'mysqldump', sqlite: 'a copy of the file', pglite: 'a copy of the directory' }

/** What to do about the verdict, one step a line; nothing for clean, nor for unreadable, whose problem says it. */
export function renderNextSteps(result: VerifyResult): string[] {
  const steps: string[] = []
  if (result.verdict === 'seeded') {
    steps.push(
      'look at the rows listed above: they are what looks seeded',
      'find what wrote them: `seedguard check` shows a seed command on your deploy path; remove it there first',
      `back up the database (${BACKUP[result.dialect]}), then delete those rows`,
      'verify again after the cleanup; a read-only role is all this needs',
    )
  }
  if (result.unchecked.length && result.verdict !== 'unreadable') {
    const grant = result.grant ? `: ${result.grant}` : ''
    steps.push(`let this connection read the unchecked tables${grant} (or leave out a table that cannot hold seed data with --ignore-table)`)
  }
  return steps
}
/** `User.createdAt`, or the table alone */
export function renderWhere(i: Indicator): string {
  return i.column ? `${i.table}.${i.column}` : i.table
}

/** `1,234`, `~12,345,678 (estimated)`, or `312 new since 2026-11-19T00:00:00.000Z` */
export function renderRows(table: TableSummary): string {
  if (table.since !== undefined) return `${formatCount(table.rows)} new since ${formatInstant(table.since)}`
  return table.estimated ? `~${formatCount(table.rows)} (estimated)` : formatCount(table.rows)
}
