// GitHub workflows on a production branch that push or deploy an image, or bring a compose stack up on a server.
import picomatch from 'picomatch'
import { classifyEnvironmentName, nameVerdict } from '../../production/evidence.js'
import type { SeedguardConfig } from '../../config/types.js'
import { readTriggers } from './triggers.js'
import { hasExpression, possibleValues, type Scope } from './expressions.js'
import { checkoutDir, defaultRunDirectory, repositoryDir } from './checkout.js'
import { CHECKOUT_ROOT, dirnameOf, joinPath } from '../../util/paths.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'
import type { Project } from '../../project/project.js'
import { composeRunHow, composeUpsOfText } from '../docker/compose-command.js'
import { serverCommandsOfText } from '../../shell/server-commands.js'
import { UNIT_INTEREST, unitStarts } from '../systemd/units.js'
import { isDockerfile, yamlOf } from '../docker/files.js'
import { buildArgsOf } from '../docker/shell-docker.js'
import { shippedByJob, type JobShell } from '../ci/artifacts.js'
import type { Build, Artifacts } from '../../production/deployments.js'
import { imageName, type ImageName } from '../../model/image-name.js'

/** the workflows reader's `deploys`: images, stacks and charts a job on the default branch or a release ships */
export function workflowArtifacts(file: string, project: Project, config: SeedguardConfig, out: Artifacts): void {
  const view = yamlOf(project, file)
  if (!view) return
  const on = view.get(view.root, 'on')
  const triggers = readTriggers(view, on, config.defaultBranches, view.span(on))
  // only what runs on the default branch or a release ships production images; a workflow only
  // called ships through its callers (calledArtifacts)
  if (!triggers.reasons.some((r) => r.towards) || triggers.calledOnly) return
  jobsArtifacts({ view, file, trigger: triggers.reasons.find((r) => r.towards)?.detail ?? 'default branch', scope: {}, depth: 0 }, project, config, out)
}

/** a workflow whose jobs ship, and how it came to run: its own trigger, or the caller that runs it */
interface Shipping {
  view: YamlView
  file: string
  /** why it runs on the default branch or a release, and through which calling job */
  trigger: string
  /** `${{ inputs.x }}` as the caller's `with:` gives it */
  scope: Scope
  depth: number
}

