import type { ProductionVerdict } from './production.js'
import type { Span } from './span.js'

export type ShellKind = 'bash' | 'sh' | 'pwsh' | 'python' | 'exec' | 'other'

/**
 * A piece of shell text that runs as one unit (a `run:` block, a package.json script body, a
 * shell script file), with the function mapping its character offsets back into its file.
 */
export interface ShellSource {
  text: string
  /** file offset of text[i]; index text.length gives the end offset */
  offsets: (i: number) => number
  file: string
  shell: ShellKind
}

/** Something that runs commands in one production setting: a workflow job, a release phase, a CMD. */
export interface ExecutionContext {
  id: string
  /** human label for the chain's first hop, e.g. "deploy job `prod` (environment: production)" */
  label: string
  span: Span
  steps: ContextStep[]
  production: ProductionVerdict
}

/** One runnable unit of a context: a step's `run:`, a `uses:` of a local action, a platform command. */
export interface ContextStep {
  label: string
  span: Span
  source?: ShellSource
  cwd: string
  env: Record<string, string>
  /** unresolved callee (remote action, missing file) on this path */
  unresolved?: string
  /** a step-level `if:` that keeps the step away from production */
  excludedBy?: string
  /** commands of a local composite action / reusable workflow run in this context */
  nested?: ContextStep[]
}
