// How GitLab composes a job from several definitions, keeping each value where it is written:
// https://docs.gitlab.com/ci/yaml/yaml_optimization/ (anchors, `extends`, `!reference`)
// https://docs.gitlab.com/ci/yaml/#extends
import { isMap, isSeq } from 'yaml'
import type { Span } from '../../model/span.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'

/**
 * A configuration value as GitLab composes it: a map merged key by key from every definition, or a
 * node of one file (a list or a scalar replaces whatever it overrides). `from` names the
 * definition that wrote it (a job, a hidden `.template`, `default`).
 */
export type Value = MapValue | NodeValue

export interface NodeValue {
  kind: 'node'
  view: YamlView
  node: YamlNode
  from: string
}

export interface MapValue {
  kind: 'map'
  entries: Map<string, { value: Value; keySpan: Span }>
}

/** one shell line of a `script:`, where it is written and the definition it comes from */
export interface ScriptLine {
  view: YamlView
  node: YamlNode
  from: string
}

// GitLab's limits: `extends` up to 11 levels, `!reference` nested up to 10
// https://docs.gitlab.com/ci/yaml/#extends , https://docs.gitlab.com/ci/yaml/yaml_optimization/#reference-tags
const MAX_EXTENDS = 11
const MAX_REFERENCES = 10

export function valueOf(view: YamlView, node: YamlNode | undefined, from: string): Value | undefined {
  const resolved = view.deref(node)
  if (!resolved) return undefined
  if (!isMap(resolved) || isReference(resolved)) return { kind: 'node', view, node: resolved, from }
  const entries: MapValue['entries'] = new Map()
  // view.entries resolves anchors and `<<` merge keys, later keys winning, as GitLab's parser does
  for (const { key, keyNode, value } of view.entries(resolved)) {
    const inner = valueOf(view, value, from)
    if (inner) entries.set(key, { value: inner, keySpan: view.span(keyNode) })
  }
  return { kind: 'map', entries }
}

/** GitLab's deep merge: maps merge key by key, anything else in `over` replaces what `base` had */
export function deepMerge(base: Value | undefined, over: Value): Value {
  if (base?.kind !== 'map' || over.kind !== 'map') return over
  const entries = new Map(base.entries)
  for (const [key, entry] of over.entries) entries.set(key, { ...entry, value: deepMerge(base.entries.get(key)?.value, entry.value) })
  return { kind: 'map', entries }
}

export function get(value: Value | undefined, key: string): Value | undefined {
  return value?.kind === 'map' ? value.entries.get(key)?.value : undefined
}

export function stringOf(value: Value | undefined): string | undefined {
  return value?.kind === 'node' ? value.view.string(value.node) : undefined
}

export function stringsOf(value: Value | undefined): string[] {
  return value?.kind === 'node' ? value.view.strings(value.node) : []
}

export function spanOf(value: Value | undefined): Span | undefined {
  if (value?.kind === 'node') return value.view.span(value.node)
  const first = value?.entries.values().next().value
  return first?.keySpan
}

function isReference(node: YamlNode): boolean {
  return node.tag === '!reference'
}

/**
 * The top-level definitions of a pipeline (every file's, merged) with `extends` and `!reference`
 * resolved on demand. GitLab resolves `extends` first and `!reference` tags against the result.
 */
export class Definitions {
  private readonly extended = new Map<string, Value | undefined>()
  /** `extends:` targets no definition has: GitLab refuses such a pipeline */
  readonly missing: { name: string; span: Span }[] = []

  constructor(readonly top: MapValue) {}

  names(): string[] {
    return [...this.top.entries.keys()]
  }

  keySpan(name: string): Span | undefined {
    return this.top.entries.get(name)?.keySpan
  }

  /** a definition with its `extends:` chain merged in: the last listed template wins, the job over all */
  resolved(name: string, depth = 0): Value | undefined {
    if (this.extended.has(name)) return this.extended.get(name)
    const own = this.top.entries.get(name)?.value
    if (!own || own.kind !== 'map' || depth > MAX_EXTENDS) return own
    // a cycle of `extends` ends here: GitLab refuses it as well
    this.extended.set(name, undefined)
    const extendsValue = own.entries.get('extends')?.value
    let merged: Value | undefined
    for (const parent of stringsOf(extendsValue)) {
      const base = this.resolved(parent, depth + 1)
      if (base) merged = deepMerge(merged, base)
      else this.missing.push({ name: parent, span: spanOf(extendsValue)! })
    }
    const entries = new Map(own.entries)
    entries.delete('extends')
    const result = deepMerge(merged, { kind: 'map', entries })
    this.extended.set(name, result)
    return result
  }

  /** `!reference [.job, key, …]`: the value at that path of the (extended) definition */
  reference(node: NodeValue, depth = 0): Value | undefined {
    const [name, ...path] = node.view.strings(node.node)
    if (name === undefined || depth > MAX_REFERENCES) return undefined
    let value = this.resolved(name)
    for (const key of path) value = get(value, key)
    if (value?.kind === 'node' && isReference(value.node)) return this.reference(value, depth + 1)
    return value
  }

  /** the value itself, or what a `!reference` tag stands for */
  dereferenced(value: Value | undefined): Value | undefined {
    return value?.kind === 'node' && isReference(value.node) ? this.reference(value) : value
  }

  /**
   * The lines of a `script:`-like key: a string or a list, with `!reference` tags spliced in and
   * nested lists flattened, as GitLab flattens them. https://docs.gitlab.com/ci/yaml/#script
   */
  scriptLines(value: Value | undefined, depth = 0): ScriptLine[] {
    const resolved = this.dereferenced(value)
    if (resolved?.kind !== 'node' || depth > MAX_REFERENCES) return []
    const { view, node, from } = resolved
    if (!isSeq(node)) return view.string(node) === undefined ? [] : [{ view, node, from }]
    return view.items(node).flatMap((item) => this.scriptLines({ kind: 'node', view, node: item, from }, depth + 1))
  }

  /**
   * `variables:` as name → value: plain values and the `value:` of the long form
   * (`{ value, description, options }`). https://docs.gitlab.com/ci/yaml/#variables
   */
  variables(value: Value | undefined): Record<string, string> {
    const map = this.dereferenced(value)
    const out: Record<string, string> = {}
    if (map?.kind !== 'map') return out
    for (const [name, { value: entry }] of map.entries) {
      const plain = stringOf(this.dereferenced(entry)) ?? stringOf(get(entry, 'value'))
      if (plain !== undefined) out[name] = plain
    }
    return out
  }
}
