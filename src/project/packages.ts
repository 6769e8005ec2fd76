import { getNodeValue } from 'jsonc-parser'
import type { ShellSource } from '../model/context.js'
import type { Span } from '../model/span.js'
import { jsonAt, jsonEntries, jsonString, parseJson, shellSourceOfJsonString } from '../util/json.js'
import type { LineIndex } from '../util/line-index.js'
import { dirnameOf } from '../util/paths.js'

export interface PackageScript {
  name: string
  source: ShellSource
  /** the `"name": "body"` line: where a finding on this script points */
  span: Span
}

export interface PackageJson {
  /** directory relative to the repository root ('.' for the root) */
  dir: string
  file: string
  name: string | undefined
  scripts: Map<string, PackageScript>
  dependencies: Record<string, string>
  workspaces: string[]
  packageManager: string | undefined
  /** package.json `prisma.seed` (read by Prisma ≤ 6) */
  prismaSeed: PackageScript | undefined
  /** the top-level `seedguard` key, when present */
  seedguardConfig: unknown
}

export type PackageJsonResult = { ok: true; pkg: PackageJson } | { ok: false; message: string; span: Span }

export function readPackageJson(lines: LineIndex): PackageJsonResult {
  // not parseJsonOf: every package.json is read once, here; keeping a monorepo's thousands of parse
  // trees for the whole run cost 30 MiB of peak memory to save one second read (the root's config)
  const { root, error } = parseJson(lines.text)
  if (error || root?.type !== 'object') {
    const offset = error?.offset ?? 0
    return { ok: false, message: error?.message ?? 'package.json is not a JSON object', span: lines.span(offset, offset + 1) }
  }
  const scriptOf = (name: string, node: Parameters<typeof jsonString>[0]): PackageScript | undefined => {
    if (!node || jsonString(node) === undefined) return undefined
    return { name, source: shellSourceOfJsonString(node, lines), span: lines.span(node.offset, node.offset + node.length) }
  }
  const scripts = new Map<string, PackageScript>()
  for (const { key, value } of jsonEntries(jsonAt(root, ['scripts']))) {
    const script = scriptOf(key, value)
    if (script) scripts.set(key, script)
  }
  const dependencies: Record<string, string> = {}
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    for (const { key, value } of jsonEntries(jsonAt(root, [field]))) {
      const range = jsonString(value)
      if (range !== undefined) dependencies[key] ??= range
    }
  }
  const workspacesNode = jsonAt(root, ['workspaces'])
  const listNode = workspacesNode?.type === 'object' ? jsonAt(workspacesNode, ['packages']) : workspacesNode
  const workspaces = (listNode?.type === 'array' ? (listNode.children ?? []) : []).map(jsonString).filter((w): w is string => w !== undefined)
  const seedguardNode = jsonAt(root, ['seedguard'])
  return {
    ok: true,
    pkg: {
      dir: dirnameOf(lines.file),
      file: lines.file,
      name: jsonString(jsonAt(root, ['name'])),
      scripts,
      dependencies,
      workspaces,
      packageManager: jsonString(jsonAt(root, ['packageManager'])),
      prismaSeed: scriptOf('prisma.seed', jsonAt(root, ['prisma', 'seed'])),
      seedguardConfig: seedguardNode ? getNodeValue(seedguardNode) : undefined,
    },
  }
}
