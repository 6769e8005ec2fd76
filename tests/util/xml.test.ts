import { describe, expect, it } from 'vitest'
import { LineIndex } from '../../src/util/line-index.js'
import { elementAt, elementsAt, parseXml } from '../../src/util/xml.js'

const rootOf = (text: string) => {
  const parsed = parseXml(new LineIndex('pom.xml', text))
  if ('error' in parsed) throw new Error(parsed.error.message)
  return parsed.root
}

describe('XML with positions', () => {
  const root = rootOf(['<project>', '  <!-- <a>no</a> -->', '  <a> one &amp; <![CDATA[two]]> </a>', '  <b/>', '  <c><a>inner</a></c>', '  <a>x</a>', '</project>', ''].join('\n'))

  it('reads elements, not comments; entities and CDATA decoded', () => {
    expect(elementsAt(root, 'a').map((a) => a.text)).toEqual(['one & two', 'x'])
    expect(elementAt(root, 'c', 'a')?.text).toBe('inner')
    expect(elementAt(root, 'b')?.text).toBe('')
  })

  it('points at the text', () => {
    const a = elementAt(root, 'a')!
    expect(a.span.start).toMatchObject({ line: 3, column: 7 })
    expect(a.span.end).toMatchObject({ line: 3, column: 32 })
    expect(elementsAt(root, 'a')[1]!.span.start).toMatchObject({ line: 6, column: 6 })
  })

  it('says where a file is not well-formed', () => {
    const parsed = parseXml(new LineIndex('pom.xml', '<project>\n  <a>1</b>\n</project>\n'))
    expect('error' in parsed && parsed.error.message).toMatch(/invalid XML/)
    expect('error' in parsed && parsed.error.span.start.line).toBe(2)
  })
})
