import type { SeedguardConfig } from '../config/types.js'
import type { ExecutionContext } from '../model/context.js'
import type { Span } from '../model/span.js'
import type { Project } from '../project/project.js'

/** A located problem with an input file: a parse error, an unreadable callee. */
export interface Problem {
  rule: 'parse-error' | 'unresolved-on-production-path'
  message: string
  span: Span
}

export interface SourceReader {
  id: string
  title: string
  docs: string
  /** globs of the files this reader owns, from the repository root */
  files: string[]
  read(file: string, project: Project, config: SeedguardConfig): { contexts: ExecutionContext[]; problems: Problem[] }
}
