import type { Span } from './span.js'

/** How sure a judgement is; kept apart from severity (zizmor keeps the two apart too). */
export type Confidence = 'high' | 'medium' | 'low'

export type ReasonKind =
  | 'environment'
  | 'trigger'
  | 'deploy-command'
  | 'deploy-action'
  | 'database'
  | 'env-var'
  | 'condition'
  | 'caller'
  | 'platform-phase'

/** One piece of evidence for or against "this runs against production". */
export interface ProductionReason {
  kind: ReasonKind
  /** true: points towards production; false: points away from it. */
  towards: boolean
  detail: string
  span?: Span
  /** a platform phase that runs on production deploys only under conditions the files cannot show */
  weak?: boolean
}

/** Whether something runs against production: the one vocabulary of every judgement, of contexts, names, deploys and artifacts. */
export type Verdict = 'production' | 'not-production' | 'unknown'

export interface ProductionVerdict {
  verdict: Verdict
  confidence: Confidence
  reasons: ProductionReason[]
}

const rank: Record<Confidence, number> = { low: 0, medium: 1, high: 2 }

export function weakerConfidence(a: Confidence, b: Confidence): Confidence {
  return rank[a] <= rank[b] ? a : b
}
