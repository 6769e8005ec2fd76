import bun from './bun.js'
import composer from './composer.js'
import concurrently from './concurrently.js'
import just from './just.js'
import lerna from './lerna.js'
import make from './make.js'
import npmRunAll from './npm-run-all.js'
import npm from './npm.js'
import pdm from './pdm.js'
import pipenv from './pipenv.js'
import poe from './poe.js'
import nx from './nx.js'
import pnpm from './pnpm.js'
import procfileManagers from './procfile-managers.js'
import pm2 from './pm2.js'
import task from './task.js'
import turbo from './turbo.js'
import type { ShellWord } from '../parse.js'
import type { Invocation, PackageRunner, RunnerContext } from './types.js'
import yarn from './yarn.js'

export const runners: PackageRunner[] = [npm, yarn, pnpm, bun, npmRunAll, concurrently, turbo, lerna, nx, make, procfileManagers, pm2, composer, task, just, pdm, pipenv, poe]

const byCommand = new Map(runners.flatMap((r) => r.commands.map((c) => [c, r] as const)))

export function runnerFor(command: string): PackageRunner | undefined {
  return byCommand.get(command)
}

/**
 * What a command resolves to through the runner it starts with; `bundle exec` runs its command with
 * the Gemfile's gems (https://bundler.io/man/bundle-exec.1.html), so `bundle exec foreman start`
 * is resolved as `foreman start`. Undefined: no runner, or one that leaves the command as it is.
 */
export function resolveRunner(words: ShellWord[], ctx: RunnerContext): Invocation[] | undefined {
  const command = words[0]?.value === 'bundle' && words[1]?.value === 'exec' ? words.slice(2) : words
  const first = command[0]
  return first && !first.dynamic ? runnerFor(first.value)?.resolve(command, ctx) : undefined
}