function jobsArtifacts(ws: Shipping, project: Project, config: SeedguardConfig, out: Artifacts): void {
  const { view, file } = ws
  for (const { key: jobId, value: job } of view.entries(view.get(view.root, 'jobs'))) {
    const calls = view.string(view.get(job, 'uses'))
    if (calls !== undefined) {
      calledArtifacts(ws, jobId, calls, view.get(job, 'with'), project, config, out)
      continue
    }
    const written = view.string(view.get(job, 'environment')) ?? view.string(view.get(view.get(job, 'environment'), 'name'))
    const environments = written === undefined ? [] : (possibleValues(written, ws.scope) ?? [written])
    // a staging job ships nothing to production; the charts it applies are known to be staging's. So
    // does a job whose cluster credentials are a staging cluster's: its kubectl and helm reach only that one
    const cluster = clusterOf(view, job)
    const staging = (environments.length > 0 && environments.every((e) => classifyEnvironmentName(e, config) === 'not-production')) || (cluster !== undefined && nameVerdict(cluster, config) === 'not-production')
    const selfHosted = view.strings(view.get(job, 'runs-on')).some((r) => r.includes('self-hosted'))
    const jobEnv = { ...view.record(view.get(view.root, 'env')), ...view.record(view.get(job, 'env')) }
    const where = `job \`${jobId}\` in ${file} (${ws.trigger})`
    const fromSteps: { builds: Build[]; pushes: boolean } = { builds: [], pushes: false }
    const shells: JobShell[] = []
    const checkout = checkoutDir(view, job)
    const defaultCwd = repositoryDir(defaultRunDirectory(view, job), checkout) ?? '.'
    for (const step of view.items(view.get(job, 'steps'))) {
      const source = view.shellSource(view.get(step, 'run'), 'bash')
      if (source) shells.push({ source, cwd: repositoryDir(view.string(view.get(step, 'working-directory')), checkout) ?? defaultCwd, env: { GITHUB_WORKSPACE: CHECKOUT_ROOT, ...jobEnv, ...view.record(view.get(step, 'env')) } })
      if (staging) continue
      const uses = view.string(view.get(step, 'uses')) ?? ''
      const inputs = Object.fromEntries(Object.entries(view.record(view.get(step, 'with'))).map(([key, raw]) => [key, boundInputs(raw, ws.scope)]))
      const pushed = PUSH_ACTIONS.find((a) => a.uses.test(uses))?.read(inputs)
      if (pushed) {
        fromSteps.pushes = true
        const context = joinPath('.', pushed.context) ?? '.'
        const buildArgs = buildArgsOf(pushed.buildArgs, jobEnv)
        const buildSecrets = buildArgsOf(pushed.secrets ?? [], jobEnv)
        const names = pushed.names.map((n) => imageName(n, jobEnv)).filter((n): n is ImageName => n !== undefined)
        for (const dockerfile of matchingDockerfiles(project, pushed.dockerfile ?? `${context}/Dockerfile`)) {
          // a context only the run knows (`${{ matrix.app }}`) is the directory of the Dockerfile it finds there
          const at = pushed.dockerfile === undefined && hasExpression(context) ? dirnameOf(dockerfile) : context
          fromSteps.builds.push({ dockerfile, context: at, ...(pushed.target && { target: pushed.target }), span: view.span(step), buildArgs, ...(Object.keys(buildSecrets).length > 0 && { buildSecrets }), ...(names.length > 0 && { names }) })
        }
      }
      const script = /ssh-action@/.test(uses) ? view.get(view.get(step, 'with'), 'script') : undefined
      if (script) {
        const ups = composeUpsOfText(project, view.string(script) ?? '', dirnameOf(file))
        for (const up of [...ups.here, ...ups.remote]) out.composeRuns.push({ ...up, production: 'production', detail: `${composeRunHow(up, 'brought up on a server')} by ${where}` })
        for (const { unit, command } of unitStarts(serverCommandsOfText(view.string(script) ?? '', dirnameOf(file), UNIT_INTEREST))) out.unitRuns.push({ unit, production: 'production', detail: `${command} on a server in ${where}` })
      }
    }
    shippedByJob(project, { where, staging, selfHosted }, shells, out, fromSteps)
  }
}

/**
 * `jobs.x.uses: ./.github/workflows/y.yml`: the called workflow's jobs run when the calling job does,
 * with the caller's `with:` as their `inputs`, so what they push or deploy ships as the caller's would
 * (https://docs.github.com/en/actions/sharing-automations/reusing-workflows). A callee with triggers
 * of its own that reach the default branch is read as a workflow of its own already.
 */
