// XML as a tree of elements with positions, read by saxes (a conforming, well-kept streaming XML
// parser): comments, CDATA, entities and nesting are the parser's, so a commented-out element or
// one of another parent is never taken for the element looked for.
import { SaxesParser } from 'saxes'
import type { Span } from '../model/span.js'
import type { LineIndex } from './line-index.js'

export interface XmlElement {
  name: string
  children: XmlElement[]
  /** the element's own text, entities decoded and surrounding blanks trimmed */
  text: string
  /** where that text is; the start tag when the element holds none */
  span: Span
}

export type XmlParse = { root: XmlElement } | { error: { message: string; span: Span } }

const parsedFiles = new WeakMap<LineIndex, XmlParse>()

/** one parse per file and run */
export function parseXml(lines: LineIndex): XmlParse {
  let parsed = parsedFiles.get(lines)
  if (!parsed) {
    parsed = parseText(lines)
    parsedFiles.set(lines, parsed)
  }
  return parsed
}

interface Open {
  element: XmlElement
  /** just after the start tag's `>` */
  contentStart: number
  text: string
}

function parseText(lines: LineIndex): XmlParse {
  const parser = new SaxesParser({ position: true })
  const stack: Open[] = []
  let root: XmlElement | undefined
  let error: { message: string; span: Span } | undefined
  parser.on('error', (e) => {
    error ??= { message: `invalid XML: ${e.message.replace(/^[^:]*:\d+:\d+: /, '')}`, span: lines.span(parser.position, parser.position + 1) }
  })
  parser.on('opentag', (tag) => {
    const tagStart = lines.text.lastIndexOf('<', parser.position - 1)
    const element: XmlElement = { name: tag.name, children: [], text: '', span: lines.span(tagStart, parser.position) }
    stack.at(-1)?.element.children.push(element)
    root ??= element
    // a self-closing tag is closed at once (saxes emits closetag for it too)
    stack.push({ element, contentStart: parser.position, text: '' })
  })
  const addText = (text: string) => {
    const open = stack.at(-1)
    if (open) open.text += text
  }
  parser.on('text', addText)
  parser.on('cdata', addText)
  parser.on('closetag', () => {
    const open = stack.pop()
    if (!open) return
    const text = open.text.trim()
    if (text === '') return
    const contentEnd = lines.text.lastIndexOf('</', parser.position - 1)
    const raw = lines.text.slice(open.contentStart, contentEnd)
    const start = open.contentStart + (raw.length - raw.trimStart().length)
    const end = open.contentStart + raw.trimEnd().length
    Object.assign(open.element, { text, span: lines.span(start, end) })
  })
  parser.write(lines.text).close()
  if (error) return { error }
  return root ? { root } : { error: { message: 'invalid XML: no root element', span: lines.span(0, 0) } }
}

/** the elements at the end of a path of child names below an element (`build`, `plugins`, `plugin`) */
export function elementsAt(from: XmlElement | undefined, ...path: string[]): XmlElement[] {
  let level = from ? [from] : []
  for (const name of path) level = level.flatMap((e) => e.children.filter((c) => c.name === name))
  return level
}

/** the first element at a path, if any */
export function elementAt(from: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  return elementsAt(from, ...path)[0]
}
