import type { Finding } from './finding.js'

export const FAIL_ON = ['error', 'warning', 'never'] as const

/** Which findings fail a run: `--fail-on`, the action's `fail-on` input, the hook's `--fail-on`. */
export type FailOn = (typeof FAIL_ON)[number]

export function isFailOn(value: unknown): value is FailOn {
  return (FAIL_ON as readonly unknown[]).includes(value)
}

/** The one rule every front end applies: suppressed findings and notes never fail a run. */
export function failingFindings(findings: readonly Finding[], failOn: FailOn): Finding[] {
  if (failOn === 'never') return []
  return findings.filter((f) => !f.suppressed && (f.severity === 'error' || (failOn === 'warning' && f.severity === 'warning')))
}
