import type { VerifyResult } from '../types.js'
import { renderSparklines } from './chart.js'
import { renderNextSteps, renderRows, renderVerdictLine, renderWhere, sortIndicators } from './summary.js'

export interface TextOptions {
  color: boolean
}

const SEVERITY_COLOR = { error: '31', warning: '33', info: '36' } as const
const VERDICT_COLOR = { clean: '32', seeded: '31', incomplete: '33', unreadable: '31' } as const

/** Per-table counts (the cleanup guide's `Users: 0 / Sessions: 0 / … / Admin accounts: 1`), then the indicators with a few masked samples. */
export function renderText(result: VerifyResult, options: TextOptions = { color: false }): string {
  const paint = (code: string, text: string) => (options.color ? `\x1b[${code}m${text}\x1b[0m` : text)
  const lines = [`seedguard verify: ${result.database}`, '']
  const width = Math.max(8, ...result.tables.map((t) => t.name.length), 'Admin accounts'.length) + 1
  for (const t of result.tables) lines.push(`  ${`${t.name}:`.padEnd(width + 1)} ${renderRows(t)}`)
  if (result.admins !== undefined) lines.push(`  ${'Admin accounts:'.padEnd(width + 1)} ${result.admins}`)
  const sparklines = renderSparklines(result.arrivals ?? [])
  if (sparklines.length) lines.push('', ...sparklines)
  if (result.problem) lines.push(`  ${result.problem}`)
  if (result.unchecked.length) lines.push('', 'unchecked (could not be read, so not judged):', ...result.unchecked.map((u) => `  ${u.table}: ${u.why}`))
  const indicators = sortIndicators(result.indicators).filter((i) => i.check !== 'admin-accounts' || i.severity !== 'info')
  if (indicators.length) lines.push('')
  for (const i of indicators) {
    lines.push(`${paint(SEVERITY_COLOR[i.severity], i.severity)} ${renderWhere(i)}: ${i.message} [${i.check}]`)
    for (const s of i.samples.slice(0, 5)) lines.push(`  · ${s}`)
  }
  lines.push('', `${paint('1', 'verdict:')} ${paint(VERDICT_COLOR[result.verdict], renderVerdictLine(result))}`)
  const steps = renderNextSteps(result)
  if (steps.length === 1) lines.push(`next: ${steps[0]}`)
  else if (steps.length) lines.push('next:', ...steps.map((s, i) => `  ${i + 1}. ${s}`))
  return `${lines.join('\n')}\n`
}
