// https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/
import type { SeedguardConfig } from '../../config/types.js'
import type { ContextStep, ExecutionContext } from '../../model/context.js'
import type { ProductionReason } from '../../model/production.js'
import { fileStartSpan, type Span } from '../../model/span.js'
import { cannotBeRead } from '../../project/files.js'
import type { ManifestRun } from '../../production/deployments.js'
import type { Project } from '../../project/project.js'
import { shellSourceOfArgv } from '../../util/exec-form.js'
import { blankTemplateActions, openConditions, type TemplateAction } from '../../util/go-template.js'
import { LineIndex } from '../../util/line-index.js'
import { joinPath } from '../../util/paths.js'
import { parseYamlDocuments, parseYamlOf, YamlView, type YamlNode } from '../../util/yaml.js'
import type { Problem, SourceReader } from '../types.js'
import { manifestDeploys, placedRun } from './manifests.js'

// where each workload kind keeps its pod spec
export const POD_SPEC: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
}

export interface Phase {
  detail: string
  /** runs on operations a deploy may never perform (a rollback, an uninstall, `helm test`): uncertain */
  weak?: boolean
}

/**
 * When a workload's containers run (platforms.md, Kubernetes / Helm). Helm runs a hook on the
 * operations it names: `pre-upgrade`/`post-upgrade` on every upgrade, `*-install` when the release
 * is first installed (https://helm.sh/docs/topics/charts_hooks/). A plain Job runs when it is
 * created (https://kubernetes.io/docs/concepts/workloads/controllers/job/): a re-apply leaves a
 * finished Job alone unless it was deleted (`ttlSecondsAfterFinished`) or renamed per release.
 * Running once is enough: the first production install or apply seeds the production database,
 * which is the incident itself, so only hooks that may never run (rollback, delete, test) are weak.
 */
