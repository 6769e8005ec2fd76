// Azure Pipelines expressions, the one grammar of runtime `condition:`s, `$[ ]` variables and
// compile-time `${{ }}` template expressions: literals, `variables['X']` / `variables.X` /
// `parameters.x` properties and function calls, no operators.
// https://learn.microsoft.com/en-us/azure/devops/pipelines/process/expressions

/** a value no file shows: a variable set in the pipeline's settings, a queue-time choice */
export const UNKNOWN = Symbol('unknown')
/** a value surely set and not empty, but not known (a pull request's number) */
export const SET = Symbol('set')
/** a value known to start with `prefix`, its rest unknown (`refs/tags/…` in a tag build) */
export interface Prefixed {
  prefix: string
  /** a tag's name: equal to no name the YAML writes, which names branches (a tag is not called `develop`) */
  unlike?: true
}
export type Scalar = string | typeof UNKNOWN | typeof SET | Prefixed
export type Result = boolean | 'unknown'

export type Expr =
  | { kind: 'literal'; value: string }
  | { kind: 'property'; path: string[] }
  | { kind: 'call'; name: string; args: Expr[] }

/** what a name in an expression stands for where it is evaluated */
export interface Lookup {
  property(path: string[]): Scalar
}

const cache = new Map<string, Expr | undefined>()

/** the expression's tree, or undefined when it is not one this reader can parse */
export function parseExpression(text: string): Expr | undefined {
  if (cache.has(text)) return cache.get(text)
  let parsed: Expr | undefined
  try {
    const parser = new Parser(text)
    parsed = parser.expression()
    if (!parser.done()) parsed = undefined
  } catch {
    parsed = undefined
  }
  cache.set(text, parsed)
  return parsed
}

class Parser {
  private at = 0
  constructor(private readonly text: string) {}

  done(): boolean {
    this.space()
    return this.at === this.text.length
  }

  private space() {
    while (/\s/.test(this.text[this.at] ?? '')) this.at++
  }

  private fail(): never {
    throw new Error(`unexpected ${this.text.slice(this.at, this.at + 10)}`)
  }

  expression(): Expr {
    this.space()
    const c = this.text[this.at]
    if (c === "'") return this.string()
    if (c !== undefined && /[-\d.]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(this.text.slice(this.at)) ?? this.fail()
      this.at += m[0].length
      return { kind: 'literal', value: m[0] }
    }
    const name = this.name()
    this.space()
    if (this.text[this.at] === '(') {
      this.at++
      const args: Expr[] = []
      this.space()
      if (this.text[this.at] === ')') this.at++
      else {
        for (;;) {
          args.push(this.expression())
          this.space()
          const next = this.text[this.at++]
          if (next === ')') break
          if (next !== ',') this.fail()
        }
      }
      return { kind: 'call', name: name.toLowerCase(), args }
    }
    const lower = name.toLowerCase()
    if (lower === 'true' || lower === 'false') return { kind: 'literal', value: lower }
    if (lower === 'null') return { kind: 'literal', value: '' }
    const path = [name]
    for (;;) {
      const c2 = this.text[this.at]
      if (c2 === '.') {
        this.at++
        path.push(this.name())
      } else if (c2 === '[') {
        this.at++
        this.space()
        const index = this.expression()
        this.space()
        if (this.text[this.at++] !== ']') this.fail()
        path.push(index.kind === 'literal' ? index.value : '\0')
      } else break
    }
    return { kind: 'property', path }
  }

  private name(): string {
    const m = /^[A-Za-z_][\w-]*/.exec(this.text.slice(this.at)) ?? this.fail()
    this.at += m[0].length
    return m[0]
  }

  private string(): Expr {
    let value = ''
    this.at++
    for (;;) {
      const c = this.text[this.at++] ?? this.fail()
      if (c === "'") {
        if (this.text[this.at] === "'") {
          value += "'"
          this.at++
        } else break
      } else value += c
    }
    return { kind: 'literal', value }
  }
}

type Value = Scalar | boolean

function asBoolean(value: Value): Result {
  if (typeof value === 'boolean') return value
  if (value === UNKNOWN) return 'unknown'
  if (value === SET || typeof value === 'object') return true
  // strings: empty is false; a variable holding `false` is read as the boolean it names
  return value !== '' && value.toLowerCase() !== 'false'
}

