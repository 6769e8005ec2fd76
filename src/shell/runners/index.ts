import bun from './bun.js'
import concurrently from './concurrently.js'
import lerna from './lerna.js'
import make from './make.js'
import npmRunAll from './npm-run-all.js'
import npm from './npm.js'
import nx from './nx.js'
import pnpm from './pnpm.js'
import turbo from './turbo.js'
import type { PackageRunner } from './types.js'
import yarn from './yarn.js'

export const runners: PackageRunner[] = [npm, yarn, pnpm, bun, npmRunAll, concurrently, turbo, lerna, nx, make]

const byCommand = new Map(runners.flatMap((r) => r.commands.map((c) => [c, r] as const)))

export function runnerFor(command: string): PackageRunner | undefined {
  return byCommand.get(command)
}
