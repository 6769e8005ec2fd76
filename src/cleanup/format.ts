// The plan as the operator reviews it: per statement the rows and why, the rows kept and why, the
// hash, and the exact command that applies it. JSON carries the same, for scripts.
import { formatCount, plural } from '../verify/format.js'
import type { CleanupPlan, PlanStep } from './types.js'

export type PlanFormat = 'text' | 'json' | 'markdown'

/** `command`: the command line that applies this plan */
export const planRenderers: Record<PlanFormat, (plan: CleanupPlan, command: string) => string> = {
  text: renderText,
  json: (plan, command) => `${JSON.stringify({ ...plan, command }, null, 2)}\n`,
  markdown: renderMarkdown,
}

function action(step: PlanStep): string {
  return step.action === 'delete' ? `delete ${plural(step.rows, 'row')}` : `set ${step.column} to NULL in ${plural(step.rows, 'row')}`
}

function renderText(plan: CleanupPlan, command: string): string {
  const lines = [`Cleanup plan for ${plan.database} (${plan.dialect}, --scope ${plan.scope}). Nothing was written: the plan's transaction rolled back.`, '']
  if (plan.steps.length === 0) lines.push('Nothing to delete.')
  else lines.push('In this order, children before the rows they reference:')
  const width = Math.max(0, ...plan.steps.map((s) => s.table.length))
  plan.steps.forEach((step, i) => {
    lines.push(`  ${String(i + 1).padStart(2)}. ${step.table.padEnd(width)}  ${action(step)}`)
    for (const reason of step.reasons) lines.push(`        ${formatCount(reason.rows).padStart(7)}  ${reason.why}`)
  })
  if (plan.kept.length) {
    lines.push('', 'Kept:')
    for (const k of plan.kept) lines.push(`  ${k.table}: ${plural(k.rows, 'row')}, ${k.why}`)
  }
  if (plan.notes.length) lines.push('', 'Notes:', ...plan.notes.map((n) => `  - ${n}`))
  if (plan.problems.length) {
    lines.push('', 'This plan cannot be applied:', ...plan.problems.map((p) => `  - ${p}`))
    lines.push('', `Plan hash: ${plan.hash}`)
    return `${lines.join('\n')}\n`
  }
  lines.push('', `Plan hash: ${plan.hash}`, '', 'Apply exactly this plan (refused if the data changed since; every deleted row is archived first):', `  ${command}`)
  return `${lines.join('\n')}\n`
}

function renderMarkdown(plan: CleanupPlan, command: string): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
  const lines = [`### seedguard cleanup plan: ${cell(plan.database)}`, '', `Scope: \`${plan.scope}\` · dialect: ${plan.dialect} · nothing was written.`, '']
  if (plan.steps.length) {
    lines.push('| # | table | action | why |', '|---|---|---|---|')
    plan.steps.forEach((s, i) => lines.push(`| ${i + 1} | ${cell(s.table)} | ${action(s)} | ${s.reasons.map((r) => `${formatCount(r.rows)}: ${cell(r.why)}`).join('<br>')} |`))
  } else lines.push('Nothing to delete.')
  if (plan.kept.length) lines.push('', '**Kept**', '', ...plan.kept.map((k) => `- ${cell(k.table)}: ${plural(k.rows, 'row')}, ${cell(k.why)}`))
  if (plan.notes.length) lines.push('', '**Notes**', '', ...plan.notes.map((n) => `- ${cell(n)}`))
  if (plan.problems.length) lines.push('', '**This plan cannot be applied**', '', ...plan.problems.map((p) => `- ${cell(p)}`))
  lines.push('', `Plan hash: \`${plan.hash}\``)
  if (!plan.problems.length) lines.push('', '```sh', command, '```')
  return `${lines.join('\n')}\n`
}
