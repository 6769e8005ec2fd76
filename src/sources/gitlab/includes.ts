// `include:`: https://docs.gitlab.com/ci/yaml/includes/ and https://docs.gitlab.com/ci/yaml/#include
import picomatch from 'picomatch'
import type { Span } from '../../model/span.js'
import type { Project } from '../../project/project.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'
import { loadYamlFile } from '../yaml-file.js'
import type { Problem } from '../types.js'
import { deepMerge, Definitions, valueOf, type MapValue } from './merge.js'

/** an include that names no file of this repository: another project, a URL, a template, a component */
export interface ExternalInclude {
  kind: string
  target: string
  span: Span
}

export interface Pipeline {
  file: string
  definitions: Definitions
  external: ExternalInclude[]
  problems: Problem[]
}

// GitLab's default limit of included files per pipeline (an instance setting since 16.0)
// https://docs.gitlab.com/administration/settings/continuous_integration/#maximum-includes
const MAX_INCLUDES = 150
const EXTERNAL_KINDS = ['project', 'remote', 'template', 'component'] as const

/**
 * A pipeline file with every `include: local` it reaches, merged as GitLab merges them: included
 * files first, in order, each deep-merged under the file that includes it. Paths of `local`
 * includes are from the repository root, also inside included files.
 */
export function loadPipeline(file: string, project: Project): Pipeline | { problem: Problem } {
  return loadPipelineOf([file], project)
}

/** a child pipeline's `trigger: include:` files, merged in order into one pipeline */
export function loadPipelineOf(files: string[], project: Project): Pipeline | { problem: Problem } {
  const loaded = files.map((file) => loadYamlFile(file, project))
  const failed = loaded.find((l): l is { problem: Problem } => 'problem' in l)
  if (failed) return failed
  const external: ExternalInclude[] = []
  const problems: Problem[] = []
  const seen = new Set(files)
  const compose = (view: YamlView): MapValue => {
    let merged: MapValue = { kind: 'map', entries: new Map() }
    for (const path of localIncludes(view, project, external, problems)) {
      if (seen.has(path) || seen.size >= MAX_INCLUDES) continue
      seen.add(path)
      const included = loadYamlFile(path, project)
      if ('problem' in included) problems.push(included.problem)
      else merged = deepMerge(merged, compose(included.view)) as MapValue
    }
    return deepMerge(merged, topLevel(view)) as MapValue
  }
  let top: MapValue = { kind: 'map', entries: new Map() }
  for (const l of loaded as { view: YamlView }[]) top = deepMerge(top, compose(l.view)) as MapValue
  return { file: files.join(', '), definitions: new Definitions(top), external, problems }
}

/** every top-level key but `include`, each value tagged with the definition it belongs to */
function topLevel(view: YamlView): MapValue {
  const entries: MapValue['entries'] = new Map()
  for (const { key, keyNode, value } of view.entries(view.root)) {
    if (key === 'include') continue
    const inner = valueOf(view, value, key)
    if (inner) entries.set(key, { value: inner, keySpan: view.span(keyNode) })
  }
  return { kind: 'map', entries }
}

/** the repository files a file's `include:` names, in order; other includes go to `external` */
function localIncludes(view: YamlView, project: Project, external: ExternalInclude[], problems: Problem[]): string[] {
  return includeEntries(view, view.get(view.root, 'include')).flatMap(({ node, local }) => {
    const span = view.span(node)
    if (local === undefined || /^https?:\/\//.test(local)) {
      external.push(externalInclude(view, node, local, span))
      return []
    }
    const found = localFiles(local, project)
    if (found.length === 0) problems.push({ rule: 'parse-error', message: `\`include: ${local}\` names no file of the repository: GitLab refuses the pipeline`, span })
    return found
  })
}

/** what an include that is not a file of this repository names, for the warning at it */
export function externalInclude(view: YamlView, node: YamlNode, remote: string | undefined, span: Span): ExternalInclude {
  if (remote !== undefined) return { kind: 'remote', target: remote, span }
  const kind = EXTERNAL_KINDS.find((k) => view.get(node, k) !== undefined) ?? view.entries(node)[0]?.key ?? 'unknown'
  const target = view.string(view.get(node, kind)) ?? '?'
  return { kind, target, span }
}

/**
 * `include:` as a string, a map, or a list of both. A string is a local path, or a remote URL;
 * `local:` is the long form. https://docs.gitlab.com/ci/yaml/#include
 */
export function includeEntries(view: YamlView, node: YamlNode | undefined): { node: YamlNode; local?: string }[] {
  if (!node) return []
  const single = view.string(node)
  if (single !== undefined) return [{ node, local: single }]
  if (view.entries(node).length > 0) return [entryOf(view, node)]
  return view.items(node).map((item) => entryOf(view, item))
}

function entryOf(view: YamlView, node: YamlNode): { node: YamlNode; local?: string } {
  const local = view.string(node) ?? view.string(view.get(node, 'local'))
  return local === undefined ? { node } : { node, local }
}

/**
 * A `local` path or wildcard from the repository root: `ci/*.yml` is the folder's files,
 * `ci/**.yml` also its subfolders' (https://docs.gitlab.com/ci/yaml/#includelocal).
 */
export function localFiles(path: string, project: Project): string[] {
  const relative = path.replace(/^\.?\//, '')
  if (!/[*?[]/.test(relative)) return project.cache.exists(relative) ? [relative] : []
  const matches = picomatch(relative.replace(/\*\*(?!\/)/g, '**/*'), { dot: true })
  return project.cache.files.list().filter((file) => matches(file)).sort()
}
