import type { Confidence, ProductionVerdict } from './production.js'
import type { Span } from './span.js'

export const RULE_IDS = [
  'seed-in-production',
  'seed-possibly-in-production',
  'unresolved-on-production-path',
  'parse-error',
  'script-cycle',
  'suppression-without-reason',
  'invalid-suppression',
  'unused-suppression',
  'config-error',
  'ci-not-analysed',
] as const

export type RuleId = (typeof RULE_IDS)[number]

export type Severity = 'error' | 'warning' | 'note'

/** One hop of the chain from the production entry point down to the seed command. */
export interface Hop {
  span: Span
  label: string
}

export interface Finding {
  rule: RuleId
  severity: Severity
  /** the primary location: the outermost command on the path that exists only to seed */
  primary: Span
  chain: Hop[]
  seed?: { tool: string; command: string; docs: string }
  production?: ProductionVerdict
  confidence: Confidence
  /** data for the message renderer; never prose assembled elsewhere */
  detail?: string
  fix?: string
  suppressed?: { reason: string; span: Span }
}
