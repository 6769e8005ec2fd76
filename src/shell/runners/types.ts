import type { Project } from '../../project/project.js'
import type { ShellWord } from '../parse.js'

export interface RunnerContext {
  cwd: string
  project: Project
}

/** What a package-runner command runs, before the walker follows it. */
export type Invocation =
  /** a package.json script; `hooks` asks for pre/post scripts where the package manager runs them */
  | { kind: 'script'; packageDir: string; name: string; ifPresent: boolean; hooks: boolean; via: string }
  /** an install, which runs the package's install lifecycle scripts (`npm ci` runs `postinstall`) */
  | { kind: 'install'; packageDir: string; via: string }
  /** a shell command string in an argument (`concurrently "npm run a"`, `sh -c "…"`) or a config file;
   * `label` names the hop a chain takes through it when the file is another one (`apps/api/project.json` target `seed`) */
  | { kind: 'command-string'; word: ShellWord; cwd?: string; label?: string }
  /** the runner executes another command: keep resolving these words (`npx prisma …`, `pnpm exec …`);
   * `label` names the hop when the words are another file's (an app of a PM2 ecosystem file) */
  | { kind: 'exec'; words: ShellWord[]; cwd?: string; label?: string }
  /** a command to match as it is, without resolving it again (`bun run ./seed.ts` → `bun ./seed.ts`) */
  | { kind: 'leaf'; words: ShellWord[] }
  /** the runner's target cannot be known statically (`npm run $TASK`, a missing script) */
  | { kind: 'unresolved'; reason: string }

/** A package runner (npm, yarn, pnpm, bun, npm-run-all, concurrently, turbo). One file each. */
export interface PackageRunner {
  id: string
  /** the command names this runner answers to (argv[0]) */
  commands: string[]
  resolve(words: ShellWord[], ctx: RunnerContext): Invocation[] | undefined
}
