// The Kubernetes workloads a Terraform configuration carries: manifests in `kubectl_manifest`'s `yaml_body`
// (https://registry.terraform.io/providers/gavinbunney/kubectl/latest/docs/resources/kubectl_manifest)
// and `kubernetes_manifest`'s `manifest` (https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/manifest),
// written as a heredoc or read from a file of the configuration, and the kubernetes provider's own
// workload resources written in HCL.
import type { ArgvElement } from '../../util/exec-form.js'
import { bodyItems, scanBlock, stringList, stringValue, type BodyItem } from '../../util/hcl.js'
import { dirnameOf, joinPath } from '../../util/paths.js'

const MANIFEST_RESOURCES = new Set(['kubectl_manifest', 'kubernetes_manifest'])
export const RESOURCE = /^[ \t]*resource[ \t]+"([\w-]+)"[ \t]+"([\w-]+)"[ \t]*\{/gm
// https://developer.hashicorp.com/terraform/language/functions/file, …/templatefile; `path.module` is the configuration's directory
const FILE_CALL = /\b(?:file|templatefile)\(\s*"(?:\$\{path\.(?:module|root|cwd)\}\/)?([^"$]+\.ya?ml)"/g

export interface ManifestResource {
  /** `kubectl_manifest.seed` */
  address: string
  /** offset of the `resource` keyword */
  start: number
  /** the heredoc bodies in the resource, as offsets into the file */
  heredocs: { start: number; end: number }[]
  /** the YAML files of the repository it reads, by their repository path */
  files: string[]
}

/** Every `kubectl_manifest` and `kubernetes_manifest` resource of a `.tf` file. */
export function manifestResources(file: string, text: string): ManifestResource[] {
  const out: ManifestResource[] = []
  for (const match of text.matchAll(RESOURCE)) {
    if (!MANIFEST_RESOURCES.has(match[1]!)) continue
    const open = match.index + match[0].length - 1
    const { end, heredocs } = scanBlock(text, open)
    const files = [...text.slice(open, end).matchAll(FILE_CALL)].map((m) => joinPath(dirnameOf(file), m[1]!)).filter((p): p is string => p !== undefined)
    out.push({ address: `${match[1]}.${match[2]}`, start: match.index + match[0].indexOf('resource'), heredocs, files })
  }
  return out
}

/**
 * The file's text with everything but one heredoc body blanked, offsets kept: Terraform's `${ … }`
 * interpolations and `%{ … }` directives inside it become underscores (a value the YAML still has),
 * or spaces on a line of their own.
 */
export function heredocText(text: string, heredoc: { start: number; end: number }): string {
  const body = text.slice(heredoc.start, heredoc.end).replace(/[%$]\{[^}\n]*\}/g, (m, offset: number, whole: string) => {
    const before = whole.slice(whole.lastIndexOf('\n', offset - 1) + 1, offset)
    const after = whole.slice(offset + m.length, whole.indexOf('\n', offset) < 0 ? undefined : whole.indexOf('\n', offset))
    return m.replace(/./g, before.trim() === '' && after.trim() === '' ? ' ' : '_')
  })
  return text.slice(0, heredoc.start).replace(/[^\n]/g, ' ') + body + text.slice(heredoc.end).replace(/[^\n]/g, ' ')
}

// the workloads of the hashicorp/kubernetes provider, written in HCL (https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/job_v1)
const WORKLOADS: Record<string, string> = {
  kubernetes_job: 'Job',
  kubernetes_job_v1: 'Job',
  kubernetes_cron_job: 'CronJob',
  kubernetes_cron_job_v1: 'CronJob',
  kubernetes_deployment: 'Deployment',
  kubernetes_deployment_v1: 'Deployment',
  kubernetes_stateful_set: 'StatefulSet',
  kubernetes_stateful_set_v1: 'StatefulSet',
  kubernetes_daemonset: 'DaemonSet',
  kubernetes_daemon_set_v1: 'DaemonSet',
  kubernetes_pod: 'Pod',
  kubernetes_pod_v1: 'Pod',
}

export interface WorkloadContainer {
  init: boolean
  name: string | undefined
  /** `command` then `args`: the container's process, as the Kubernetes row reads it */
  argv: ArgvElement[]
  /** the `command` (or `args`) attribute */
  start: number
  end: number
  env: Record<string, string>
}

