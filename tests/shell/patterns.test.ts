import { parse, type Word } from 'unbash'
import { describe, expect, it } from 'vitest'
import { matchesPattern, patternOf } from '../../src/shell/patterns.js'

// the first pattern of a one-arm `case`, as unbash parses it
function pattern(text: string): string | undefined {
  const command = parse(`case x in ${text}) ;; esac`).commands[0]!.command
  const word = command.type === 'Case' ? command.items[0]!.pattern[0] : undefined
  return patternOf(word as Word)
}

describe('shell patterns', () => {
  it.each<[string, string | undefined]>([
    ['production', 'production'],
    ['prod*', 'prod*'],
    ['"prod*"', 'prod\\*'],
    ["'prod'*", 'prod*'],
    ['prod\\*', 'prod\\*'],
    ['p?d', 'p?d'],
    ['[!a-c]x', '[!a-c]x'],
    ['$STAGE', undefined],
    ['@(a|b)', undefined],
  ])('%s → %s', (text, expected) => {
    expect(pattern(text)).toBe(expected)
  })

  it.each<[string, string, boolean]>([
    ['production', 'production', true],
    ['production', 'prod', false],
    ['prod*', 'production', true],
    ['prod*', 'pro', false],
    ['prod\\*', 'production', false],
    ['prod\\*', 'prod*', true],
    ['*', 'a/b', true],
    ['p?d', 'pod', true],
    ['[!a-c]x', 'dx', true],
    ['[!a-c]x', 'bx', false],
    ['v1.0', 'v1x0', false],
  ])('%s matches %s: %s', (p, value, expected) => {
    expect(matchesPattern(p, value)).toBe(expected)
  })
})
