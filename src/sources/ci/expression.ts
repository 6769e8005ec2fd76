// The C-like conditions CI systems decide a job by (`==`, `!=`, `=~`, `!~`, `!`, `&&`, `||`,
// parentheses, quoted strings, /regex/ and null): each system tokenizes its own spelling and names
// its variables; what a condition says of a kind of pipeline is judged here once for all of them.

/** a variable the CI surely sets to a value no file shows (the tag of a tag pipeline) */
export const SET = Symbol('set')
/** a variable that may be set or not, to anything */
export const UNKNOWN = Symbol('unknown')
/** a variable set to a value unlike every literal a file compares it with (a tag's name as the branch of a tag build) */
export const DISTINCT = Symbol('distinct')
export type Variable = string | null | typeof SET | typeof UNKNOWN | typeof DISTINCT

export type Truth = boolean | 'unknown'

export interface Token {
  kind: 'var' | 'string' | 'regex' | 'null' | 'bool' | '(' | ')' | '&&' | '||' | '!' | '==' | '!=' | '=~' | '!~'
  text: string
  /** of a regex: its flags */
  flags?: string
}

/** the value of the tokens of one condition; anything that does not parse is unknown */
export function evaluateTokens(tokens: Token[], lookup: (name: string) => Variable): Truth {
  let at = 0
  const operand = (): { value: Variable; regex?: RegExp | 'invalid' } | undefined => {
    const token = tokens[at++]
    if (!token) return undefined
    if (token.kind === 'var') return { value: lookup(token.text) }
    if (token.kind === 'string') return { value: token.text }
    if (token.kind === 'null') return { value: null }
    if (token.kind === 'regex') return { value: token.text, regex: safeRegex(token.text, token.flags ?? '') ?? 'invalid' }
    return undefined
  }
  const comparison = (): Truth | undefined => {
    if (tokens[at]?.kind === '!') {
      at++
      const inner = comparison()
      return inner === undefined || inner === 'unknown' ? inner : !inner
    }
    if (tokens[at]?.kind === '(') {
      at++
      const inner = or()
      return tokens[at++]?.kind === ')' ? inner : undefined
    }
    if (tokens[at]?.kind === 'bool') return tokens[at++]!.text === 'true'
    const left = operand()
    if (!left) return undefined
    const op = tokens[at]?.kind
    if (op !== '==' && op !== '!=' && op !== '=~' && op !== '!~') return truthy(left.value)
    at++
    const right = operand()
    if (!right) return undefined
    const result = op === '==' || op === '!=' ? equals(left.value, right.value) : matches(left.value, right)
    return result === 'unknown' ? result : (op === '==' || op === '=~') === result
  }
  const and = (): Truth | undefined => {
    let value = comparison()
    while (value !== undefined && tokens[at]?.kind === '&&') {
      at++
      const next = comparison()
      if (next === undefined) return undefined
      value = value === false || next === false ? false : value === true && next === true ? true : 'unknown'
    }
    return value
  }
  function or(): Truth | undefined {
    let value = and()
    while (value !== undefined && tokens[at]?.kind === '||') {
      at++
      const next = and()
      if (next === undefined) return undefined
      value = value === true || next === true ? true : value === false && next === false ? false : 'unknown'
    }
    return value
  }
  const result = or()
  return result === undefined || at !== tokens.length ? 'unknown' : result
}

function truthy(value: Variable): Truth {
  if (value === UNKNOWN) return 'unknown'
  return value === SET || value === DISTINCT || (value !== null && value !== '')
}

function equals(a: Variable, b: Variable): Truth {
  if (a === UNKNOWN || b === UNKNOWN) return 'unknown'
  if (a === null || b === null) return a === b
  if (a === DISTINCT || b === DISTINCT) return typeof a === 'string' || typeof b === 'string' ? false : 'unknown'
  if (a === SET || b === SET) return 'unknown'
  return a === b
}

function matches(value: Variable, pattern: { value: Variable; regex?: RegExp | 'invalid' }): Truth {
  if (value === UNKNOWN || value === SET || value === DISTINCT || typeof pattern.value === 'symbol') return 'unknown'
  if (value === null) return false
  const regex = pattern.regex ?? (pattern.value === null ? undefined : regexOfText(pattern.value))
  if (!regex || regex === 'invalid') return 'unknown'
  return regex.test(value)
}

/** a variable that holds `/pattern/` used on the right of `=~` */
function regexOfText(text: string): RegExp | undefined {
  const m = /^\/(.*)\/([a-z]*)$/.exec(text)
  return m ? safeRegex(m[1]!, m[2]!) : undefined
}

/** the CIs evaluate with RE2 or Ruby; a pattern JavaScript cannot compile leaves the result unknown */
export function safeRegex(source: string, flags: string): RegExp | undefined {
  try {
    return new RegExp(source, flags.replace(/[^im]/g, ''))
  } catch {
    return undefined
  }
}
