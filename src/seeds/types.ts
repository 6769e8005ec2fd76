import type { LeafCommand } from '../model/command.js'
import type { Hop } from '../model/finding.js'
import type { Confidence } from '../model/production.js'
import type { PackageScript } from '../project/packages.js'
import type { Project } from '../project/project.js'
import type { Guard } from '../model/guard.js'

/** the project's own definition or setting behind a command's effect, down to the step or line that has it */
export interface Within {
  hops: Hop[]
  /** the command does more than that step: the finding points at the step */
  more: boolean
  /** where the last hop is a setting rather than a command, what to change it to (it is changed, not guarded) */
  change?: string
}

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
  within?: Within
  /** conditions the seed script itself tests before it writes (an early exit at its top), evaluated as the shell's are */
  guards?: Guard[]
  /** a command that does more than seed (`artisan migrate --force --seed`), taken apart: the rest to keep, and the seed on its own */
  apart?: { keep: string; seed: string }
}

/** A command that drops or wipes data (a reset), for the version the repository uses. */
export interface WipeMatch {
  /** high: always wipes; medium: wipes under a common condition; low: might wipe (the tool refuses it in production unless told otherwise) */
  confidence: Confidence
  /** what it destroys and the fact behind the verdict, e.g. "`migrate:fresh` drops every table" */
  note: string
  /** the project's own setting that makes the command wipe (a Spring Boot app's `ddl-auto: create`), as SeedMatch's */
  within?: Within
  /** conditions the project's own code tests before it wipes, as SeedMatch's */
  guards?: Guard[]
}

/**
 * One database tool: which of its commands seed, which drop or wipe data (a command may do both:
 * `migrate:fresh --seed`), and which only migrate, for the version the repository uses.
 */
export interface SeedTool {
  id: string
  title: string
  /** upstream documentation of the seed command */
  docs: string
  /** the variable the tool's framework reads to know the environment it runs as (Rails: RAILS_ENV): what a guard of its users tests */
  environmentVariable?: string
  /** absent for a tool whose commands only wipe (`dropdb`) */
  match?(cmd: LeafCommand, project: Project): SeedMatch | undefined
  wipes?(cmd: LeafCommand, project: Project): WipeMatch | undefined
  /** a schema migration against a real database (no seed): evidence that a job talks to a deployed database */
  migrates?(cmd: LeafCommand, project: Project): boolean
  /** the environment the command names for itself on its command line (`artisan … --env=testing`), as the framework's variable would */
  namedEnvironment?(cmd: LeafCommand): string | undefined
  /**
   * The database the command names on its own command line, as the variables its client would
   * otherwise read (`psql -h localhost` is PGHOST=localhost): judged as the environment's are, so a
   * loopback host in a build machine or CI job is no production database
   */
  connection?(cmd: LeafCommand): Record<string, string>
}
