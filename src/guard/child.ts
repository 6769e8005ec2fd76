import { spawn } from 'node:child_process'
import { constants } from 'node:os'

/** the signals a terminal or a process manager ends a run with; the child hears each of them from us too */
const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

export type ChildEnd = { code: number } | { signal: NodeJS.Signals } | { error: string }

/**
 * Runs the command with this process's stdio, forwarding SIGINT, SIGTERM and SIGHUP to it, and
 * resolves to how it ended. No shell: the words are the command, as `exec "$@"` runs them.
 * https://nodejs.org/api/child_process.html#child_processspawncommand-args-options
 */
export function runChild(command: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<ChildEnd> {
  return new Promise((resolve) => {
    const [file, ...args] = command
    const child = spawn(file!, args, { cwd, env, stdio: 'inherit' })
    const forward = (signal: NodeJS.Signals) => child.kill(signal)
    for (const signal of FORWARDED) process.on(signal, forward)
    const done = (end: ChildEnd) => {
      for (const signal of FORWARDED) process.off(signal, forward)
      resolve(end)
    }
    child.on('error', (error: NodeJS.ErrnoException) => done({ error: error.code === 'ENOENT' ? `\`${file}\` not found (is it installed, and on PATH?)` : error.message }))
    child.on('exit', (code, signal) => done(signal ? { signal } : { code: code ?? 1 }))
  })
}

/** a shell's status for a command killed by `signal`: 128 + its number */
export function signalStatus(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0)
}