function phaseOf(view: YamlView, root: YamlNode | undefined, kind: string, rawName: string, run: ManifestRun): Phase {
  const hooks = run.kind === 'helm' ? (view.string(view.get(view.get(view.get(root, 'metadata'), 'annotations'), 'helm.sh/hook')) ?? '').split(',').map((h) => h.trim()).filter(Boolean) : []
  const recreated = kind === 'Job' && (view.get(view.get(root, 'spec'), 'ttlSecondsAfterFinished') !== undefined || /\{\{[^}]*(Revision|now|rand|uuid)/.test(rawName))
  return workloadPhase(kind, hooks, recreated)
}

/** The phase of a workload of `kind`, given its Helm hooks and whether a Job is created anew on every deploy. */
export function workloadPhase(kind: string, hooks: readonly string[], recreated: boolean): Phase {
  if (hooks.length > 0) {
    const named = `Helm hook \`${hooks.join(',')}\``
    if (hooks.some((h) => h === 'pre-upgrade' || h === 'post-upgrade')) return { detail: `${named} runs on every \`helm upgrade\`` }
    if (hooks.some((h) => h === 'pre-install' || h === 'post-install')) return { detail: `${named} runs when the release is first installed: the first deploy to the cluster runs it` }
    return { detail: `${named} runs only on a rollback, an uninstall or \`helm test\``, weak: true }
  }
  if (kind === 'Job') return recreated ? { detail: 'a Job re-created on every deploy (deleted after it finishes, or named per release)' } : { detail: 'a Job runs when it is created: the first deploy that applies it runs it, and every deploy after it is deleted or renamed' }
  if (kind === 'CronJob') return { detail: 'a CronJob runs on its schedule in the cluster' }
  return { detail: `each pod of a ${kind} runs it on every start (each replica, each rollout)` }
}

/** `env:` of a container; a value from a Secret is kept recognisable as `<secret NAME>` */
export function containerEnv(view: YamlView, list: YamlNode | undefined): Record<string, string> {
  const env: Record<string, string> = {}
  for (const item of view.items(list)) {
    const name = view.string(view.get(item, 'name'))
    const secret = view.string(view.get(view.get(view.get(item, 'valueFrom'), 'secretKeyRef'), 'name'))
    const value = view.string(view.get(item, 'value')) ?? (secret === undefined ? undefined : `<secret ${secret}>`)
    if (name !== undefined && value !== undefined) env[name] = value
  }
  return env
}

/** `command` replaces the image's ENTRYPOINT and `args` its CMD: together, the process a container runs */
function containerSteps(view: YamlView, spec: YamlNode | undefined): ContextStep[] {
  const steps: ContextStep[] = []
  for (const list of ['initContainers', 'containers']) {
    for (const container of view.items(view.get(spec, list))) {
      const command = view.get(container, 'command')
      const args = view.get(container, 'args')
      const argv = [...view.argv(command), ...view.argv(args)]
      if (argv.length === 0) continue
      const name = view.string(view.get(container, 'name')) ?? '?'
      steps.push({ label: `${list === 'initContainers' ? 'init container' : 'container'} \`${name}\``, span: view.span(command ?? args), source: shellSourceOfArgv(argv, view.lines), cwd: '.', env: containerEnv(view, view.get(container, 'env')), reasons: [] })
    }
  }
  return steps
}

/**
 * A container's lifecycle hooks run in it: `postStart` right after each start, `preStop` before each stop
 * (https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/), an `exec` hook's command with
 * the container's environment.
 */
function lifecycleSteps(view: YamlView, spec: YamlNode | undefined): ContextStep[] {
  return view.items(view.get(spec, 'containers')).flatMap((container) => {
    const name = view.string(view.get(container, 'name')) ?? '?'
    const env = containerEnv(view, view.get(container, 'env'))
    return (['postStart', 'preStop'] as const).flatMap((hook) => {
      const command = view.get(view.get(view.get(view.get(container, 'lifecycle'), hook), 'exec'), 'command')
      const argv = view.argv(command)
      return argv.length === 0 ? [] : [{ label: `\`${hook}\` hook of container \`${name}\``, span: view.span(command), source: shellSourceOfArgv(argv, view.lines), cwd: '.', env, reasons: [] }]
    })
  })
}

/**
 * Whether the `if`/`with` blocks around a step render for this deploy: `.Values.a.b` (or `not …`)
 * looked up in the chart's values.yaml and the deploy's `-f` files, the last one setting it winning.
 */
function conditionsHold(conditions: TemplateAction[], project: Project, run: ManifestRun): boolean | undefined {
  let holds: boolean | undefined = true
  for (const condition of conditions) {
    const match = /^(?:if|with)\s+(not\s+)?\.Values\.([\w.]+)$/.exec(condition.text)
    const value = match ? valueOf(project, [joinPath(run.path, 'values.yaml') ?? '', ...run.values], match[2]!.split('.')) : undefined
    if (value === undefined) holds = undefined
    else if (value === Boolean(match![1])) return false
  }
  return holds
}

function valueOf(project: Project, files: string[], path: string[]): boolean | undefined {
  let found: boolean | undefined
  for (const file of files) {
    const lines = project.cache.get(file)
    const parsed = lines && parseYamlOf(lines)
    if (!lines || !parsed || parsed.error) continue
    const view = new YamlView(parsed.doc, lines)
    const node = path.reduce<YamlNode | undefined>((n, key) => view.get(n, key), view.root)
    if (node === undefined) continue
    // Go templates: false, 0, nil and empty strings, lists and maps are false
    const text = view.string(node)
    found = text !== undefined ? !['', 'false', '0', 'null'].includes(text) : view.items(node).length > 0 || view.entries(node).length > 0
  }
  return found
}

function readManifest(file: string, project: Project, config: SeedguardConfig, runs: ManifestRun[]): { contexts: ExecutionContext[]; problems: Problem[] } {
  const lines = project.cache.get(file)
  if (!lines || runs.every((r) => r.production === 'not-production')) return { contexts: [], problems: [] }
  const { text, actions } = blankTemplateActions(lines.text)
  const read = manifestContexts(file, lines, text, actions, project, config, runs, file)
  if (!('error' in read)) return { contexts: read, problems: [] }
  const { error } = read
  const span = lines.span(error.offset, error.offset + 1)
  // a template may only be YAML once rendered; a plain manifest kubectl could not apply either
  if (actions.length > 0) return { contexts: [], problems: [{ rule: 'unresolved-on-production-path', message: `${file} is not YAML with its template actions blanked (${error.message}); if it seeds, seedguard cannot see it`, span }] }
  return { contexts: [], problems: runs.some((r) => r.production === 'production') ? [{ rule: 'parse-error', message: `invalid YAML: ${error.message}`, span }] : [] }
}

/**
 * The workloads among the manifests in `text`: the file's text with what is not YAML (template
 * actions, the rest of a Terraform file) blanked in place, so offsets are the file's. `key` tells
 * apart the contexts of several manifest texts in one file.
 */
export function manifestContexts(file: string, lines: LineIndex, text: string, actions: TemplateAction[], project: Project, config: SeedguardConfig, runs: ManifestRun[], key: string): ExecutionContext[] | { error: { message: string; offset: number } } {
  const { docs, error } = parseYamlDocuments(text)
  if (error) return { error }
  const blanked = text === lines.text ? lines : new LineIndex(file, text)
  const contexts: ExecutionContext[] = []
  docs.forEach((doc, index) => {
    const view = new YamlView(doc, blanked)
    const kind = view.string(view.get(view.root, 'kind')) ?? ''
    const path = POD_SPEC[kind]
    const spec = path?.reduce<YamlNode | undefined>((n, key) => view.get(n, key), view.root)
    const steps = path ? [...containerSteps(view, spec), ...lifecycleSteps(view, spec)] : []
    if (steps.length === 0) return
    // the `name:` line as written: a templated name (`{{ .Release.Name }}-seed`) is blank once parsed
    const nameKey = view.entries(view.get(view.root, 'metadata')).find((e) => e.key === 'name')?.keyNode
    const at = (nameKey ?? view.get(view.root, 'kind'))?.range?.[0] ?? 0
    const row = lines.position(at).line
    const line = lines.lineText(row)
    const span = lines.span(at, lines.lineStart(row) + line.length)
    const rawName = nameKey ? line.slice(line.indexOf(':') + 1).trim().replace(/^["']|["']$/g, '') : kind
    const namespace = view.string(view.get(view.get(view.root, 'metadata'), 'namespace'))
    for (const run of runs.map((r) => placedRun(r, namespace, file, config))) {
      if (run.production === 'not-production') continue
      const phase = phaseOf(view, view.root, kind, rawName, run)
      const holds = steps.map((s) => conditionsHold(openConditions(actions, s.span.start.offset), project, run))
      const rendered = steps.filter((_, i) => holds[i] !== false)
      const unsure = holds.includes(undefined)
      if (rendered.length === 0) continue
      contexts.push(workloadContext({ id: `${key}#${index}`, file, kind, name: rawName, span, steps: rendered }, run, phase, unsure ? 'rendered only under a template condition' : undefined))
    }
  })
  return contexts
}

/**
 * A workload's containers as run by one deploy: production as the deploy is, uncertain where the
 * phase runs on some deploys only, the deploy's environment is unknown, or `unsure` says why.
 */
export function workloadContext(workload: { id: string; file: string; kind: string; name: string; span: Span; steps: ContextStep[] }, run: ManifestRun, phase: Phase, unsure?: string): ExecutionContext {
  const { id, file, kind, name, span, steps } = workload
  const weak = phase.weak === true || run.production === 'unknown' || unsure !== undefined
  const reason: ProductionReason = { kind: 'platform-phase', towards: true, detail: `${phase.detail}; ${run.detail}${unsure ? `; ${unsure}` : ''}`, span, ...(weak && { weak: true }) }
  return { id: `${id}#${run.kind}:${run.path}`, label: `${run.kind === 'helm' ? 'Helm chart' : 'Kubernetes'} ${kind} \`${name}\` in ${file}`, span, reasons: [reason], steps, ownDatabase: true }
}

const kubernetes: SourceReader = {
  id: 'kubernetes',
  title: 'Kubernetes manifests and Helm charts',
  docs: 'https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/',
  // which YAML files are manifests is decided by the deploys that apply them (manifests.ts)
  files: ['**/*.yaml', '**/*.yml'],
  candidates: true,
  read(file, project, config, deployments) {
    const runs = manifestDeploys(project, deployments).get(file)
    if (!runs) return { contexts: [], problems: [] }
    const unreadable = project.cache.unreadable(file)
    if (unreadable) return { contexts: [], problems: [{ rule: 'parse-error', message: cannotBeRead(unreadable), span: fileStartSpan(file) }] }
    return readManifest(file, project, config, runs)
  },
}
export default kubernetes
