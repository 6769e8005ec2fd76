import { parseTOML } from 'toml-eslint-parser'
import type { AST } from 'toml-eslint-parser'
import type { ShellSource } from '../model/context.js'
import type { Span } from '../model/span.js'
import type { LineIndex } from './line-index.js'
import { alignValue } from './offset-map.js'

export type TomlValue = AST.TOMLContentNode

/**
 * TOML with positions (toml-eslint-parser keeps every range), flattened to dotted keys:
 * `[deploy]\nrelease_command = "…"` and `deploy.release_command = "…"` both give
 * `deploy.release_command`. Arrays of tables get their index (`services.0.name`).
 */
type TomlParse = { view: TomlView } | { error: { message: string; span: Span } }

const parsedFiles = new WeakMap<LineIndex, TomlParse>()

export class TomlView {
  readonly entries = new Map<string, { key: Span; value: TomlValue }>()

  private constructor(readonly lines: LineIndex) {}

  /** one parse per file and run: a platform's reader and its images read the same fly.toml; views are only read */
  static parse(lines: LineIndex): TomlParse {
    let parsed = parsedFiles.get(lines)
    if (!parsed) {
      parsed = TomlView.parseText(lines)
      parsedFiles.set(lines, parsed)
    }
    return parsed
  }

  private static parseText(lines: LineIndex): TomlParse {
    let ast: AST.TOMLProgram
    try {
      ast = parseTOML(lines.text)
    } catch (error) {
      const e = error as { message: string; index?: number; lineNumber?: number; column?: number }
      const offset = e.index ?? 0
      return { error: { message: `invalid TOML: ${e.message.replace(/\s*\(\d+:\d+\)$/, '')}`, span: lines.span(offset, offset + 1) } }
    }
    const view = new TomlView(lines)
    for (const node of ast.body[0]?.body ?? []) {
      // an array of tables' resolved key carries its index: ['services', 1]
      if (node.type === 'TOMLKeyValue') view.add([], node)
      else for (const kv of node.body) view.add(node.resolvedKey.map(String), kv)
    }
    return { view }
  }

  private add(prefix: string[], node: AST.TOMLKeyValue): void {
    const keys = [...prefix, ...node.key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value))]
    this.addValue(keys, this.lines.span(node.key.range[0], node.key.range[1]), node.value)
  }

  private addValue(keys: string[], key: Span, value: TomlValue): void {
    this.entries.set(keys.join('.'), { key, value })
    if (value.type === 'TOMLInlineTable') for (const kv of value.body) this.add(keys, kv)
  }

  string(path: string): { value: string; node: TomlValue } | undefined {
    const node = this.entries.get(path)?.value
    return node?.type === 'TOMLValue' && node.kind === 'string' ? { value: node.value, node } : undefined
  }

  /** every dotted key directly below a prefix (`processes.` → `web`, `worker`) */
  childrenOf(prefix: string): string[] {
    const out = new Set<string>()
    for (const key of this.entries.keys()) if (key.startsWith(`${prefix}.`)) out.add(key.slice(prefix.length + 1).split('.')[0]!)
    return [...out]
  }

  span(node: TomlValue): Span {
    return this.lines.span(node.range[0], node.range[1])
  }

  /** the command in a TOML string, with offsets inside its quotes (also `'''` and `"""` strings) */
  shellSource(node: TomlValue): ShellSource | undefined {
    if (node.type !== 'TOMLValue' || node.kind !== 'string') return undefined
    const quote = node.multiline ? 3 : 1
    return { text: node.value, offsets: alignValue(node.value, this.lines.text, node.range[0] + quote, node.range[1] - quote), file: this.lines.file, shell: 'sh' }
  }
}
