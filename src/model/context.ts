import type { ProductionReason } from './production.js'
import type { RuntimeEnvironment } from './runtime.js'
import type { Span } from './span.js'

/**
 * `sh-or-bash`: a script without a `#!` line run by a command line the repository does not hold (a
 * platform dashboard, a person on a server): the shell running that command line runs the script
 * (https://www.gnu.org/software/bash/manual/html_node/Command-Search-and-Execution.html), so it is
 * read as sh, and what only bash would run (brace expansion) runs under a condition no file decides.
 */
export type ShellKind = 'bash' | 'sh' | 'sh-or-bash' | 'pwsh' | 'python' | 'other'

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

/** Something that runs commands in one setting: a workflow job, a release phase, a Dockerfile CMD. */
export interface ExecutionContext {
  id: string
  /** the chain's first hop, e.g. "job `prod` (environment: production) in deploy.yml" */
  label: string
  span: Span
  steps: ContextStep[]
  /** evidence for or against production that holds for the whole context */
  reasons: ProductionReason[]
  /** host names of the context's own database containers (a job's `services:`) */
  services?: string[]
  /**
   * the commands run inside the deployed app (a container start): a SQLite file there is its real data;
   * `image`: they build the deployed image, and a SQLite file they write outside a temporary directory ships in it
   */
  ownDatabase?: boolean | 'image'
  /** what a variable no file sets holds there; absent: set outside the repository, so unknown */
  runtime?: RuntimeEnvironment
  /**
   * an entry point only for what no production context runs (a script named deploy.sh, an app's
   * `build`): where one runs it, that one knows how. Keys as the walker records them:
   * `file:<path>`, `script:<package.json>#<name>`
   */
  unlessRun?: string[]
}

/** One runnable unit of a context: a step's `run:`, a local action's steps, a platform command. */
export interface ContextStep {
  label: string
  span: Span
  source?: ShellSource
  /** the positional parameters `source` runs with (a Dockerfile CMD passed to an ENTRYPOINT script), where they are known */
  args?: string[]
  /** the path `source`, a script file, was run by, relative to `cwd`: its `$0`, where it is known */
  invokedAs?: string
  cwd: string
  env: Record<string, string>
  /** evidence that holds for this step only (its `if:`, its database URL) */
  reasons: ProductionReason[]
  /** a remote action (`uses: owner/repo@ref`) that cannot be read */
  action?: { uses: string; inputs: Record<string, string> }
  /** a local composite action's steps, run in this context */
  nested?: ContextStep[]
  /**
   * what a platform runs without a command line in any file: the Node buildpack's install and
   * `build`, Vercel's `vercel-build`. Followed like `npm ci` / `npm run build` would be.
   */
  invoke?: PlatformInvocation[]
}

export type PlatformInvocation =
  | { kind: 'install'; packageDir: string; via: string }
  | { kind: 'script'; packageDir: string; name: string; ifPresent: boolean; hooks: boolean; via: string }
  /** what runs cannot be known from the repository (a start script the image build writes in a way that cannot be rendered) */
  | { kind: 'unresolved'; reason: string }
  /** a command line the platform runs that no file writes (the PHP buildpack's `composer install`): followed, but no place to fix */
  | { kind: 'run'; argv: string[] }
