import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser'
import type { ShellSource } from '../model/context.js'
import type { LineIndex } from './line-index.js'
import { alignValue } from './offset-map.js'

export type { JsonNode }

export interface ParsedJson {
  root: JsonNode | undefined
  error?: { message: string; offset: number }
}

/** JSON with offsets; comments and trailing commas are tolerated as editors and tools do. */
/** Deeper than any real config; jsonc-parser recurses per level and would overflow the stack. */
const MAX_DEPTH = 256

export function parseJson(text: string): ParsedJson {
  const tooDeep = depthExceeded(text)
  if (tooDeep !== undefined) return { root: undefined, error: { message: `invalid JSON: nested more than ${MAX_DEPTH} levels deep`, offset: tooDeep } }
  const errors: ParseError[] = []
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false })
  const first = errors[0]
  return first ? { root, error: { message: `invalid JSON: ${printParseErrorCode(first.error)}`, offset: first.offset } } : { root }
}

const parsedFiles = new WeakMap<LineIndex, ParsedJson>()

/**
 * One parse per file and run: several readers look at the same JSON (package.json as the
 * project's packages and as config; app.json for its facts and its scripts). Trees are only read.
 */
export function parseJsonOf(lines: LineIndex): ParsedJson {
  let parsed = parsedFiles.get(lines)
  if (!parsed) {
    parsed = parseJson(lines.text)
    parsedFiles.set(lines, parsed)
  }
  return parsed
}

/** offset of the first bracket past MAX_DEPTH, outside strings */
function depthExceeded(text: string): number | undefined {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i++
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) return i
    } else if (c === 125 || c === 93) depth--
  }
  return undefined
}

/**
 * The node at a path, a key given twice taking its last value as JSON.parse does, and with it
 * npm, Vercel and every other reader of these files (jsonc-parser's own lookup takes the first).
 */
export function jsonAt(root: JsonNode | undefined, path: (string | number)[]): JsonNode | undefined {
  let node = root
  for (const segment of path) {
    if (typeof segment === 'number') node = node?.type === 'array' ? node.children?.[segment] : undefined
    else node = jsonEntries(node).filter((e) => e.key === segment).pop()?.value
    if (!node) return undefined
  }
  return node
}

export function jsonString(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined
}

/** The properties of a JSON object node, in order, with their key nodes. */
export function jsonEntries(node: JsonNode | undefined): { key: string; keyNode: JsonNode; value: JsonNode }[] {
  if (node?.type !== 'object') return []
  const out: { key: string; keyNode: JsonNode; value: JsonNode }[] = []
  for (const prop of node.children ?? []) {
    const [keyNode, value] = prop.children ?? []
    if (keyNode && value && typeof keyNode.value === 'string') out.push({ key: keyNode.value, keyNode, value })
  }
  return out
}

/** A shell source over a JSON string node; offsets land inside the quotes, past escapes. */
export function shellSourceOfJsonString(node: JsonNode, lines: LineIndex): ShellSource {
  const text = String(node.value)
  return { text, offsets: alignValue(text, lines.text, node.offset + 1, node.offset + node.length - 1), file: lines.file, shell: 'sh' }
}
