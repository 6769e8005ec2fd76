import { forEachChild, type SyntaxNode, type TestExpression, type Word } from 'unbash'
import type { Span } from '../model/span.js'
import { anyOf, isPositional, negateGuards, type Guard } from '../model/guard.js'
import { patternOf } from './patterns.js'

type SpanOf = (start: number, end: number) => Span

/**
 * The guard a `case` arm runs under: its word is a variable and some pattern of the arm matches.
 * Empty when the arm matches everything (`*)`) or a pattern is computed; undecided on a command's output.
 */
export function guardsOfCase(word: Word, patterns: readonly Word[], text: string, span: SpanOf): Guard[] {
  if (patterns.length === 0) return []
  const at = span(patterns[0]!.pos, patterns.at(-1)!.end)
  const output = outputTest([word], `case ${text.slice(word.pos, word.end)} in ${text.slice(patterns[0]!.pos, patterns.at(-1)!.end)}`, at)
  if (output) return [output]
  const parameter = parameterOf(word)
  const values = patterns.map(patternOf)
  if (!parameter || values.some((v) => v === undefined || v === '*')) return []
  return [{ ...parameter, op: 'match', values: values as string[], negated: false, span: at }]
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
      return guardsOfTest(node.expression, text, span)
    case 'Pipeline': {
      if (node.commands.length !== 1) return []
      const inner = guardsOfCondition(node.commands[0], text, span)
      const negations = node.prefixes.filter((p) => p.type === 'Negation').length
      return negations % 2 === 1 ? negateGuards(inner) : inner
    }
    case 'Command':
      return guardsOfTestCommand(node, text, span)
    case 'AndOr':
      // `[ a ] && [ b ]` holds when both hold, `[ a ] || [ b ]` when one does; mixed, neither is certain
      if (node.operators.every((o) => o === '&&')) return node.commands.flatMap((c) => guardsOfCondition(c, text, span))
      return node.operators.every((o) => o === '||') ? anyOf(node.commands.map((c) => guardsOfCondition(c, text, span))) : []
    default:
      return []
  }
}

/**
 * A test of a command's output (`[ "$(psql -tAc 'SELECT count(*) FROM users')" -eq 0 ]`, "seed an
 * empty database only") depends on what that command prints when it runs: the guard is undecided.
 */
function outputTest(words: readonly Word[], test: string, at: Span): Guard | undefined {
  if (!words.some((w) => hasExpansion(w, COMMAND_OUTPUT))) return undefined
  return { variable: 'output', op: 'opaque', values: [], negated: false, text: test.replace(/\s+/g, ' '), span: at }
}

function guardsOfTestCommand(node: Extract<SyntaxNode, { type: 'Command' }>, text: string, span: SpanOf): Guard[] {
  const name = node.name?.value
  if (name !== '[' && name !== 'test') return []
  const args = node.suffix.filter((w): w is Word => w.type === 'Word')
  const output = outputTest(args, text.slice(node.pos, node.end), span(node.pos, node.end))
  if (output) return [output]
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

function guardsOfTest(expression: TestExpression, text: string, span: SpanOf): Guard[] {
  switch (expression.type) {
    case 'TestBinary': {
      const output = outputTest([expression.left, expression.right], text.slice(expression.pos, expression.end), span(expression.pos, expression.end))
      if (output) return [output]
      // inside `[[ ]]` an unquoted right side of `==` is a pattern: `[[ $X == prod* ]]`
      const guard = binaryGuard(expression.left, expression.operator, expression.right, span(expression.pos, expression.end), true)
      return guard ? [guard] : []
    }
    case 'TestUnary': {
      const output = outputTest([expression.operand], text.slice(expression.pos, expression.end), span(expression.pos, expression.end))
      if (output) return [output]
      const guard = unaryGuard(expression.operator, expression.operand, span(expression.pos, expression.end))
      return guard ? [guard] : []
    }
    case 'TestNot':
      return negateGuards(guardsOfTest(expression.operand, text, span))
    case 'TestGroup':
      return guardsOfTest(expression.expression, text, span)
    case 'TestLogical':
      return expression.operator === '&&' ? expression.operands.flatMap((o) => guardsOfTest(o, text, span)) : anyOf(expression.operands.map((o) => guardsOfTest(o, text, span)))
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

const EXPANSIONS = new Set(['SimpleExpansion', 'ParameterExpansion', 'CommandExpansion'])
const COMMAND_OUTPUT = new Set(['CommandExpansion'])

function hasExpansion(word: Word, types: ReadonlySet<string> = EXPANSIONS): boolean {
  let found = false
  forEachChild(word, function visit(child) {
    if (types.has(child.type)) found = true
    else forEachChild(child, visit)
  })
  return found
}
