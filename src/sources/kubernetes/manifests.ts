// https://helm.sh/docs/topics/charts/#the-chart-file-structure : which files a cluster deploy applies
import type { SeedguardConfig } from '../../config/types.js'
import type { Deployments, ManifestRun } from '../../production/deployments.js'
import { nameVerdict } from '../../production/evidence.js'
import type { Project } from '../../project/project.js'
import { basenameOf, dirnameOf, isWithin, joinPath } from '../../util/paths.js'
import { parseYamlOf, YamlView } from '../../util/yaml.js'
import { localModules, manifestResources } from './terraform-config.js'

const YAML = /\.ya?ml$/
const TERRAFORM = /\.tf$/
// what Helm renders: templates/ and below, of the chart and of its subcharts; `_helpers.tpl` and
// other `_` files only hold definitions
const TEMPLATE = /^(charts\/[^/]+\/)*templates\/(.+\/)?[^_/][^/]*\.ya?ml$/
// where manifests live when a GitOps tool (Argo CD, Flux) or a person applies them, not a workflow
const CONVENTIONAL = /(^|\/)(k8s|kubernetes|kube|manifests)\//
const KUSTOMIZATION = ['kustomization.yaml', 'kustomization.yml', 'Kustomization']

/** per project, read again when a deploy names another directory (`generation`) */
const byProject = new WeakMap<Project, { generation: number; byFile: Map<string, ManifestRun[]> }>()

/**
 * Every manifest file some deploy applies, with those deploys: the charts and paths workflows and
 * scripts hand to helm and kubectl and the Terraform configurations they apply, then charts,
 * Terraform configurations and conventional manifest folders nothing in the repository applies
 * (deployed some other way: uncertain).
 */
export function manifestDeploys(project: Project, deployments: Deployments): Map<string, ManifestRun[]> {
  const found = byProject.get(project)
  if (found?.generation === project.trees.generation) return found.byFile
  const byFile = new Map<string, ManifestRun[]>()
  byProject.set(project, { generation: project.trees.generation, byFile })
  const add = (file: string, run: ManifestRun) => byFile.set(file, [...(byFile.get(file) ?? []), run])
  const files = project.cache.files.list()
  const runs = deployments.artifacts.manifestRuns
  for (const run of runs) for (const file of filesOf(project, files, run)) add(file, run)
  const charts = files.filter((f) => basenameOf(f) === 'Chart.yaml').map(dirnameOf)
  for (const chart of charts) {
    if (runs.some((r) => r.kind === 'helm' && r.path === chart)) continue
    const run: ManifestRun = { kind: 'helm', path: chart, recursive: false, values: [], production: 'unknown', detail: `nothing in the repository installs chart ${chart}` }
    for (const file of templatesOf(files, chart)) if (!byFile.has(file)) add(file, run)
  }
  // a module another configuration calls is applied with that configuration
  const called = new Set(files.filter((f) => TERRAFORM.test(f)).flatMap((f) => localModules(f, project.cache.get(f)?.text ?? '')))
  for (const dir of new Set(files.filter((f) => TERRAFORM.test(f) && !byFile.has(f)).map(dirnameOf))) {
    if (called.has(dir)) continue
    const run: ManifestRun = { kind: 'terraform', path: dir, recursive: false, values: [], production: 'unknown', detail: `nothing in the repository applies the Terraform configuration in ${dir}` }
    for (const file of configurationFiles(project, files, dir)) if (!byFile.has(file)) add(file, run)
  }
  for (const file of files) {
    if (byFile.has(file) || !YAML.test(file) || !CONVENTIONAL.test(file) || charts.some((c) => isWithin(c, file))) continue
    add(file, { kind: 'kubectl', path: file, recursive: false, values: [], production: 'unknown', detail: `nothing in the repository applies ${file}` })
  }
  return byFile
}

function filesOf(project: Project, files: readonly string[], run: ManifestRun): string[] {
  if (run.kind === 'helm') return project.cache.exists(joinPath(run.path, 'Chart.yaml') ?? '') ? templatesOf(files, run.path) : []
  if (run.kind === 'kustomize') return kustomizationFiles(project, run.path, 0)
  if (run.kind === 'terraform') return configurationFiles(project, files, run.path)
  if (project.cache.exists(run.path)) return YAML.test(run.path) ? [run.path] : []
  // `kubectl apply -f dir`: the directory's manifests; with -R, those of its subdirectories too
  return files.filter((f) => YAML.test(f) && isWithin(run.path, f) && f !== run.path && (run.recursive || dirnameOf(f) === run.path))
}

/**
 * A Terraform configuration: the `.tf` files of its directory (https://developer.hashicorp.com/terraform/language/files)
 * and of the local modules it calls, and the manifest files their `kubectl_manifest`/`kubernetes_manifest` resources read.
 */
function configurationFiles(project: Project, files: readonly string[], dir: string, seen = new Set<string>()): string[] {
  if (seen.has(dir)) return []
  seen.add(dir)
  const own = files.filter((f) => TERRAFORM.test(f) && dirnameOf(f) === dir)
  const texts = own.map((f) => ({ file: f, text: project.cache.get(f)?.text ?? '' }))
  const read = texts.flatMap(({ file, text }) => manifestResources(file, text).flatMap((r) => r.files))
  const modules = texts.flatMap(({ file, text }) => localModules(file, text)).flatMap((m) => configurationFiles(project, files, m, seen))
  return [...own, ...read.filter((f) => project.cache.exists(f)), ...modules]
}

function templatesOf(files: readonly string[], chart: string): string[] {
  const prefix = chart === '.' ? '' : `${chart}/`
  return files.filter((f) => f.startsWith(prefix) && TEMPLATE.test(f.slice(prefix.length)))
}

/** `resources:` (and the older `bases:`) of a kustomization: files, or directories with their own kustomization */
function kustomizationFiles(project: Project, dir: string, depth: number): string[] {
  const file = KUSTOMIZATION.map((n) => joinPath(dir, n)).find((p): p is string => p !== undefined && project.cache.exists(p))
  const lines = file && depth < 8 ? project.cache.get(file) : undefined
  if (!lines) return []
  const { doc, error } = parseYamlOf(lines)
  if (error) return []
  const view = new YamlView(doc, lines)
  const out: string[] = []
  for (const entry of [...view.strings(view.get(view.root, 'resources')), ...view.strings(view.get(view.root, 'bases'))]) {
    // a remote base (`github.com/org/repo//path?ref=v1`) is not in the repository
    const path = /:\/\/|^github\.com\//.test(entry) ? undefined : joinPath(dir, entry)
    if (path === undefined) continue
    out.push(...(project.cache.exists(path) ? [path] : kustomizationFiles(project, path, depth + 1)))
  }
  return out
}

/**
 * Where a deploy puts the manifest: its own verdict; a manifest that names a non-production namespace
 * is applied there whatever the deploy (kubectl refuses a `-n` that disagrees), and one in a folder
 * named for another environment (`overlays/staging`, `k8s/staging/`) is that environment's.
 */
export function placedRun(run: ManifestRun, namespace: string | undefined, file: string, config: SeedguardConfig): ManifestRun {
  if (namespace !== undefined && nameVerdict(namespace, config) === 'not-production') return { ...run, production: 'not-production', detail: `namespace \`${namespace}\`; ${run.detail}` }
  if (run.production !== 'production' && nameVerdict(dirnameOf(file), config) === 'not-production') return { ...run, production: 'not-production', detail: `${dirnameOf(file)} holds another environment's manifests; ${run.detail}` }
  return run
}
