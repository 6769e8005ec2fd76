import { isMap, isSeq, isScalar } from 'yaml'
import type { Span } from '../model/span.js'
import type { FileCache } from '../project/files.js'
import { parseYaml, YamlView, type YamlNode } from '../util/yaml.js'
import { DEFAULT_CONFIG, type SeedguardConfig } from './types.js'

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(`${span.file}:${span.start.line}:${span.start.column}: ${message}`)
  }
}

type Field = 'list' | 'allow'
const FIELDS: Record<string, { key: keyof SeedguardConfig; type: Field }> = {
  'production-environments': { key: 'productionEnvironments', type: 'list' },
  'non-production-environments': { key: 'nonProductionEnvironments', type: 'list' },
  'default-branches': { key: 'defaultBranches', type: 'list' },
  ignore: { key: 'ignore', type: 'list' },
  allow: { key: 'allow', type: 'allow' },
}
const ALLOW_KEYS = ['file', 'rule', 'reason']

export const CONFIG_FILES = ['.seedguard.yml', '.seedguard.yaml']

/**
 * `.seedguard.yml` at the repository root. Unknown keys, wrong types and allow entries without a
 * reason are errors at their exact place: a typo must never silently disable a check.
 */
export function loadConfig(cache: FileCache, explicit?: string): SeedguardConfig {
  const file = explicit ?? CONFIG_FILES.find((f) => cache.exists(f))
  if (!file) return { ...DEFAULT_CONFIG }
  const lines = cache.get(file)
  if (!lines) throw new ConfigError('config file cannot be read', { file, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } })
  const { doc, error } = parseYaml(lines.text)
  if (error) throw new ConfigError(`invalid YAML: ${error.message}`, lines.span(error.offset, error.offset + 1))
  const view = new YamlView(doc, lines)
  const config: SeedguardConfig = { ...DEFAULT_CONFIG }
  const root = view.root
  if (root === undefined) return config
  if (!isMap(root)) throw new ConfigError('expected a mapping of settings', view.span(root))
  for (const { key, keyNode, value } of view.entries(root)) {
    const field = FIELDS[key]
    if (!field) throw new ConfigError(`unknown setting \`${key}\` (known: ${Object.keys(FIELDS).join(', ')})`, view.span(keyNode))
    if (field.type === 'list') (config[field.key] as string[]) = readList(view, value, key)
    else config.allow = readAllow(view, value)
  }
  return config
}

function readList(view: YamlView, node: YamlNode | undefined, key: string): string[] {
  if (!isSeq(node)) throw new ConfigError(`\`${key}\` must be a list of strings`, view.span(node))
  return view.items(node).map((item) => {
    if (!isScalar(item) || typeof item.value !== 'string') throw new ConfigError(`\`${key}\` entries must be strings`, view.span(item))
    return item.value
  })
}

function readAllow(view: YamlView, node: YamlNode | undefined): SeedguardConfig['allow'] {
  if (!isSeq(node)) throw new ConfigError('`allow` must be a list of {file, rule, reason}', view.span(node))
  return view.items(node).map((item) => {
    if (!isMap(item)) throw new ConfigError('an `allow` entry must be a mapping with file, rule and reason', view.span(item))
    for (const { key, keyNode } of view.entries(item)) if (!ALLOW_KEYS.includes(key)) throw new ConfigError(`unknown key \`${key}\` in an allow entry (known: ${ALLOW_KEYS.join(', ')})`, view.span(keyNode))
    const [file, rule, reason] = ALLOW_KEYS.map((k) => view.string(view.get(item, k))?.trim())
    if (!file || !rule) throw new ConfigError('an `allow` entry needs `file` and `rule`', view.span(item))
    if (!reason) throw new ConfigError('an `allow` entry needs a `reason`: say why this seed is safe', view.span(item))
    return { file, rule, reason }
  })
}
