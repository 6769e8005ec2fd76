import { failingFindings, type FailOn } from '../model/fail-on.js'
import type { Finding } from '../model/finding.js'
import type { CheckResult } from '../model/result.js'
import { formatSpan } from '../model/span.js'
import { compareFindings } from './message.js'

/** `error`: the check could not judge the repository (result.failure), which is never a pass */
export type Verdict = 'pass' | 'warn' | 'fail' | 'error'

export interface Tally {
  /** unsuppressed findings, errors first, as every reporter orders them */
  open: Finding[]
  errors: number
  warnings: number
  suppressed: number
  /** the open findings that fail the step under fail-on, as `seedguard check --fail-on` decides */
  failing: Finding[]
  verdict: Verdict
}

export function tally(result: CheckResult, failOn: FailOn): Tally {
  const open = result.findings.filter((f) => !f.suppressed).sort(compareFindings)
  const failing = failingFindings(open, failOn)
  return {
    open,
    errors: open.filter((f) => f.severity === 'error').length,
    warnings: open.filter((f) => f.severity === 'warning').length,
    suppressed: result.findings.length - open.length,
    failing,
    // notes (a CI system seedguard does not read, …) inform; they are no reason to look twice at the run
    verdict: result.failure ? 'error' : failing.length > 0 ? 'fail' : open.some((f) => f.severity !== 'note') ? 'warn' : 'pass',
  }
}

/** `2 errors, 1 warning`, or `no findings` */
export function headline(t: Tally): string {
  if (t.open.length === 0) return 'no findings'
  const parts = [count(t.errors, 'error'), count(t.warnings, 'warning')]
  const notes = t.open.length - t.errors - t.warnings
  if (notes > 0) parts.push(count(notes, 'note'))
  return parts.join(', ')
}

/** The one line setFailed shows: how many, why they fail, and where to start. */
export function failureReason(t: Tally, failOn: FailOn): string {
  const first = t.failing[0]
  const where = first ? `; the first at ${formatSpan(first.primary)} [${first.rule}]` : ''
  return `seedguard: ${count(t.failing.length, 'finding')} ${t.failing.length === 1 ? 'fails' : 'fail'} this step (fail-on: ${failOn})${where}`
}

export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}
