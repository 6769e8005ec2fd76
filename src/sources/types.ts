import type { SeedguardConfig } from '../config/types.js'
import type { ExecutionContext } from '../model/context.js'
import type { Severity } from '../model/finding.js'
import type { Span } from '../model/span.js'
import type { DeployReading, Deployments } from '../production/deployments.js'
import type { Project } from '../project/project.js'

/** A located problem with an input file: a parse error, an unreadable callee, a file not read. */
export interface Problem {
  rule: 'parse-error' | 'unresolved-on-production-path' | 'ci-not-analysed'
  message: string
  span: Span
  /** when not the rule's usual one: `note` says what was not looked at without failing the run */
  severity?: Severity
}

export interface SourceReader {
  id: string
  title: string
  docs: string
  /** globs of the files this reader owns, from the repository root */
  files: string[]
  /** a finer test of a name the globs matched (a `Dockerfile.ts` is source code, not a Dockerfile) */
  accepts?(file: string): boolean
  /**
   * the globs find candidates, not configs: a deploy or the content decides (any YAML may be a
   * manifest), so a candidate that cannot be read is not an error by itself; the reader reports
   * one it needed. Otherwise a file it owns that cannot be read is an error at that file.
   */
  candidates?: true
  /**
   * the platform that parses these files itself and refuses one that does not parse: there an
   * invalid file fails the deploy before anything in it runs, so a parse error is a warning.
   * Absent where seedguard's parser may be weaker than the runtime's (shell; a Dockerfile, whose
   * reader marks the problems Docker refuses too as warnings itself).
   */
  rejectedBy?: string
  /**
   * the execution contexts of one file. `deployments`: what every deploy of the repository ships,
   * for readers of an artifact (a Dockerfile, a compose file, manifests) that some other file deploys
   */
  read(file: string, project: Project, config: SeedguardConfig, deployments: Deployments): { contexts: ExecutionContext[]; problems: Problem[] }
  /** the images, compose stacks and manifests this reader's files deploy: each file is read once for them */
  deploys?: DeployReading
}
