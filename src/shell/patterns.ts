// https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#tag_19_14
import type { Word, WordPart } from 'unbash'

/**
 * A shell pattern (a `case` arm, the right side of `[[ $X == prod* ]]`) in one canonical text:
 * `*`, `?` and `[…]` are wildcards, and every character the script quoted or escaped is written
 * with a backslash in front, so `"a*"` and `a\*` both become `a\*`. Undefined when the pattern
 * holds an expansion or an extended glob (`@(a|b)`), whose meaning is not known statically.
 */
export function patternOf(word: Word): string | undefined {
  // a word without parts holds no quote, expansion or wildcard: `prod\*` is the literal `prod*`
  if (!word.parts) return escapeLiteral(word.value)
  let pattern = ''
  for (const part of word.parts) {
    const piece = patternOfPart(part)
    if (piece === undefined) return undefined
    pattern += piece
  }
  // a bracket a shell reads as literal text but a RegExp rejects (`[z-a]`) makes no claim
  return regExpOf(pattern) ? pattern : undefined
}

function patternOfPart(part: WordPart): string | undefined {
  switch (part.type) {
    case 'Literal':
    case 'SingleQuoted':
    case 'AnsiCQuoted':
      return escapeLiteral(part.value)
    case 'DoubleQuoted':
      return part.parts.every((p) => p.type === 'Literal') ? escapeLiteral(part.parts.map((p) => p.value).join('')) : undefined
    case 'Glob':
      return part.text
    default:
      return undefined
  }
}

function escapeLiteral(text: string): string {
  return text.replace(/[\\*?[]/g, '\\$&')
}

/** Whether `value` matches a canonical pattern, as a shell matches a `case` arm: the whole value, `/` included. */
export function matchesPattern(pattern: string, value: string): boolean {
  return regExpOf(pattern)?.test(value) ?? false
}

function regExpOf(pattern: string): RegExp | undefined {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '\\') source += escapeRegExp(pattern[++i] ?? '\\')
    else if (c === '*') source += '[\\s\\S]*'
    else if (c === '?') source += '[\\s\\S]'
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2)
      if (close < 0) source += '\\['
      else {
        const set = pattern.slice(i + 1, close)
        source += `[${set.startsWith('!') ? `^${set.slice(1)}` : set}]`
        i = close
      }
    } else source += escapeRegExp(c)
  }
  try {
    return new RegExp(`^${source}$`)
  } catch {
    return undefined
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}
