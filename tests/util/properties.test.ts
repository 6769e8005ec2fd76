import { describe, expect, it } from 'vitest'
import { LineIndex } from '../../src/util/line-index.js'
import { parseProperties, type PropertyEntry } from '../../src/util/properties.js'

const entries = (text: string) => parseProperties(new LineIndex('a.properties', text)).filter((l): l is PropertyEntry => 'key' in l)

describe('Java properties', () => {
  it.each([
    ['a=1', 'a', '1'],
    ['a : 1', 'a', '1'],
    ['a 1', 'a', '1'],
    ['  a\t=  1', 'a', '1'],
    ['a=', 'a', ''],
    ['a', 'a', ''],
    ['a\\ b=1', 'a b', '1'],
    ['a\\=b=1', 'a=b', '1'],
    ['a=x\\ty\\u0041', 'a', 'x\tyA'],
    ['a=1=2', 'a', '1=2'],
  ])('%j → %s = %j', (text, key, value) => {
    expect(entries(text)).toMatchObject([{ key, value }])
  })

  it('skips comments and blank lines, and keeps them from continuing', () => {
    expect(parseProperties(new LineIndex('a.properties', '# a=1 \\\n! b=2\n\n   \nc=3\n'))).toMatchObject([{ comment: '# a=1 \\', line: 1 }, { comment: '! b=2', line: 2 }, { key: 'c', value: '3', line: 5 }])
  })

  it('joins continuation lines, dropping their leading blanks; an even run of backslashes ends the line', () => {
    const [first, second] = entries('list=a,\\\n    b,\\\n    c\npath=C:\\\\\nnext=1\n')
    expect(first).toMatchObject({ key: 'list', value: 'a,b,c', line: 1 })
    expect(first!.valueSpan.start).toMatchObject({ line: 1, column: 6 })
    expect(first!.valueSpan.end).toMatchObject({ line: 3, column: 6 })
    expect(second).toMatchObject({ key: 'path', value: 'C:\\' })
  })

  it('points at the value', () => {
    const [entry] = entries('\n  spring.sql.init.mode = always\n')
    expect(entry!.valueSpan.start).toMatchObject({ line: 2, column: 26 })
    expect(entry!.valueSpan.end).toMatchObject({ line: 2, column: 32 })
  })
})
