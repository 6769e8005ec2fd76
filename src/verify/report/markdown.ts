import type { VerifyResult } from '../types.js'
import { renderRows, renderVerdictLine, renderWhere, sortIndicators } from './summary.js'

/** For a job summary ($GITHUB_STEP_SUMMARY): the verdict, the counts, the indicators with samples. */
export function renderMarkdown(result: VerifyResult): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')
  const lines = [`### seedguard verify: ${result.verdict === 'seeded' ? '❌' : '✅'} ${renderVerdictLine(result)}`, '', `\`${cell(result.database)}\``, '', '| table | rows |', '| --- | ---: |']
  for (const t of result.tables) lines.push(`| ${cell(t.name)} | ${renderRows(t.rows, t.estimated)} |`)
  if (result.admins !== undefined) lines.push(`| **admin accounts** | ${result.admins} |`)
  const indicators = sortIndicators(result.indicators).filter((i) => i.check !== 'admin-accounts' || i.severity !== 'info')
  if (indicators.length) {
    lines.push('', '| severity | check | where | rows | finding |', '| --- | --- | --- | ---: | --- |')
    for (const i of indicators) lines.push(`| ${i.severity} | \`${i.check}\` | ${cell(renderWhere(i))} | ${i.count} | ${cell(i.message)} |`)
    for (const i of indicators.filter((x) => x.samples.length)) {
      lines.push('', `<details><summary>${cell(renderWhere(i))}: ${i.check}</summary>`, '', ...i.samples.slice(0, 5).map((s) => `- ${cell(s)}`), '', '</details>')
    }
  }
  return `${lines.join('\n')}\n`
}
