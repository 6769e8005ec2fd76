/** What a subcommand may touch: it writes to these streams and returns an exit code, nothing else. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean }
  stderr: { write(text: string): unknown }
  cwd: string
  env: NodeJS.ProcessEnv
  /** ends this process by `signal` (the bin's process.kill(process.pid, signal)): `guard` ends as the command it ran did */
  raise?: (signal: NodeJS.Signals) => void
  /** asks the person at the terminal and resolves to the answer; absent where stdin is no terminal */
  ask?: (question: string) => Promise<string | undefined>
}

export const EXIT_OK = 0
export const EXIT_FINDINGS = 1
export const EXIT_ERROR = 2
