import type { Confidence, ProductionVerdict } from './production.js'
import type { Span } from './span.js'

export const RULE_IDS = [
  'seed-in-production',
  'seed-possibly-in-production',
  'reset-in-production',
  'reset-possibly-in-production',
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

/** What a command does to the data: adds rows (seed), drops or wipes them (wipe); `migrate:fresh --seed` does both. */
export type Effect = 'seed' | 'wipe'

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
  /** the command that seeds or wipes, and which of the two it does */
  seed?: {
    tool: string
    command: string
    docs: string
    effects: Effect[]
    /** seedguard's runtime check it runs through (`seedguard guard`, `assertSafeToSeed()`): refused where the database is marked production */
    guardedBy?: string
  }
  production?: ProductionVerdict
  confidence: Confidence
  /** data for the message renderer; never prose assembled elsewhere */
  detail?: string
  fix?: string
  suppressed?: { reason: string; span: Span }
}

/** The groups `--rules` selects, by the effect of the command a finding reports: `seed` and `reset` (a command that wipes data). */
export const RULE_GROUPS = { seed: 'seed', reset: 'wipe' } as const satisfies Record<string, Effect>

export type RuleGroup = keyof typeof RULE_GROUPS

export function isRuleGroup(name: string): name is RuleGroup {
  return Object.hasOwn(RULE_GROUPS, name)
}

/**
 * Whether a selection of groups reports a finding: one about a command is kept when one of its
 * effects is selected (a reset that seeds too is in both groups); the findings about the check
 * itself (a file that cannot be read, a suppression) always are, since they hide what is selected.
 */
export function isSelected(finding: Finding, groups: readonly RuleGroup[]): boolean {
  return finding.seed === undefined || groups.some((group) => finding.seed!.effects.includes(RULE_GROUPS[group]))
}
