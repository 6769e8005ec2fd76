// Java properties files as java.util.Properties#load reads them
// (https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/util/Properties.html#load(java.io.Reader)),
// the format of Spring Boot's application.properties and Flyway's flyway.conf:
// - a line whose first non-blank character is `#` or `!` is a comment;
// - a line ending in an odd number of backslashes goes on at the next one, whose leading blanks are dropped;
// - the key ends at the first unescaped `=`, `:` or blank; blanks around that separator are dropped;
// - `\t`, `\n`, `\r`, `\f` and `\uXXXX` are escapes, and a backslash before any other character keeps that character.
import type { Span } from '../model/span.js'
import type { LineIndex } from './line-index.js'

export interface PropertyEntry {
  key: string
  value: string
  /** the value as written, from its first to its last character (continuation lines included) */
  valueSpan: Span
  /** the line it starts on */
  line: number
}

/** a comment line, for readers that give some a meaning (Spring's `#---` document separator) */
export interface PropertyComment {
  comment: string
  line: number
}

export type PropertyLine = PropertyEntry | PropertyComment

const BLANK = new Set([' ', '\t', '\f'])
const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' }

/** the characters of one logical line with the file offset of each, continuation lines joined */
interface LogicalLine {
  chars: string
  offsets: number[]
}

function unescape(raw: string): string {
  return raw.replace(/\\(u[0-9a-fA-F]{4}|.?)/gs, (_, c: string) => (c.length === 5 ? String.fromCharCode(parseInt(c.slice(1), 16)) : (ESCAPES[c] ?? c)))
}

/** whether a natural line goes on at the next: it ends in an odd number of backslashes */
function continues(text: string): boolean {
  let n = 0
  while (n < text.length && text[text.length - 1 - n] === '\\') n++
  return n % 2 === 1
}

export function parseProperties(lines: LineIndex): PropertyLine[] {
  const out: PropertyLine[] = []
  const natural = lines.text.split('\n')
  let start = 0
  for (let i = 0; i < natural.length; ) {
    const lineNumber = i + 1
    const logical: LogicalLine = { chars: '', offsets: [] }
    let first = true
    let comment = false
    for (;;) {
      const text = natural[i]!.replace(/\r$/, '')
      const at = start
      start += natural[i]!.length + 1
      i++
      let from = 0
      while (from < text.length && BLANK.has(text[from]!)) from++
      if (first && (text[from] === '#' || text[from] === '!')) {
        out.push({ comment: text.slice(from), line: lineNumber })
        comment = true
        break
      }
      first = false
      const more = continues(text) && i < natural.length
      const end = more ? text.length - 1 : text.length
      for (let c = from; c < end; c++) {
        logical.chars += text[c]
        logical.offsets.push(at + c)
      }
      if (!more) break
    }
    if (comment || logical.chars === '') continue
    const entry = entryOf(logical, lines, lineNumber)
    if (entry) out.push(entry)
  }
  return out
}

function entryOf({ chars, offsets }: LogicalLine, lines: LineIndex, line: number): PropertyEntry | undefined {
  let k = 0
  while (k < chars.length && !BLANK.has(chars[k]!) && chars[k] !== '=' && chars[k] !== ':') k += chars[k] === '\\' ? 2 : 1
  const keyEnd = Math.min(k, chars.length)
  let v = keyEnd
  while (v < chars.length && BLANK.has(chars[v]!)) v++
  if (chars[v] === '=' || chars[v] === ':') v++
  while (v < chars.length && BLANK.has(chars[v]!)) v++
  const key = unescape(chars.slice(0, keyEnd))
  if (key === '') return undefined
  const valueStart = offsets[v] ?? (offsets.at(-1)! + 1)
  const valueEnd = v < chars.length ? offsets.at(-1)! + 1 : valueStart
  return { key, value: unescape(chars.slice(v)), valueSpan: lines.span(valueStart, valueEnd), line }
}