function asText(value: Value): Scalar {
  return typeof value === 'boolean' ? String(value) : value
}

/**
 * The value of an expression. Functions the docs list; comparisons are ordinal and ignore case.
 * The job status functions are judged for a run where the earlier work succeeded: `succeeded()` and
 * `always()` hold, `failed()` and `canceled()` may.
 */
export function evaluate(expr: Expr, lookup: Lookup): Value {
  switch (expr.kind) {
    case 'literal':
      return expr.value === 'true' ? true : expr.value === 'false' ? false : expr.value
    case 'property':
      return lookup.property(expr.path)
    case 'call':
      return call(expr.name, expr.args, lookup)
  }
}

function call(name: string, args: Expr[], lookup: Lookup): Value {
  const value = (i: number) => evaluate(args[i]!, lookup)
  const fromResult = (r: Result): Value => (r === 'unknown' ? UNKNOWN : r)
  switch (name) {
    case 'succeeded':
    case 'always':
    case 'succeededorfailed':
      return true
    case 'failed':
    case 'canceled':
      return UNKNOWN
    case 'and':
      return fromResult(allOf(args.map((_, i) => asBoolean(value(i)))))
    case 'or':
      return fromResult(someOf(args.map((_, i) => asBoolean(value(i)))))
    case 'not': {
      const v = asBoolean(value(0))
      return v === 'unknown' ? UNKNOWN : !v
    }
    case 'xor': {
      const a = asBoolean(value(0))
      const b = asBoolean(value(1))
      return a === 'unknown' || b === 'unknown' ? UNKNOWN : a !== b
    }
    case 'eq':
    case 'ne': {
      const equal = compare('eq', value(0), value(1))
      return equal === 'unknown' ? UNKNOWN : name === 'eq' ? equal : !equal
    }
    case 'startswith':
      return fromResult(compare('startswith', value(0), value(1)))
    case 'endswith':
      return fromResult(compare('endswith', value(0), value(1)))
    case 'contains':
      return fromResult(compare('contains', value(0), value(1)))
    case 'in':
    case 'notin': {
      const found = someOf(args.slice(1).map((_, i) => compare('eq', value(0), value(i + 1))))
      return found === 'unknown' ? UNKNOWN : name === 'in' ? found : !found
    }
    case 'coalesce': {
      for (let i = 0; i < args.length; i++) {
        const v = value(i)
        if (v === UNKNOWN) return UNKNOWN
        if (v !== '') return v
      }
      return ''
    }
    default:
      return UNKNOWN
  }
}

const TESTS = {
  eq: (a: string, b: string) => a === b,
  startswith: (a: string, b: string) => a.startsWith(b),
  endswith: (a: string, b: string) => a.endsWith(b),
  contains: (a: string, b: string) => a.includes(b),
}

function compare(op: keyof typeof TESTS, a: Value, b: Value): Result {
  const left = asText(a)
  const right = asText(b)
  if (typeof right !== 'string') return 'unknown'
  const r = right.toLowerCase()
  if (typeof left === 'string') return TESTS[op](left.toLowerCase(), r)
  if (left === UNKNOWN || left === SET) return 'unknown'
  if (left.unlike && op === 'eq') return false
  // only the start of the left side is known
  const prefix = left.prefix.toLowerCase()
  if (op === 'startswith' && prefix.startsWith(r)) return true
  if (op === 'contains' && prefix.includes(r)) return true
  if ((op === 'eq' || op === 'startswith') && !r.startsWith(prefix) && !prefix.startsWith(r)) return false
  return 'unknown'
}

function allOf(values: Result[]): Result {
  if (values.includes(false)) return false
  return values.includes('unknown') ? 'unknown' : true
}

function someOf(values: Result[]): Result {
  if (values.includes(true)) return true
  return values.includes('unknown') ? 'unknown' : false
}

/** an expression read as a condition: true, false, or unknown (also when it cannot be parsed) */
export function holds(text: string, lookup: Lookup): Result {
  const expr = parseExpression(text)
  return expr ? asBoolean(evaluate(expr, lookup)) : 'unknown'
}

/** an expression read as a value, e.g. `${{ parameters.env }}` inside a string */
export function valueOf(text: string, lookup: Lookup): Scalar {
  const expr = parseExpression(text)
  return expr ? asText(evaluate(expr, lookup)) : UNKNOWN
}
