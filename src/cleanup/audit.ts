// The audit log of `cleanup --apply`: JSON Lines, one object per attempt appended to the file
// (default `<archive>.log`), whatever its outcome: who ran it and when, the database, the plan,
// the counts per table before and after, where the archive is, and why a refused or failed run
// stopped. Appended, never rewritten: one file can hold a database's whole history of cleanups.
import { appendFileSync } from 'node:fs'
import type { TableCounts } from './apply.js'
import type { CleanupPlan } from './types.js'

export interface AuditEntry {
  /** ISO 8601 */
  at: string
  /** `user@host` */
  by: string
  database: string
  outcome: 'applied' | 'refused' | 'failed'
  /** the hash the operator asked for */
  hash: string
  archive: string
  /** as recomputed inside the transaction; absent when the run stopped before it was */
  plan?: CleanupPlan
  counts?: TableCounts[]
  /** refused or failed: why */
  message?: string
}

export function appendAudit(file: string, entry: AuditEntry): void {
  appendFileSync(file, `${JSON.stringify(entry)}\n`)
}
