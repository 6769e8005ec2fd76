// railway.json / railway.toml and the builders' files behind one interface, so the reader never asks which format it has.
import type { ShellSource } from '../../model/context.js'
import type { Span } from '../../model/span.js'
import type { Project } from '../../project/project.js'
import { jsonAt, jsonEntries, jsonString, parseJsonOf, shellSourceOfJsonString, type JsonNode } from '../../util/json.js'
import type { LineIndex } from '../../util/line-index.js'
import { TomlView, type TomlValue } from '../../util/toml.js'
import type { Problem } from '../types.js'

export interface Command { text: string; span: Span; source?: ShellSource }
/** railway.json and railway.toml (and the builders' files) read through one interface */
export interface Doc {
  file: string
  commands(path: string[]): Command[] | undefined
  string(path: string[]): string | undefined
  keys(path: string[]): string[]
  keySpan(path: string[]): Span | undefined
}

export function loadDoc(file: string, project: Project): { doc: Doc } | { problem?: Problem } {
  const lines = project.cache.get(file)
  if (!lines) return {}
  if (file.endsWith('.toml')) {
    const parsed = TomlView.parse(lines)
    if ('error' in parsed) return { problem: { rule: 'parse-error', message: parsed.error.message, span: parsed.error.span } }
    return { doc: tomlDoc(file, parsed.view) }
  }
  const { root, error } = parseJsonOf(lines)
  if (error) return { problem: { rule: 'parse-error', message: error.message, span: lines.span(error.offset, error.offset + 1) } }
  return { doc: jsonDoc(file, root, lines) }
}

function tomlDoc(file: string, view: TomlView): Doc {
  const command = (node: TomlValue): Command | undefined => {
    const source = view.shellSource(node)
    return source && { text: source.text, span: view.span(node), source: source.text === '...' ? undefined : source }
  }
  return {
    file,
    commands(path) {
      const node = view.entries.get(path.join('.'))?.value
      if (!node) return undefined
      return (node.type === 'TOMLArray' ? node.elements : [node]).flatMap((n) => command(n) ?? [])
    },
    string: (path) => view.string(path.join('.'))?.value,
    keys: (path) => view.childrenOf(path.join('.')),
    keySpan: (path) => view.entries.get(path.join('.'))?.key,
  }
}

function jsonDoc(file: string, root: JsonNode | undefined, lines: LineIndex): Doc {
  const command = (node: JsonNode): Command | undefined => {
    // railpack.json commands may be `{ "cmd": "…" }`; `PATH:…` and `COPY:…` strings are not shell
    const string = node.type === 'object' ? jsonAt(node, ['cmd']) : node
    const text = jsonString(string)
    if (!string || text === undefined || /^(PATH|COPY):/.test(text)) return undefined
    return { text, span: lines.span(string.offset, string.offset + string.length), source: text === '...' ? undefined : shellSourceOfJsonString(string, lines) }
  }
  return {
    file,
    commands(path) {
      const node = jsonAt(root, path)
      // `null` unsets a setting: the one from the dashboard or the builder applies
      if (!node || node.type === 'null') return undefined
      return (node.type === 'array' ? node.children ?? [] : [node]).flatMap((n) => command(n) ?? [])
    },
    string: (path) => jsonString(jsonAt(root, path)),
    keys: (path) => jsonEntries(jsonAt(root, path)).map((e) => e.key),
    keySpan(path) {
      const key = jsonAt(root, path)?.parent?.children?.[0]
      return key && lines.span(key.offset, key.offset + key.length)
    },
  }
}
