import * as yaml from 'yaml'
import { CST, Parser, parseAllDocuments, parseDocument, type Document, type Node as YamlNode, type Scalar, type YAMLError } from 'yaml'
import type { ShellKind, ShellSource } from '../model/context.js'
import type { ArgvElement } from './exec-form.js'
import type { LineIndex } from './line-index.js'
import { alignValue } from './offset-map.js'

export type { YamlNode }

// read once: the bundle reaches a CommonJS package's exports through a getter on every use, and
// these run for every node of every workflow
const { isAlias, isMap, isScalar, isSeq, visit } = yaml

export interface ParsedYaml {
  doc: Document.Parsed
  error?: { message: string; offset: number }
}

/** Aliases are resolved on access, at most this many times per document: an alias bomb stops here. */
const MAX_ALIAS_RESOLUTIONS = 10_000

const OPTIONS = { uniqueKeys: false, strict: false, prettyErrors: false } as const

export function parseYaml(text: string): ParsedYaml {
  const doc = parseDocument(text, OPTIONS)
  const error = firstError(text, doc.errors)
  return error ? { doc, error } : { doc }
}

/** A `---`-separated stream (Kubernetes manifests): every document, offsets into the whole text. */
export function parseYamlDocuments(text: string): { docs: Document.Parsed[]; error?: ParsedYaml['error'] } {
  const docs = Array.from(parseAllDocuments(text, OPTIONS))
  const error = firstError(text, docs.flatMap((d) => d.errors))
  return error ? { docs, error } : { docs }
}

function firstError(text: string, errors: readonly YAMLError[]): ParsedYaml['error'] {
  const first = errors[0]
  if (!first) return undefined
  // an unclosed quote is noticed at the end of the file; the useful place is where it opens
  const offset = first.code === 'MISSING_CHAR' && /quote/.test(first.message) ? (unclosedQuoteBefore(text, first.pos[0]) ?? first.pos[0]) : first.pos[0]
  return { message: first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), offset }
}

export interface DuplicateKey {
  key: string
  /** offsets of the key where it is given again, and where it was given first */
  at: [number, number]
  first: [number, number]
}

/**
 * Keys given twice in one mapping. `identity` says which keys a consumer takes for the same
 * (GitHub compares them ignoring case) or returns undefined for a key it never compares; the
 * parser itself keeps both, as `uniqueKeys: false` asks, so that every reader still gets a document.
 */
export function duplicateKeys(doc: Document.Parsed, identity: (key: string) => string | undefined): DuplicateKey[] {
  const found: DuplicateKey[] = []
  visit(doc, {
    Map(_, map) {
      const seen = new Map<string, [number, number]>()
      for (const pair of map.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue
        const id = identity(String(pair.key.value))
        if (id === undefined) continue
        const range: [number, number] = [pair.key.range[0], pair.key.range[1]]
        const first = seen.get(id)
        if (first) found.push({ key: String(pair.key.value), at: range, first })
        else seen.set(id, range)
      }
    },
  })
  return found
}

const parsedFiles = new WeakMap<LineIndex, ParsedYaml>()

/**
 * One parse per file and run: several readers look at the same YAML (a workflow is read as a
 * workflow and again for the images it pushes). Documents are only read, never changed.
 */
export function parseYamlOf(lines: LineIndex): ParsedYaml {
  let parsed = parsedFiles.get(lines)
  if (!parsed) {
    parsed = parseYaml(lines.text)
    parsedFiles.set(lines, parsed)
  }
  return parsed
}

function unclosedQuoteBefore(text: string, end: number): number | undefined {
  let found: number | undefined
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document') continue
    CST.visit(token, (item) => {
      for (const node of [item.key, item.value]) {
        if (node?.type !== 'double-quoted-scalar' && node?.type !== 'single-quoted-scalar') continue
        const quote = node.source[0]!
        if (node.offset <= end && (node.source.length < 2 || !node.source.trimEnd().endsWith(quote))) found = node.offset
      }
    })
  }
  return found
}

/** Navigates a YAML document by node, resolving aliases and `<<` merge keys, keeping every range. */
export interface YamlEntry {
  key: string
  keyNode: YamlNode | undefined
  value: YamlNode | undefined
}

export class YamlView {
  private resolutions = 0
  private readonly entryLists = new WeakMap<object, readonly YamlEntry[]>()
  /** where alias expansion stopped (an alias bomb): what follows was not read */
  aliasLimitAt: number | undefined

  constructor(
    readonly doc: Document.Parsed,
    readonly lines: LineIndex,
  ) {}

