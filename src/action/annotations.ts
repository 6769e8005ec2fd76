import * as core from '@actions/core'
import type { Severity } from '../model/finding.js'
import type { CheckFailure } from '../model/result.js'
import type { Span } from '../model/span.js'
import { annotationOf, failureAnnotation, type Annotation } from '../report/github.js'
import { count, type Tally } from '../report/verdict.js'

/**
 * GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and drops the rest
 * without a word (docs: "Annotations ... limits"); the rest is counted in a notice instead.
 */
export const ANNOTATIONS_PER_KIND = 10

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
    emit(annotationOf(f))
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

/** The annotation of what stopped the check itself, such as an invalid config. */
export function annotateFailure(failure: CheckFailure): void {
  emit(failureAnnotation(failure))
}

// looked up on each call, not captured at load: tests replace @actions/core
function emit({ severity, span, title, message }: Annotation): void {
  const send = severity === 'error' ? core.error : severity === 'warning' ? core.warning : core.notice
  send(message, { ...(span && spanProperties(span)), title })
}

function spanProperties(span: Span): core.AnnotationProperties {
  return { file: span.file, startLine: span.start.line, endLine: span.end.line, startColumn: span.start.column, endColumn: span.end.column }
}
