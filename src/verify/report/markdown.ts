import type { VerifyResult } from '../types.js'
import { renderMermaid } from './chart.js'
import { renderNextSteps, renderRows, renderVerdictLine, renderWhere, sortIndicators } from './summary.js'

const MARK = { clean: '✅', seeded: '❌', incomplete: '⚠️', unreadable: '⛔' } as const

/** For a job summary ($GITHUB_STEP_SUMMARY): the verdict, the counts, the indicators with samples. */
export function renderMarkdown(result: VerifyResult): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')
  const lines = [`### seedguard verify: ${MARK[result.verdict]} ${renderVerdictLine(result)}`, '', `\`${cell(result.database)}\``]
  if (result.problem) lines.push('', cell(result.problem))
  if (result.tables.length) lines.push('', '| table | rows |', '| --- | ---: |')
  for (const t of result.tables) lines.push(`| ${cell(t.name)} | ${renderRows(t)} |`)
  if (result.admins !== undefined) lines.push(`| **admin accounts** | ${result.admins} |`)
  if (result.unchecked.length) lines.push('', '| unchecked table | why it was not read |', '| --- | --- |', ...result.unchecked.map((u) => `| ${cell(u.table)} | ${cell(u.why)} |`))
  for (const arrivals of result.arrivals ?? []) lines.push('', ...renderMermaid(arrivals))
  const indicators = sortIndicators(result.indicators).filter((i) => i.check !== 'admin-accounts' || i.severity !== 'info')
  if (indicators.length) {
    lines.push('', '| severity | check | where | rows | finding |', '| --- | --- | --- | ---: | --- |')
    for (const i of indicators) lines.push(`| ${i.severity} | \`${i.check}\` | ${cell(renderWhere(i))} | ${i.count} | ${cell(i.message)} |`)
    for (const i of indicators.filter((x) => x.samples.length)) {
      lines.push('', `<details><summary>${cell(renderWhere(i))}: ${i.check}</summary>`, '', ...i.samples.slice(0, 5).map((s) => `- ${cell(s)}`), '', '</details>')
    }
  }
  const steps = renderNextSteps(result)
  if (steps.length) lines.push('', '**Next:**', '', ...steps.map((step, i) => `${i + 1}. ${cell(step)}`))
  return `${lines.join('\n')}\n`
}
