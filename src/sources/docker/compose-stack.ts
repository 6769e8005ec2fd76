// Whether a compose file is the stack production runs, which of its services a production run starts, and so what an image's compose consumers say.
import type { SeedguardConfig } from '../../config/types.js'
import type { Verdict } from '../../model/production.js'
import type { ComposeService, Deployments } from '../../production/deployments.js'
import { nameVerdict } from '../../production/evidence.js'
import type { Project } from '../../project/project.js'
import { basenameOf, dirnameOf } from '../../util/paths.js'
import { isOverlay } from './compose-command.js'
import { isComposeFile } from './files.js'

export interface StackVerdict {
  production: Verdict
  detail: string
  /** a build file (`docker-compose.build.yml`): it builds and names images, and runs none of them */
  buildOnly?: boolean
  /** only another file's name says so (the plain file beside a dev one): a service's own environment outweighs it */
  inferred?: boolean
}

/**
 * Whether a compose file is the production stack: a deploy brings it up, its name says
 * production, or it is the plain file beside a `*.prod.yml` stack of its own (then it is the dev one).
 */
export function composeFileProduction(project: Project, config: SeedguardConfig, deployments: Deployments, file: string): StackVerdict {
  // `run seed` starts one service, not the stack
  const runs = deployments.artifacts.composeRuns.filter((r) => r.file === file && r.subcommand === 'up')
  const run = runs.find((r) => r.production === 'production') ?? runs[0]
  if (run) return run
  // a file named for building (`docker-compose.build.yml`, `compose-build.yaml`) is what `docker compose build`
  // and `push` read to make the images; the stacks that pull those images by name run them
  if (basenameOf(file).split(/[^A-Za-z0-9]+/).includes('build')) return { production: 'not-production', detail: `${file} is a build file: nothing in the repository brings it up`, buildOnly: true }
  const named = nameVerdict(basenameOf(file).replace(/\.ya?ml$/, ''), config)
  if (named === 'production') return { production: 'production', detail: `${file} is named for production` }
  if (named === 'not-production' || /override/.test(basenameOf(file))) return { production: 'not-production', detail: `${file} is named for local or non-production use` }
  const dir = dirnameOf(file)
  const siblings = project.cache.files.list().filter((f) => f !== file && dirnameOf(f) === dir && isComposeFile(f))
  const sibling = siblings.find((f) => nameVerdict(basenameOf(f).replace(/\.ya?ml$/, ''), config) === 'production')
  if (sibling && !isOverlay(project, sibling)) return { production: 'not-production', detail: `${sibling} is the production stack; ${file} is the local one` }
  // beside a stack named for local development, the plain file is the other one: the one deployed
  const local = siblings.find((f) => /(^|[.-])(dev|development|local)([.-]|$)/.test(basenameOf(f).replace(/\.ya?ml$/, '')))
  if (local) return { production: 'production', detail: `${local} is the local stack; ${file} is the one deployed`, inferred: true }
  return { production: 'unknown', detail: `${file} has no production deploy in the repository` }
}

/**
 * A production run that starts a service the stack alone would not: one behind `profiles:` whose
 * profile it enables (`--profile`, `COMPOSE_PROFILES`, `*` for all), or one it names (`up seed`,
 * `run seed`), which starts whatever its profiles (https://docs.docker.com/compose/how-tos/profiles/).
 */
export function composeServiceStart(deployments: Deployments, file: string, service: string, profiles: string[]): StackVerdict | undefined {
  const run = deployments.artifacts.composeRuns.find(
    (r) => r.file === file && r.production === 'production' && (r.services.includes(service) || (r.subcommand === 'up' && profiles.some((p) => r.profiles.includes(p) || r.profiles.includes('*')))),
  )
  if (!run) return undefined
  const why = run.services.includes(service) ? `\`${run.subcommand} ${service}\` names it` : `it enables profile ${profiles.filter((p) => run.profiles.includes(p) || run.profiles.includes('*')).join(', ')}`
  return { production: 'production', detail: `${run.detail}; ${why}` }
}

/**
 * A compose service's verdict: its stack's, or a deploy that starts it by name or profile; where
 * neither says, or only a sibling file's name does, its own environment (`NODE_ENV: test` is a run
 * of the test suite, whichever file beside it is the dev one).
 */
export function composeServiceProduction(project: Project, config: SeedguardConfig, deployments: Deployments, compose: ComposeService): StackVerdict {
  const started = composeServiceStart(deployments, compose.file, compose.service, compose.profiles)
  if (started) return started
  const stack = composeFileProduction(project, config, deployments, compose.file)
  return (stack.production === 'unknown' || stack.inferred) && compose.local ? { production: 'not-production', detail: compose.local } : stack
}
