import type { Finding } from './finding.js'
import type { Span } from './span.js'

export interface CheckStats {
  files: number
  contexts: number
  productionContexts: number
  suppressed: number
  durationMs: number
}

/**
 * Why the repository could not be judged at all. A check that read nothing proves nothing safe:
 * every front end turns this into the verdict `error` (exit 2), and every format still carries it.
 */
export interface CheckFailure {
  code: 'config-error' | 'no-files' | 'unreadable-directory' | 'internal-error'
  /** the checked directory, absolute */
  path: string
  /** the cause in the words of whoever gave it: the config validator, the OS, the exception */
  detail?: string
  /** where the cause is written (the config line), relative to the result's root */
  span?: Span
}

export interface CheckResult {
  /** absolute path of the directory finding paths are relative to: the repository root */
  root: string
  findings: Finding[]
  stats: CheckStats
  /** set when nothing could be judged; findings are then empty */
  failure?: CheckFailure
}
