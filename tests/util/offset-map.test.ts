import { describe, expect, it } from 'vitest'
import { alignValue } from '../../src/util/offset-map.js'

const offsetsOf = (value: string, source: string, start = 0, end = source.length) => {
  const at = alignValue(value, source, start, end)
  return Array.from({ length: value.length + 1 }, (_, i) => at(i))
}

describe('alignValue', () => {
  it('maps a value copied as is', () => {
    expect(offsetsOf('npm run seed', 'run: npm run seed', 5)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17])
  })

  it('maps a block scalar line by line, past its indentation', () => {
    const source = 'run: |\n  a\n  bc\n'
    expect(offsetsOf('a\nbc\n', source, 7)).toEqual([9, 10, 13, 14, 15, 16])
  })

  it('maps a folded line break to the newline it came from', () => {
    expect(offsetsOf('a b', '>\n  a\n  b\n', 2)).toEqual([4, 5, 8, 9])
  })

  it('skips escapes in a quoted string', () => {
    expect(offsetsOf('a"b', '"a\\"b"', 1, 5)).toEqual([1, 3, 4, 5])
  })

  it('keeps a character with no counterpart at the last place reached', () => {
    expect(offsetsOf('ax', 'ab', 0)).toEqual([0, 1, 2])
  })

  it('maps offsets outside the value to its start', () => {
    const at = alignValue('seed', 'x: seed', 3, 7)
    expect([at(-1), at(5), at(Number.NaN)]).toEqual([3, 3, 3])
    expect(alignValue('', 'x: ""', 4, 4)(0)).toBe(4)
  })
})
