// What a CI job on the default branch or a tag ships: the images it builds and pushes (or deploys
// straight from a Dockerfile), the compose stacks it brings up on a server, the manifests it applies.
import type { SeedguardConfig } from '../../config/types.js'
import type { ExecutionContext, ShellSource } from '../../model/context.js'
import { checkoutEnvironment } from '../../model/runtime.js'
import type { Project } from '../../project/project.js'
import type { Artifacts, Build } from '../../production/deployments.js'
import { composeRunHow } from '../docker/compose-command.js'
import { readShellDocker } from '../docker/shell-docker.js'
import type { SourceReader } from '../types.js'

export interface ShippingJob {
  /** the job as a deploy chain names it: "job `x` in file (runs for pushes to `main`)" */
  where: string
  /** a job that deploys to staging: what it applies is staging's, what it builds ships nowhere */
  staging: boolean
  /** a self-hosted runner is a server: `docker compose up` there starts the stack for real */
  selfHosted: boolean
}

export interface JobShell {
  source: ShellSource
  cwd: string
  env: Record<string, string>
}

/** a job's shell texts read for images, stacks and manifests; `fromSteps` adds what its non-shell steps build and push */
export function shippedByJob(project: Project, job: ShippingJob, shells: JobShell[], out: Artifacts, fromSteps: { builds: Build[]; pushes: boolean } = { builds: [], pushes: false }): void {
  const builds = [...fromSteps.builds]
  let pushes = fromSteps.pushes
  for (const { source, cwd, env } of shells) {
    const found = readShellDocker(project, source, cwd, env)
    for (const m of found.manifests) out.manifestRuns.push({ ...m, production: job.staging || m.target === 'not-production' ? 'not-production' : 'production', detail: `applied by ${m.command} in ${job.where}` })
    for (const { command, ...run } of found.playbooks) out.playbookRuns.push({ ...run, production: job.staging ? 'not-production' : 'unknown', detail: `${command} in ${job.where}` })
    for (const { unit, command, remote } of found.units) {
      // a runner's own systemd is no server's, unless the runner is the server
      if (job.staging || remote || job.selfHosted) out.unitRuns.push({ unit, production: job.staging ? 'not-production' : 'production', detail: `${command}${remote ? ' over ssh' : ''} in ${job.where}` })
    }
    if (job.staging) continue
    pushes ||= found.pushes
    builds.push(...found.builds)
    for (const up of found.remoteComposeUp) out.composeRuns.push({ ...up, production: 'production', detail: `${composeRunHow(up, 'brought up over ssh')} by ${job.where}` })
    if (job.selfHosted) for (const up of found.composeUp) out.composeRuns.push({ ...up, production: 'production', detail: `brought up on a self-hosted runner by ${job.where}` })
  }
  if (job.staging) return
  for (const { deployed, ...b } of builds) if (pushes || deployed) out.images.push({ ...b, production: 'production', via: 'ci', detail: `${deployed ? `deployed with ${deployed}` : 'built and pushed'} by ${job.where}`, ...(!deployed && { buildOnly: true }) })
}

/**
 * A CI reader's `deploys`, from the jobs it reads: a job that runs for the default branch or a tag
 * ships what it builds and pushes, unless its environment is another.
 */
export function shippedByJobs(read: (file: string, project: Project, config: SeedguardConfig) => { contexts: ExecutionContext[] }): NonNullable<SourceReader['deploys']> {
  return {
    read(file, project, config, out) {
      for (const context of read(file, project, config).contexts) {
        const reach = context.reasons.find((r) => (r.kind === 'trigger' || r.kind === 'condition') && r.towards)
        const staging = !reach || context.reasons.some((r) => r.kind === 'environment' && !r.towards)
        const shells = context.steps.flatMap((step) => (step.source ? [{ source: step.source, cwd: step.cwd, env: { ...checkoutEnvironment(context.runtime), ...step.env } }] : []))
        shippedByJob(project, { where: `${context.label}${reach ? ` (${reach.detail})` : ''}`, staging, selfHosted: false }, shells, out)
      }
    },
  }
}
