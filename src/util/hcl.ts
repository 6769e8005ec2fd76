// Reading HCL (Terraform's configuration language) as far as seedguard needs: blocks, attributes,
// string and list values, with strings, heredocs and comments skipped so their braces do not count
// (https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md).
import type { ArgvElement } from './exec-form.js'

// https://developer.hashicorp.com/terraform/language/expressions/strings#heredoc-strings
const HEREDOC = /<<(-?)([A-Za-z_][\w-]*)[ \t]*\r?\n/y
const IDENTIFIER = /[A-Za-z_][\w-]*/y

/** From the `{` at `open`: the offset after its closing `}`, and the heredocs on the way; strings and comments hold no braces. */
export function scanBlock(text: string, open: number): { end: number; heredocs: { start: number; end: number }[] } {
  const heredocs: { start: number; end: number }[] = []
  let depth = 0
  let i = open
  while (i < text.length) {
    const c = text[i]!
    if (c === '{') depth++
    else if (c === '}' && --depth === 0) return { end: i + 1, heredocs }
    else if (c === '"') i = stringEnd(text, i)
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) i = lineEnd(text, i)
    else if (c === '/' && text[i + 1] === '*') i = text.indexOf('*/', i + 2) < 0 ? text.length : text.indexOf('*/', i + 2) + 1
    else if (c === '<' && text[i + 1] === '<') {
      HEREDOC.lastIndex = i
      const marker = HEREDOC.exec(text)
      if (marker) {
        const start = HEREDOC.lastIndex
        const { end, after } = heredocEnd(text, start, marker[2]!)
        heredocs.push({ start, end })
        i = after - 1
      }
    }
    i++
  }
  return { end: text.length, heredocs }
}

/** The offset of the closing quote of the string opening at `at`; a `${ … }` inside may hold braces and strings of its own. */
function stringEnd(text: string, at: number): number {
  let i = at + 1
  for (; i < text.length && text[i] !== '\n'; i++) {
    const c = text[i]!
    if (c === '\\') i++
    else if ((c === '$' || c === '%') && text[i + 1] === '{') i = templateEnd(text, i + 1)
    else if (c === '"') return i
  }
  return i
}

/** The offset of the `}` closing the template sequence whose `{` is at `open`. */
function templateEnd(text: string, open: number): number {
  let depth = 0
  let i = open
  for (; i < text.length && text[i] !== '\n'; i++) {
    const c = text[i]!
    if (c === '{') depth++
    else if (c === '}' && --depth === 0) return i
    else if (c === '"') i = stringEnd(text, i)
  }
  return i
}

function lineEnd(text: string, at: number): number {
  const end = text.indexOf('\n', at)
  return end < 0 ? text.length : end
}


/** An attribute (`name = value`) or a nested block (`name "label" { … }`) directly in a body. */
export interface BodyItem {
  kind: 'attribute' | 'block'
  name: string
  /** attribute: where its value starts; block: its `{` */
  at: number
  /** after the value, or after the block's `}` */
  end: number
}

/** The attributes and blocks of the body between the `{` at `open` and the `}` before `close`. */
export function bodyItems(text: string, open: number, close: number): BodyItem[] {
  const items: BodyItem[] = []
  let i = open + 1
  while (i < close) {
    const c = text[i]!
    if (/\s|,/.test(c)) i++
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) i = lineEnd(text, i)
    else if (c === '/' && text[i + 1] === '*') i = text.indexOf('*/', i + 2) < 0 ? close : text.indexOf('*/', i + 2) + 2
    else {
      IDENTIFIER.lastIndex = i
      const name = IDENTIFIER.exec(text)?.[0]
      if (name === undefined) {
        i = lineEnd(text, i)
        continue
      }
      let j = skipBlanks(text, i + name.length)
      if (text[j] === '=' && text[j + 1] !== '=') {
        const at = skipBlanks(text, j + 1)
        const end = expressionEnd(text, at)
        items.push({ kind: 'attribute', name, at, end })
        i = end
        continue
      }
      // block labels: `resource "type" "name" {`
      while (text[j] === '"' || /\w/.test(text[j] ?? '')) j = skipBlanks(text, text[j] === '"' ? stringEnd(text, j) + 1 : j + 1)
      if (text[j] !== '{') {
        i = lineEnd(text, i)
        continue
      }
      const { end } = scanBlock(text, j)
      items.push({ kind: 'block', name, at: j, end })
      i = end
    }
  }
  return items
}

/** The string literal at `at` (`"npm run seed"`) with its escapes decoded; undefined for any other expression. */
export function stringValue(text: string, at: number): ArgvElement | undefined {
  if (text[at] !== '"') return undefined
  const end = stringEnd(text, at)
  // https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md#template-literals: `$${` and `%%{` stand for `${` and `%{`
  const value = text.slice(at + 1, end).replace(/\\(["\\nrt])|([$%])\2\{/g, (_m, escaped: string | undefined, sign: string | undefined) => (sign ? `${sign}{` : ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[escaped!] ?? escaped!))
  return { value, start: at + 1, end }
}

/** The elements of the list literal at `at` (`["sh", "-c", "…"]`); undefined when an element is not a string literal. */
export function stringList(text: string, at: number): ArgvElement[] | undefined {
  if (text[at] !== '[') return undefined
  const out: ArgvElement[] = []
  for (let i = at + 1; i < text.length; ) {
    const c = text[i]!
    if (c === ']') return out
    if (/\s|,/.test(c)) i++
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) i = lineEnd(text, i)
    else {
      const element = stringValue(text, i)
      if (!element) return undefined
      out.push(element)
      i = element.end + 1
    }
  }
  return undefined
}

function skipBlanks(text: string, at: number): number {
  let i = at
  while (text[i] === ' ' || text[i] === '\t') i++
  return i
}

/** Where an attribute's value ends: the end of its line, past any bracket, string or heredoc it opens. */
function expressionEnd(text: string, at: number): number {
  let depth = 0
  for (let i = at; i < text.length; i++) {
    const c = text[i]!
    if (c === '"') i = stringEnd(text, i)
    else if (c === '(' || c === '[' || c === '{') depth++
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return i
      depth--
    } else if (c === '<' && text[i + 1] === '<') {
      HEREDOC.lastIndex = i
      const marker = HEREDOC.exec(text)
      if (marker) i = heredocEnd(text, HEREDOC.lastIndex, marker[2]!).after - 1
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) i = lineEnd(text, i) - 1
    else if (c === '\n' && depth === 0) return i
  }
  return text.length
}

/** A heredoc body from `start` to its closing marker line; `after`: just past that line's marker. */
function heredocEnd(text: string, start: number, marker: string): { end: number; after: number } {
  const found = new RegExp(`^[ \\t]*${marker}[ \\t]*\\r?$`, 'm').exec(text.slice(start))
  return found ? { end: start + found.index, after: start + found.index + found[0].length } : { end: text.length, after: text.length }
}
