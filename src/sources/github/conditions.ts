import { classifyEnvironmentName } from '../../production/evidence.js'
import type { SeedguardConfig } from '../../config/types.js'
import type { ProductionReason } from '../../model/production.js'
import type { Span } from '../../model/span.js'

/**
 * What an `if:` says about production. Only conditions that must hold (no `||`) are read: a job
 * that runs only for pull requests, only off the default branch, or only for a staging
 * environment is not a production path; one that requires the default branch or a tag is.
 */
export function conditionReasons(condition: string, config: SeedguardConfig, span: Span): ProductionReason[] {
  const text = condition.replace(/^\s*\$\{\{\s*|\s*\}\}\s*$/g, '')
  if (/^\s*(false|0|'')\s*$/.test(text)) return [{ kind: 'condition', towards: false, detail: '`if: false` never runs', span }]
  if (text.includes('||')) return []
  const act = text.split('&&').find(isActOnly)
  if (act) return [{ kind: 'condition', towards: false, detail: `\`if: ${act.trim()}\` holds only under nektos/act, never on GitHub`, span }]
  const reasons: ProductionReason[] = []
  const against = (detail: string) => reasons.push({ kind: 'condition', towards: false, detail: `\`if: ${text}\` ${detail}`, span })
  for (const m of text.matchAll(/github\.event_name\s*(==|!=)\s*'([^']+)'/g)) {
    const pr = /^pull_request/.test(m[2]!)
    if ((m[1] === '==' && pr) || (m[1] === '!=' && m[2] === 'push')) against('runs only for pull requests')
  }
  for (const m of text.matchAll(/github\.(?:ref|head_ref|base_ref|ref_name)\s*(==|!=)\s*'([^']+)'/g)) {
    const branch = m[2]!.replace(/^refs\/heads\//, '')
    const isDefault = config.defaultBranches.includes(branch)
    if (m[1] === '!=' && isDefault) against(`excludes \`${branch}\``)
    else if (m[1] === '==' && !isDefault && !m[2]!.startsWith('refs/tags')) against(`runs only on \`${branch}\``)
    else if (m[1] === '==') reasons.push({ kind: 'condition', towards: true, detail: `\`if:\` requires \`${branch}\``, span })
  }
  for (const m of text.matchAll(/(?:inputs|github\.event\.inputs|matrix|vars)\.[\w-]+\s*(==|!=)\s*'([^']+)'/g)) {
    const verdict = classifyEnvironmentName(m[2]!, config)
    if (m[1] === '==' && verdict === 'not-production') against(`runs only for ${m[2]}`)
    if (m[1] === '!=' && verdict === 'production') against(`excludes ${m[2]}`)
    // `if: inputs.environment == 'production'` names the environment as surely as `environment:` does
    if (m[1] === '==' && verdict === 'production') reasons.push({ kind: 'environment', towards: true, detail: `\`if:\` requires ${m[2]}`, span })
  }
  return reasons
}

/**
 * A conjunct that is true only when nektos/act runs the workflow locally: act sets `ACT=true`, which
 * GitHub never does, and reports the actor `nektos/act`, which no GitHub login can be (logins have
 * no `/`); `github.event.act` is the custom event property act's README suggests for job-level `if:`.
 * Negations (`!env.ACT`, `github.actor != 'nektos/act'`) are left alone: they hold on GitHub.
 * https://nektosact.com/usage/index.html#skipping-jobs , #skipping-steps
 */
function isActOnly(conjunct: string): boolean {
  const c = conjunct.trim().replace(/^\(+/, '').replace(/\)+$/, '').trim()
  return /^(?:env\.ACT|github\.event\.act)(\s*==\s*'?true'?|\s*!=\s*'')?$/.test(c) || /^github\.(?:actor|triggering_actor)\s*==\s*'[^']*\/[^']*'$/.test(c)
}
