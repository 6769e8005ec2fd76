import { describe, expect, it } from 'vitest'
import { dirname, expandBraces } from '../../src/shell/word-values.js'

describe('bash brace expansion', () => {
  it.each<[string, string[]]>([
    ['db:{migrate,seed}', ['db:migrate', 'db:seed']],
    ['a{b,{c,d}e}f', ['abf', 'acef', 'adef']],
    ['{a,b}{1,2}', ['a1', 'a2', 'b1', 'b2']],
    ['x{,.bak}', ['x', 'x.bak']],
    ['seed{1..3}', ['seed1', 'seed2', 'seed3']],
    ['{c..a}', ['c', 'b', 'a']],
    ['{single}', ['{single}']],
    ['{1..2..x}', ['{1..2..x}']],
    ['${X}', ['${X}']],
    ['open{a,b', ['open{a,b']],
  ])('%s', (text, words) => expect(expandBraces(text)).toEqual(words))
})

describe('dirname', () => {
  it.each([
    ['deploy/release.sh', 'deploy'],
    ['./release.sh', '.'],
    ['release.sh', '.'],
    ['a/b/', 'a'],
    ['/release.sh', '/'],
    ['a//b', 'a'],
  ])('%s', (path, dir) => expect(dirname(path)).toBe(dir))
})
