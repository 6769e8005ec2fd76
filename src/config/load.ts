import { getNodeValue, type Node as JsonNode } from 'jsonc-parser'
import { isMap, type Pair } from 'yaml'
import schemaJson from '../../schema/seedguard.schema.json' with { type: 'json' }
import { RULE_IDS } from '../model/finding.js'
import type { Span } from '../model/span.js'
import type { FileCache } from '../project/files.js'
import { closest } from '../util/closest.js'
import { jsonAt, parseJsonOf } from '../util/json.js'
import type { LineIndex } from '../util/line-index.js'
import { duplicateKeys, parseYamlOf, YamlView, type YamlNode } from '../util/yaml.js'
import { validate, type SchemaNode } from './schema.js'
import { DEFAULT_CONFIG, type SeedguardConfig } from './types.js'

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(`${span.file}:${span.start.line}:${span.start.column}: ${message}`)
  }
}

export const CONFIG_FILES = ['.seedguard.yml', '.seedguard.yaml']

type Path = (string | number)[]
interface RawConfig {
  value: unknown
  /** where a path's value (or key) is written, for located errors */
  locate(path: Path, atKey: boolean): Span
}

/**
 * `.seedguard.yml` at the repository root, else the `seedguard` key of the root package.json,
 * validated against schema/seedguard.schema.json. Unknown keys, wrong types and allow entries
 * without a reason are errors at their exact place: a typo must never silently disable a check.
 */
export function loadConfig(cache: FileCache, explicit?: string): SeedguardConfig {
  const raw = readRaw(cache, explicit)
  if (!raw || raw.value === null || raw.value === undefined) return { ...DEFAULT_CONFIG }
  const problem = validate(raw.value, schemaJson as SchemaNode)[0]
  if (problem) throw new ConfigError(problem.message, raw.locate(problem.path, problem.atKey))
  const value = raw.value as Record<string, unknown>
  const allow = (value.allow as SeedguardConfig['allow'] | undefined) ?? []
  allow.forEach((entry, i) => {
    if (entry.rule === '*' || (RULE_IDS as readonly string[]).includes(entry.rule)) return
    const meant = closest(entry.rule, RULE_IDS)
    throw new ConfigError(`unknown rule \`${entry.rule}\` (${meant ? `did you mean \`${meant}\`? ` : ''}known: ${RULE_IDS.join(', ')}, or *)`, raw.locate(['allow', i, 'rule'], false))
  })
  const list = (key: string, fallback: string[]) => (value[key] as string[] | undefined) ?? fallback
  return {
    productionEnvironments: list('production-environments', DEFAULT_CONFIG.productionEnvironments),
    nonProductionEnvironments: list('non-production-environments', DEFAULT_CONFIG.nonProductionEnvironments),
    defaultBranches: list('default-branches', DEFAULT_CONFIG.defaultBranches),
    seedCommands: list('seed-commands', []),
    deployCommands: list('deploy-commands', []),
    productionDatabaseHosts: list('production-database-hosts', []),
    productionDatabaseNames: list('production-database-names', []),
    ignore: list('ignore', []),
    allow: allow.map((a) => ({ file: a.file, rule: a.rule, reason: a.reason.trim() })),
  }
}

function readRaw(cache: FileCache, explicit: string | undefined): RawConfig | undefined {
  const file = explicit ?? CONFIG_FILES.find((f) => cache.exists(f))
  if (file) {
    const lines = cache.get(file)
    if (!lines) throw new ConfigError('config file cannot be read', { file, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } })
    return file.endsWith('.json') ? readJsonConfig(lines, []) : readYamlConfig(lines)
  }
  const pkg = cache.get('package.json')
  if (!pkg) return undefined
  const parsed = parseJsonOf(pkg)
  return parsed.root && jsonAt(parsed.root, ['seedguard']) ? readJsonConfig(pkg, ['seedguard']) : undefined
}

function readYamlConfig(lines: LineIndex): RawConfig {
  const { doc, error } = parseYamlOf(lines)
  if (error) throw new ConfigError(`invalid YAML: ${error.message}`, lines.span(error.offset, error.offset + 1))
  // the YAML reader keeps the last of two equal keys: the first would be dropped without a word
  const [duplicate] = duplicateKeys(doc, (key) => key)
  if (duplicate) throw new ConfigError(`\`${duplicate.key}\` is given twice (first at line ${lines.position(duplicate.first[0]).line}); only one of them would be read`, lines.span(duplicate.at[0], duplicate.at[1]))
  const view = new YamlView(doc, lines)
  const locate = (path: Path, atKey: boolean): Span => {
    let node: YamlNode | undefined = view.root
    let keyNode: YamlNode | undefined
    for (const step of path) {
      if (typeof step === 'number') node = view.items(node)[step]
      else {
        const pair = isMap(node) ? (node.items as Pair<YamlNode, YamlNode>[]).find((p) => view.string(p.key) === step) : undefined
        keyNode = pair?.key ?? undefined
        node = view.deref(pair?.value)
      }
    }
    return view.span(atKey ? (keyNode ?? node) : (node ?? keyNode))
  }
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: 1000 })
  } catch (error) {
    // the yaml library refuses alias bombs ("Excessive alias count"); say where, not how it crashed
    throw new ConfigError(`cannot be read: ${(error as Error).message.split('\n')[0]}`, lines.span(0, 1))
  }
  return { value, locate }
}

function readJsonConfig(lines: LineIndex, prefix: Path): RawConfig {
  const { root, error } = parseJsonOf(lines)
  if (error || !root) throw new ConfigError(error?.message ?? 'invalid JSON', lines.span(error?.offset ?? 0, (error?.offset ?? 0) + 1))
  const node = jsonAt(root, prefix) ?? root
  const locate = (path: Path, atKey: boolean): Span => {
    const at: JsonNode = jsonAt(node, path) ?? node
    const target = atKey && at.parent?.type === 'property' ? at.parent.children?.[0] ?? at : at
    return lines.span(target.offset, target.offset + target.length)
  }
  return { value: getNodeValue(node), locate }
}

