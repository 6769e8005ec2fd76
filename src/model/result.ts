import type { Finding } from './finding.js'

export interface CheckStats {
  files: number
  contexts: number
  productionContexts: number
  suppressed: number
  durationMs: number
}

export interface CheckResult {
  /** absolute path of the checked directory; finding paths are relative to it */
  root: string
  findings: Finding[]
  stats: CheckStats
}
