import { describe, expect, it } from 'vitest'
import { grammarParser } from '../../src/util/tree-sitter.js'

describe('tree-sitter grammars', () => {
  it('loads every grammar when asked for all at once (a repository with Go, Java, Python and C# code reads them side by side)', async () => {
    const sources = { go: 'package main\nfunc main() {}\n', java: 'class A {}\n', python: 'x = 1\n', c_sharp: 'class A {}\n' } as const
    const parsers = await Promise.all(Object.keys(sources).map((g) => grammarParser(g as keyof typeof sources)))
    const trees = parsers.map((parser, i) => parser.parse(Object.values(sources)[i]!))
    expect(trees.map((t) => t?.rootNode.type)).toEqual(['source_file', 'program', 'module', 'compilation_unit'])
    expect(trees.every((t) => t?.rootNode.hasError === false)).toBe(true)
  })
})
