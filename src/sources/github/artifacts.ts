// GitHub workflows on a production branch that push or deploy an image, or bring a compose stack up on a server.
import picomatch from 'picomatch'
import { classifyEnvironmentName } from '../../production/evidence.js'
import type { SeedguardConfig } from '../../config/types.js'
import { readTriggers } from './triggers.js'
import { dirnameOf, joinPath } from '../../util/paths.js'
import type { Project } from '../../project/project.js'
import { composeUpsOfText } from '../docker/compose-command.js'
import { isDockerfile, yamlOf } from '../docker/files.js'
import { buildArgsOf, CHECKOUT } from '../docker/shell-docker.js'
import { shippedByJob, type JobShell } from '../ci/artifacts.js'
import type { Build, Artifacts } from '../../production/deployments.js'

/** the workflows reader's `deploys`: images, stacks and charts a job on the default branch or a release ships */
export function workflowArtifacts(file: string, project: Project, config: SeedguardConfig, out: Artifacts): void {
  const view = yamlOf(project, file)
  if (!view) return
  const on = view.get(view.root, 'on')
  const triggers = readTriggers(view, on, config.defaultBranches, view.span(on))
  // only what runs on the default branch or a release ships production images
  if (!triggers.reasons.some((r) => r.towards) || triggers.calledOnly) return
  for (const { key: jobId, value: job } of view.entries(view.get(view.root, 'jobs'))) {
    const environment = view.string(view.get(job, 'environment')) ?? view.string(view.get(view.get(job, 'environment'), 'name'))
    // a staging job ships nothing to production; the charts it applies are known to be staging's
    const staging = environment !== undefined && classifyEnvironmentName(environment, config) === 'not-production'
    const selfHosted = view.strings(view.get(job, 'runs-on')).some((r) => r.includes('self-hosted'))
    const jobEnv = { ...view.record(view.get(view.root, 'env')), ...view.record(view.get(job, 'env')) }
    const where = `job \`${jobId}\` in ${file} (${triggers.reasons.find((r) => r.towards)?.detail ?? 'default branch'})`
    const fromSteps: { builds: Build[]; pushes: boolean } = { builds: [], pushes: false }
    const shells: JobShell[] = []
    for (const step of view.items(view.get(job, 'steps'))) {
      const source = view.shellSource(view.get(step, 'run'), 'bash')
      if (source) shells.push({ source, cwd: view.string(view.get(step, 'working-directory')) ?? '.', env: { GITHUB_WORKSPACE: CHECKOUT, ...jobEnv, ...view.record(view.get(step, 'env')) } })
      if (staging) continue
      const uses = view.string(view.get(step, 'uses')) ?? ''
      const inputs = view.record(view.get(step, 'with'))
      if (/^docker\/build-push-action@/.test(uses) && inputs.push !== undefined && inputs.push !== 'false') {
        fromSteps.pushes = true
        const context = joinPath('.', inputs.context ?? '.') ?? '.'
        const buildArgs = buildArgsOf((inputs['build-args'] ?? '').split('\n'), jobEnv)
        for (const dockerfile of matchingDockerfiles(project, inputs.file ?? `${context}/Dockerfile`)) fromSteps.builds.push({ dockerfile, context, ...(inputs.target && { target: inputs.target }), span: view.span(step), buildArgs })
      }
      const script = /ssh-action@/.test(uses) ? view.get(view.get(step, 'with'), 'script') : undefined
      if (script) {
        const ups = composeUpsOfText(project, view.string(script) ?? '', dirnameOf(file))
        for (const up of [...ups.here, ...ups.remote]) out.composeRuns.push({ ...up, production: 'production', detail: `brought up on a server by ${where}` })
      }
    }
    shippedByJob(project, { where, staging, selfHosted }, shells, out, fromSteps)
  }
}

/** a path from a workflow, where `${{ matrix.app }}` stands for any one directory */
function matchingDockerfiles(project: Project, path: string): string[] {
  const pattern = joinPath('.', path.replace(/\$\{\{[^}]*\}\}/g, '*'))
  if (!pattern) return []
  const test = picomatch(pattern, { dot: true })
  return project.cache.files.list().filter((f) => isDockerfile(f) && test(f))
}
