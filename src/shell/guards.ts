import { forEachChild, type SyntaxNode, type TestExpression, type Word } from 'unbash'
import type { Span } from '../model/span.js'
import { patternOf } from './patterns.js'

/**
 * A condition on a variable (or a script's positional parameter) that a command runs under, e.g. the
 * `[[ $NODE_ENV == production ]]` around a `knex seed:run`. The analysis evaluates guards against
 * the environment a production path sets, so a seed behind `[ "$NODE_ENV" != production ]` is not
 * reported for a production deploy, and one behind an opt-in flag nobody sets is only uncertain.
 */
export interface Guard {
  /** a variable name, or a positional parameter: `1` for `$1`, `#` for `$#` */
  variable: string
  /**
   * eq: the value equals one of values; match: it matches one of the shell patterns in values
   * (patterns.ts); set: it is non-empty; any: one of `alternatives` holds (`variable` is the first's);
   * opaque: a test on the environment that cannot be evaluated (`isFriday()`), said as `text`
   */
  op: 'eq' | 'match' | 'set' | 'any' | 'opaque'
  values: string[]
  negated: boolean
  /** `${X:-d}` / `${X-d}`: the value the test sees when X is unset, and with the colon when X is empty too */
  fallback?: { value: string; ifEmpty: boolean }
  /** the value the test sees, where the script itself tells: a positional parameter of a known command line */
  bound?: string
  /** op any: the guards one of which holds */
  alternatives?: Guard[]
  /** op opaque: the test as written */
  text?: string
  span: Span
}

type SpanOf = (start: number, end: number) => Span

