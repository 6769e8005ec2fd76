import * as core from '@actions/core'
import type { Finding, Severity } from '../model/finding.js'
import type { Span } from '../model/span.js'
import { renderChain, renderMessage, ruleHelp } from '../report/message.js'
import { count, type Tally } from './verdict.js'

/**
 * GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and drops the rest
 * without a word (docs: "Annotations ... limits"); the rest is counted in a notice instead.
 */
export const ANNOTATIONS_PER_KIND = 10

// looked up on each call, not captured at load: tests replace @actions/core
function emit(severity: Severity): typeof core.error {
  return severity === 'error' ? core.error : severity === 'warning' ? core.warning : core.notice
}

/** Annotations for the open findings, errors first; returns how many did not fit. */
export function annotate(t: Tally, seeAlso: string[]): number {
  const shown: Record<Severity, number> = { error: 0, warning: 0, note: 0 }
  const left: Record<Severity, number> = { error: 0, warning: 0, note: 0 }
  for (const f of t.open) {
    if (shown[f.severity] >= ANNOTATIONS_PER_KIND) {
      left[f.severity]++
      continue
    }
    shown[f.severity]++
    emit(f.severity)(annotationText(f), { ...spanProperties(f.primary), title: annotationTitle(f) })
  }
  const more = left.error + left.warning + left.note
  if (more > 0) {
    const kinds = [left.error > 0 && count(left.error, 'error'), left.warning > 0 && count(left.warning, 'warning'), left.note > 0 && count(left.note, 'note')].filter(Boolean).join(', ')
    core.notice(`${more} more ${more === 1 ? 'finding is' : 'findings are'} not annotated here (${kinds}): GitHub shows ${ANNOTATIONS_PER_KIND} annotations of each kind per step. All of them are in ${seeAlso.join(', ')}.`, {
      title: 'seedguard: more findings than annotations',
    })
  }
  return more
}

/** The annotation of a file that stopped the check itself, such as an invalid config. */
export function annotateProblem(message: string, span: Span, title: string): void {
  core.error(message, { ...spanProperties(span), title })
}

// the title of the `--format github` reporter; the chain follows the message unless the message
// already spells it out (the seed rules do), so that no annotation says it twice
export function annotationText(f: Finding): string {
  const message = renderMessage(f)
  const chain = renderChain(f)
  return f.chain.length === 0 || message.includes(chain) ? message : `${message}\n${chain}`
}

export function annotationTitle(f: Finding): string {
  return `${ruleHelp(f.rule).title} [${f.rule}]`
}

function spanProperties(span: Span): core.AnnotationProperties {
  return { file: span.file, startLine: span.start.line, endLine: span.end.line, startColumn: span.start.column, endColumn: span.end.column }
}
