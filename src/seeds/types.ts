import type { LeafCommand } from '../model/command.js'
import type { Hop } from '../model/finding.js'
import type { Confidence } from '../model/production.js'
import type { PackageScript } from '../project/packages.js'
import type { Project } from '../project/project.js'
import type { Guard } from '../model/guard.js'

export interface SeedMatch {
  /** high: always seeds; medium: seeds under a common condition (a fresh database); low: might seed */
  confidence: Confidence
  /** the condition or version fact behind the verdict, e.g. "Prisma 6 seeds after `migrate reset --force`" */
  note?: string
  /** a configured command the tool runs to seed (Prisma's `prisma.seed`), followed for the chain */
  runs?: PackageScript
  /**
   * The project's own definition the command runs (a rake task, a mix alias), down to the step
   * that seeds: hops for the chain. When it does more than seed (it migrates too), the finding
   * points at that last step, as it would at the seed line of a script: deleting the command
   * would delete the rest as well.
   */
  within?: { hops: Hop[]; more: boolean }
  /** conditions the seed script itself tests before it writes (an early exit at its top), evaluated as the shell's are */
  guards?: Guard[]
  /** a command that does more than seed (`artisan migrate --force --seed`), taken apart: the rest to keep, and the seed on its own */
  apart?: { keep: string; seed: string }
}

/** One seed tool: which commands seed (and which only migrate) for the version the repository uses. */
export interface SeedTool {
  id: string
  title: string
  /** upstream documentation of the seed command */
  docs: string
  /** the variable the tool's framework reads to know the environment it runs as (Rails: RAILS_ENV): what a guard of its users tests */
  environmentVariable?: string
  match(cmd: LeafCommand, project: Project): SeedMatch | undefined
  /** a schema migration against a real database (no seed): evidence that a job talks to a deployed database */
  migrates?(cmd: LeafCommand, project: Project): boolean
}