const POSITIONAL = /^([1-9]\d*|#)$/

/** `$1`…, `$#`: set by the command line that runs the script or function, never by the environment */
export function isPositional(variable: string): boolean {
  return POSITIONAL.test(variable)
}

/** The value a guard's test sees when its variable is `raw` (undefined: unset), after `${X:-d}`. */
export function valueSeen(guard: Guard, raw: string | undefined): string | undefined {
  if (!guard.fallback) return raw
  return raw === undefined || (raw === '' && guard.fallback.ifEmpty) ? guard.fallback.value : raw
}

/**
 * Binds guards on positional parameters to the arguments of the command line that ran the script
 * or function; undefined arguments (a computed command line) leave them unknown.
 */
export function bindArguments(guards: Guard[], args: readonly string[] | undefined): Guard[] {
  if (!args) return guards
  return guards.map((guard) => {
    if (!isPositional(guard.variable)) return guard
    const raw = guard.variable === '#' ? String(args.length) : args[Number(guard.variable) - 1]
    // an unset positional parameter expands to the empty word
    return { ...guard, bound: valueSeen(guard, raw) ?? '' }
  })
}

/**
 * Binds guards on variables the script itself assigned before the test (`NODE_ENV=production` on a
 * line of its own, `export APP_ENV=staging`): the test reads that value, whatever the environment says.
 */
export function bindVariables(guards: Guard[], vars: ReadonlyMap<string, string>): Guard[] {
  if (vars.size === 0) return guards
  return guards.map((guard) => {
    const value = guard.bound === undefined && !isPositional(guard.variable) ? vars.get(guard.variable) : undefined
    return value === undefined ? guard : { ...guard, bound: valueSeen(guard, value) ?? '' }
  })
}

/** One of these conditions holds; each must be a single guard, or nothing certain follows. */
export function anyOf(conditions: Guard[][]): Guard[] {
  if (conditions.length === 0 || conditions.some((c) => c.length !== 1)) return []
  const alternatives = conditions.map((c) => c[0]!)
  return [{ ...alternatives[0]!, op: 'any', values: [], negated: false, alternatives, span: { ...alternatives[0]!.span, end: alternatives.at(-1)!.span.end } }]
}

export function negateGuards(guards: Guard[]): Guard[] {
  // not (a and b) is (not a) or (not b)
  if (guards.length > 1) return [{ ...guards[0]!, op: 'any', values: [], negated: false, alternatives: guards.flatMap((g) => negateGuards([g])) }]
  const [guard] = guards
  if (!guard) return []
  // not (a or b) is (not a) and (not b)
  if (guard.op === 'any') return (guard.alternatives ?? []).flatMap((g) => negateGuards([g]))
  return [{ ...guard, negated: !guard.negated }]
}

/**
 * The guard a `case` arm runs under: its word is a variable and some pattern of the arm matches.
 * Empty when the arm matches everything (`*)`) or a pattern is computed.
 */
export function guardsOfCase(word: Word, patterns: readonly Word[], span: SpanOf): Guard[] {
  const parameter = parameterOf(word)
  const values = patterns.map(patternOf)
  if (!parameter || patterns.length === 0 || values.some((v) => v === undefined || v === '*')) return []
  return [{ ...parameter, op: 'match', values: values as string[], negated: false, span: span(patterns[0]!.pos, patterns.at(-1)!.end) }]
}

/** The guards a condition (an if clause, the left side of `&&`) establishes when it succeeds. */
export function guardsOfCondition(node: SyntaxNode | undefined, text: string, span: SpanOf): Guard[] {
  if (!node) return []
  switch (node.type) {
    case 'CompoundList': {
      const last = node.commands[node.commands.length - 1]
      return node.commands.length === 1 ? guardsOfCondition(last, text, span) : []
    }
    case 'Statement':
      return guardsOfCondition(node.command, text, span)
    case 'TestCommand':
      return guardsOfTest(node.expression, span)
    case 'Pipeline': {
      if (node.commands.length !== 1) return []
      const inner = guardsOfCondition(node.commands[0], text, span)
      const negations = node.prefixes.filter((p) => p.type === 'Negation').length
      return negations % 2 === 1 ? negateGuards(inner) : inner
    }
    case 'Command':
      return guardsOfTestCommand(node, span)
    case 'AndOr':
      // `[ a ] && [ b ]` holds when both hold, `[ a ] || [ b ]` when one does; mixed, neither is certain
      if (node.operators.every((o) => o === '&&')) return node.commands.flatMap((c) => guardsOfCondition(c, text, span))
      return node.operators.every((o) => o === '||') ? anyOf(node.commands.map((c) => guardsOfCondition(c, text, span))) : []
    default:
      return []
  }
}

function guardsOfTestCommand(node: Extract<SyntaxNode, { type: 'Command' }>, span: SpanOf): Guard[] {
  const name = node.name?.value
  if (name !== '[' && name !== 'test') return []
  const args = node.suffix.filter((w): w is Word => w.type === 'Word')
  if (name === '[' && args[args.length - 1]?.value === ']') args.pop()
  let negated = false
  if (args[0]?.value === '!') {
    negated = true
    args.shift()
  }
  let guard: Guard | undefined
  if (args.length === 3) guard = binaryGuard(args[0]!, args[1]!.value, args[2]!, span(node.pos, node.end))
  else if (args.length === 2) guard = unaryGuard(args[0]!.value, args[1]!, span(node.pos, node.end))
  if (!guard) return []
  return [negated ? { ...guard, negated: !guard.negated } : guard]
}

function guardsOfTest(expression: TestExpression, span: SpanOf): Guard[] {
  switch (expression.type) {
    case 'TestBinary': {
      // inside `[[ ]]` an unquoted right side of `==` is a pattern: `[[ $X == prod* ]]`
      const guard = binaryGuard(expression.left, expression.operator, expression.right, span(expression.pos, expression.end), true)
      return guard ? [guard] : []
    }
    case 'TestUnary': {
      const guard = unaryGuard(expression.operator, expression.operand, span(expression.pos, expression.end))
      return guard ? [guard] : []
    }
    case 'TestNot':
      return negateGuards(guardsOfTest(expression.operand, span))
    case 'TestGroup':
      return guardsOfTest(expression.expression, span)
    case 'TestLogical':
      return expression.operator === '&&' ? expression.operands.flatMap((o) => guardsOfTest(o, span)) : anyOf(expression.operands.map((o) => guardsOfTest(o, span)))
  }
}

function binaryGuard(left: Word, operator: string, right: Word, at: Span, patterns = false): Guard | undefined {
  const equal = operator === '=' || operator === '=='
  if (!equal && operator !== '!=') return undefined
  let parameter = parameterOf(left)
  let literal = right
  if (!parameter) {
    parameter = parameterOf(right)
    literal = left
  }
  if (!parameter || parameterOf(literal)) return undefined
  if (hasExpansion(literal)) return undefined
  const pattern = patterns && literal === right && literal.parts?.some((p) => p.type === 'Glob') ? patternOf(literal) : undefined
  if (pattern !== undefined) return { ...parameter, op: 'match', values: [pattern], negated: !equal, span: at }
  return { ...parameter, op: 'eq', values: [literal.value], negated: !equal, span: at }
}

function unaryGuard(operator: string, operand: Word, at: Span): Guard | undefined {
  const parameter = parameterOf(operand)
  if (!parameter) return undefined
  if (operator === '-n') return { ...parameter, op: 'set', values: [], negated: false, span: at }
  if (operator === '-z') return { ...parameter, op: 'set', values: [], negated: true, span: at }
  return undefined
}

type Parameter = Pick<Guard, 'variable' | 'fallback'>

/** `$X`, `"$X"`, `${X}`, `"${X:-d}"`, `$1`, `${10}`, `$#` → the parameter, with the default the word gives it */
function parameterOf(word: Word): Parameter | undefined {
  const outer = word.parts?.length === 1 ? word.parts[0]! : undefined
  const parts = outer?.type === 'DoubleQuoted' ? outer.parts : word.parts
  const part = parts?.length === 1 ? parts[0]! : undefined
  let parameter: Parameter | undefined
  if (part?.type === 'SimpleExpansion') parameter = { variable: part.text.slice(1) }
  else if (part?.type === 'ParameterExpansion' && !part.prefix && !part.index) {
    const operation = part.operation
    if (!operation) parameter = { variable: part.parameter }
    // `${X:=d}` assigns the default as well: the test sees the same value
    else if (operation.type === 'Default' && /^:?[-=]$/.test(operation.operator) && !hasExpansion(operation.operand)) {
      parameter = { variable: part.parameter, fallback: { value: operation.operand.value, ifEmpty: operation.operator.startsWith(':') } }
    }
  }
  // `$?`, `$$`, `$@` and `$0` are not conditions a deploy sets
  return parameter && (/^[A-Za-z_]\w*$/.test(parameter.variable) || isPositional(parameter.variable)) ? parameter : undefined
}

function hasExpansion(word: Word): boolean {
  let found = false
  forEachChild(word, function visit(child) {
    if (child.type === 'SimpleExpansion' || child.type === 'ParameterExpansion' || child.type === 'CommandExpansion') found = true
    else forEachChild(child, visit)
  })
  return found
}
