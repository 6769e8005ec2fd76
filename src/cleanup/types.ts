import type { DialectId } from '../verify/dialects/types.js'
import type { VerifyOptions } from '../verify/types.js'

/** `seeded`: the rows the verifier flags; `all`: every row of the chosen tables (the cleanup guide's pre-launch mode) */
export type CleanupScope = 'seeded' | 'all'

export interface KeepRule {
  /** as --keep-where names it: `User`, `auth.users` */
  table: string
  /** an SQL condition on that table */
  where: string
}

export interface CleanupOptions {
  scope: CleanupScope
  /** --table: the tables --scope all empties (default: every table but migration bookkeeping) */
  tables?: string[]
  keepWhere?: KeepRule[]
  /** the verifier's options that change which rows it flags and which accounts are admins */
  verify: VerifyOptions
}

/** How many rows one reason accounts for. */
export interface Reason {
  why: string
  rows: number
}

/** One statement of the cleanup, in the order it runs. */
export interface PlanStep {
  /** as the verifier names it */
  table: string
  /** `set-null`: ON DELETE SET NULL (or SET DEFAULT) on `column`, done by the cleanup so that the old values are archived */
  action: 'delete' | 'set-null'
  column?: string
  rows: number
  reasons: Reason[]
}

export interface KeptRows {
  table: string
  rows: number
  why: string
}

export interface CleanupPlan {
  database: string
  dialect: DialectId
  scope: CleanupScope
  steps: PlanStep[]
  kept: KeptRows[]
  /** said with the plan: indicators that name no rows, all admins flagged and kept, … */
  notes: string[]
  /** why the plan must not be applied; none when it may */
  problems: string[]
  /** sha256 over every affected row, key and content, in key order, and the options that chose them */
  hash: string
}
