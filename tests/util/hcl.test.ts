import { describe, expect, it } from 'vitest'
import { bodyItems, scanBlock, stringList, stringValue } from '../../src/util/hcl.js'

describe('hcl', () => {
  const TEXT = `resource "x" "y" {
  a = "one"            # a comment with a } brace
  b = ["two", "th\\"ree", "$\${literal}"]
  c = {
    key = "value"
  }
  nested "label" {
    d = 1
  }
  e = <<-EOT
    } not a brace
  EOT
}
`
  const open = TEXT.indexOf('{')
  const { end } = scanBlock(TEXT, open)

  it('finds the end of a block past strings, comments and heredocs', () => {
    expect(end).toBe(TEXT.lastIndexOf('}') + 1)
  })

  it('lists the attributes and blocks directly in a body', () => {
    expect(bodyItems(TEXT, open, end - 1).map((i) => `${i.kind} ${i.name}`)).toEqual(['attribute a', 'attribute b', 'attribute c', 'block nested', 'attribute e'])
  })

  it('decodes string literals and lists of them', () => {
    const items = bodyItems(TEXT, open, end - 1)
    expect(stringValue(TEXT, items[0]!.at)?.value).toBe('one')
    expect(stringList(TEXT, items[1]!.at)?.map((e) => e.value)).toEqual(['two', 'th"ree', '${literal}'])
    // not a literal: a map, a reference
    expect(stringValue(TEXT, items[2]!.at)).toBeUndefined()
    expect(stringList(TEXT, items[2]!.at)).toBeUndefined()
  })
})