export interface WorkloadResource {
  address: string
  kind: string
  /** `metadata { name, namespace }` where they are string literals */
  name: string | undefined
  namespace: string | undefined
  start: number
  /** a Job deleted after it finishes (`ttl_seconds_after_finished`) is created again on the next apply */
  recreated: boolean
  containers: WorkloadContainer[]
}

/** Every workload resource of a `.tf` file (`kubernetes_job_v1`, `kubernetes_deployment`, …) with the containers of its pod template. */
export function workloadResources(text: string): WorkloadResource[] {
  const out: WorkloadResource[] = []
  for (const match of text.matchAll(RESOURCE)) {
    const kind = WORKLOADS[match[1]!]
    if (kind === undefined) continue
    const open = match.index + match[0].length - 1
    const { end } = scanBlock(text, open)
    const items = bodyItems(text, open, end - 1)
    const metadata = items.find((i) => i.kind === 'block' && i.name === 'metadata')
    const fields = metadata ? bodyItems(text, metadata.at, metadata.end - 1) : []
    const literal = (name: string) => {
      const item = fields.find((f) => f.kind === 'attribute' && f.name === name)
      return item && stringValue(text, item.at)?.value
    }
    const containers: WorkloadContainer[] = []
    let recreated = false
    // down the nested blocks (spec → template → spec → container); a container's own blocks (probes, lifecycle) hold no process
    const walk = (list: BodyItem[]): void => {
      for (const item of list) {
        if (item.kind === 'attribute' && item.name === 'ttl_seconds_after_finished') recreated = true
        if (item.kind !== 'block' || item.name === 'metadata') continue
        if (item.name === 'container' || item.name === 'init_container') containers.push(...containerOf(text, item))
        else walk(bodyItems(text, item.at, item.end - 1))
      }
    }
    walk(items.filter((i) => i !== metadata))
    out.push({ address: `${match[1]}.${match[2]}`, kind, name: literal('name'), namespace: literal('namespace'), start: match.index + match[0].indexOf('resource'), recreated, containers })
  }
  return out
}

function containerOf(text: string, block: BodyItem): WorkloadContainer[] {
  const items = bodyItems(text, block.at, block.end - 1)
  const attribute = (name: string) => items.find((i) => i.kind === 'attribute' && i.name === name)
  const command = attribute('command')
  const args = attribute('args')
  const argv = [...(command ? stringList(text, command.at) ?? [] : []), ...(args ? stringList(text, args.at) ?? [] : [])]
  const at = command ?? args
  if (!at || argv.length === 0) return []
  const env: Record<string, string> = {}
  for (const item of items.filter((i) => i.kind === 'block' && i.name === 'env')) {
    const fields = bodyItems(text, item.at, item.end - 1)
    const value = (name: string) => {
      const field = fields.find((f) => f.kind === 'attribute' && f.name === name)
      return field && stringValue(text, field.at)?.value
    }
    const name = value('name')
    const set = value('value')
    if (name !== undefined && set !== undefined) env[name] = set
  }
  const name = attribute('name')
  return [{ init: block.name === 'init_container', name: name && stringValue(text, name.at)?.value, argv, start: at.at, end: (args ?? command)!.end, env }]
}

const MODULE = /^[ \t]*module[ \t]+"[\w-]+"[ \t]*\{/gm

/**
 * The directories of the local modules a `.tf` file calls: a `source` starting with `./` or `../`
 * (https://developer.hashicorp.com/terraform/language/modules/sources#local-paths); their resources
 * are created by the same `terraform apply`.
 */
export function localModules(file: string, text: string): string[] {
  const out: string[] = []
  for (const match of text.matchAll(MODULE)) {
    const open = match.index + match[0].length - 1
    const source = bodyItems(text, open, scanBlock(text, open).end - 1).find((i) => i.kind === 'attribute' && i.name === 'source')
    const path = source && stringValue(text, source.at)?.value
    const dir = path !== undefined && /^\.\.?\//.test(path) ? joinPath(dirnameOf(file), path) : undefined
    if (dir !== undefined) out.push(dir)
  }
  return out
}