function calledArtifacts(ws: Shipping, jobId: string, calls: string, withNode: YamlNode | undefined, project: Project, config: SeedguardConfig, out: Artifacts): void {
  const file = calls.startsWith('./') ? joinPath('.', calls.replace(/^\.\//, '').replace(/@.*$/, '')) : undefined
  const view = file && ws.depth < 8 ? yamlOf(project, file) : undefined
  if (!file || !view) return
  const on = view.get(view.root, 'on')
  const triggers = readTriggers(view, on, config.defaultBranches, view.span(on))
  if (triggers.reasons.some((r) => r.towards) && !triggers.calledOnly) return
  const inputs: Record<string, string[]> = { ...triggers.inputs }
  for (const [key, raw] of Object.entries(ws.view.record(withNode))) {
    const values = possibleValues(raw, ws.scope)
    if (values) inputs[key] = values
    else delete inputs[key]
  }
  jobsArtifacts({ view, file, trigger: `called by job \`${jobId}\` in ${ws.file}, ${ws.trigger}`, scope: { inputs }, depth: ws.depth + 1 }, project, config, out)
}

/** a step input with the `${{ inputs.x }}` its caller fixes written in; one it leaves open stays an expression */
function boundInputs(raw: string, scope: Scope): string {
  return raw.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (whole, name: string) => {
    const values = scope.inputs?.[name]
    return values?.length === 1 ? values[0]! : whole
  })
}

// actions that point a job's kubectl and helm at a cluster, and the input naming it:
// https://github.com/google-github-actions/get-gke-credentials#inputs, https://github.com/Azure/aks-set-context#action-inputs
const CLUSTER_ACTIONS: { uses: RegExp; input: string }[] = [
  { uses: /^google-github-actions\/get-gke-credentials@/, input: 'cluster_name' },
  { uses: /^azure\/aks-set-context@/i, input: 'cluster-name' },
]

/** the cluster a job's credentials step names */
function clusterOf(view: YamlView, job: YamlNode | undefined): string | undefined {
  for (const step of view.items(view.get(job, 'steps'))) {
    const uses = view.string(view.get(step, 'uses')) ?? ''
    const action = CLUSTER_ACTIONS.find((a) => a.uses.test(uses))
    const name = action && view.string(view.get(view.get(step, 'with'), action.input))
    if (name !== undefined) return name
  }
  return undefined
}

/** What a step of a build-and-push action builds, and the names it pushes the image as. */
interface PushedImage {
  context: string
  /** relative to the repository root; undefined: the context's Dockerfile */
  dockerfile?: string
  target?: string
  buildArgs: string[]
  /** `id=value` build secrets, written as build args are */
  secrets?: string[]
  names: string[]
}

const list = (text: string | undefined) => (text ?? '').split(/[\n,]/).map((t) => t.trim()).filter(Boolean)

/** Actions that build a Dockerfile and push the image, read from their documented inputs. */
const PUSH_ACTIONS: { uses: RegExp; read(inputs: Record<string, string>): PushedImage | undefined }[] = [
  {
    // https://github.com/docker/build-push-action#inputs : pushes only with `push: true`; `tags` a list;
    // `secrets` one `id=value` per line, which a RUN reads through `--mount=type=secret,id=…`
    uses: /^docker\/build-push-action@/,
    read: (inputs) => (inputs.push === undefined || inputs.push === 'false' ? undefined : { context: inputs.context ?? '.', dockerfile: inputs.file, target: inputs.target, buildArgs: (inputs['build-args'] ?? '').split('\n'), secrets: (inputs.secrets ?? '').split('\n'), names: list(inputs.tags) }),
  },
  {
    // https://github.com/RafikFarhad/push-to-gcr-github-action#inputs : pushes `registry/project_id/image_name:tag` for
    // each of the comma-separated `image_tag`s (`registry` gcr.io, tag `latest` by default); `push_only` builds nothing
    uses: /^RafikFarhad\/push-to-gcr-github-action@/i,
    read: (inputs) => {
      if (inputs.push_only === 'true') return undefined
      const name = `${inputs.registry ?? 'gcr.io'}/${inputs.project_id ?? '*'}/${inputs.image_name ?? ''}`
      const tags = list(inputs.image_tag)
      return { context: inputs.context ?? '.', dockerfile: inputs.dockerfile, target: inputs.target, buildArgs: list(inputs.build_args), names: (tags.length > 0 ? tags : ['latest']).map((t) => `${name}:${t}`) }
    },
  },
]

/** a path from a workflow, where `${{ matrix.app }}` stands for any one directory */
function matchingDockerfiles(project: Project, path: string): string[] {
  const pattern = joinPath('.', path.replace(/\$\{\{[^}]*\}\}/g, '*'))
  if (!pattern) return []
  const test = picomatch(pattern, { dot: true })
  return project.cache.files.list().filter((f) => isDockerfile(f) && test(f))
}