  get root(): YamlNode | undefined {
    return this.deref(this.doc.contents ?? undefined)
  }

  deref(node: unknown): YamlNode | undefined {
    let current = node
    for (let i = 0; i < 32 && isAlias(current); i++) {
      if (++this.resolutions > MAX_ALIAS_RESOLUTIONS) {
        this.aliasLimitAt ??= current.range?.[0] ?? 0
        return undefined
      }
      current = current.resolve(this.doc)
    }
    return current && (isMap(current) || isSeq(current) || isScalar(current)) ? current : undefined
  }

  get(node: YamlNode | undefined, key: string): YamlNode | undefined {
    return this.entries(node).find((e) => e.key === key)?.value
  }

  /** key/value pairs of a map, merge keys (`<<: *defaults`) expanded, later keys winning */
  entries(node: YamlNode | undefined, depth = 0): readonly YamlEntry[] {
    const map = this.deref(node)
    if (!isMap(map) || depth > 8) return []
    // every get() on a map asks for its entries: a workflow's job and step maps are asked many times
    const known = depth === 0 ? this.entryLists.get(map) : undefined
    if (known) return known
    const out = new Map<string, YamlEntry>()
    for (const pair of map.items) {
      const keyNode = this.deref(pair.key)
      const key = isScalar(keyNode) ? String(keyNode.value) : undefined
      if (key === '<<') {
        const merged = this.deref(pair.value)
        const sources = isSeq(merged) ? merged.items : [merged]
        for (const source of sources) for (const e of this.entries(this.deref(source), depth + 1)) if (!out.has(e.key)) out.set(e.key, e)
        continue
      }
      if (key !== undefined) out.set(key, { key, keyNode, value: this.deref(pair.value) })
    }
    const list = [...out.values()]
    if (depth === 0) this.entryLists.set(map, list)
    return list
  }

  items(node: YamlNode | undefined): YamlNode[] {
    const seq = this.deref(node)
    if (!isSeq(seq)) return []
    return seq.items.map((i) => this.deref(i)).filter((i): i is YamlNode => i !== undefined)
  }

  string(node: YamlNode | undefined): string | undefined {
    const n = this.deref(node)
    if (!isScalar(n) || n.value === null || typeof n.value === 'object') return undefined
    return String(n.value)
  }

  /** a scalar or a list of scalars, as a list */
  strings(node: YamlNode | undefined): string[] {
    const single = this.string(node)
    if (single !== undefined) return [single]
    return this.items(node).map((i) => this.string(i)).filter((s): s is string => s !== undefined)
  }

  record(node: YamlNode | undefined): Record<string, string> {
    const out: Record<string, string> = {}
    for (const { key, value } of this.entries(node)) {
      const v = this.string(value)
      if (v !== undefined) out[key] = v
    }
    return out
  }

  span(node: YamlNode | undefined) {
    const range = node?.range ?? [0, 0, 0]
    return this.lines.span(range[0], range[1])
  }

  /** a list of scalars (an exec-form command: `["npx", "prisma", "db", "seed"]`), each located inside its quotes */
  argv(node: YamlNode | undefined): ArgvElement[] {
    return this.items(node).flatMap((item) => this.argvElement(item) ?? [])
  }

  /** one scalar as one word of a command (a Cloud Build `entrypoint:`), located inside its quotes */
  argvElement(node: YamlNode | undefined): ArgvElement | undefined {
    const item = this.deref(node)
    if (!isScalar(item)) return undefined
    const [start, end] = item.range ?? [0, 0]
    const quoted = item.type === 'QUOTE_DOUBLE' || item.type === 'QUOTE_SINGLE'
    return { value: String(item.value ?? ''), start: quoted ? start + 1 : start, end: quoted ? end - 1 : end }
  }

  /** the shell text of a scalar with offsets mapped into the file, also inside `|` and `>` blocks */
  shellSource(node: YamlNode | undefined, shell: ShellKind): ShellSource | undefined {
    const scalar = this.deref(node)
    if (!isScalar(scalar) || !scalar.range) return undefined
    const text = scalar.value === null ? '' : String(scalar.value)
    const [start, end] = scalar.range
    const contentStart = contentStartOf(scalar, this.lines.text, start)
    return { text, offsets: alignValue(text, this.lines.text, contentStart, end), file: this.lines.file, shell }
  }
}

function contentStartOf(scalar: Scalar, text: string, start: number): number {
  if (scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED') {
    const newline = text.indexOf('\n', start)
    return newline < 0 ? start : newline + 1
  }
  if (scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') return start + 1
  return start
}
