import { forEachChild, type SyntaxNode, type TestExpression, type Word } from 'unbash'
import type { Span } from '../model/span.js'

/**
 * A condition on an environment variable that a command runs under, e.g. the
 * `[[ $NODE_ENV == production ]]` around a `knex seed:run`. The analysis evaluates guards against
 * the environment a production path sets, so a seed behind `[ "$NODE_ENV" != production ]` is not
 * reported for a production deploy, and one behind an opt-in flag nobody sets is only uncertain.
 */
export interface Guard {
  variable: string
  /** eq: variable equals one of values; set: variable non-empty */
  op: 'eq' | 'set'
  values: string[]
  negated: boolean
  span: Span
}

type SpanOf = (start: number, end: number) => Span

export function negateGuards(guards: Guard[]): Guard[] {
  // not (a and b) is not expressible as a guard list; only a single guard negates exactly
  if (guards.length !== 1) return []
  return [{ ...guards[0]!, negated: !guards[0]!.negated }]
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
      // `[ a ] && [ b ]` holds when both hold; an `||` makes neither certain
      return node.operators.every((o) => o === '&&') ? node.commands.flatMap((c) => guardsOfCondition(c, text, span)) : []
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
      const guard = binaryGuard(expression.left, expression.operator, expression.right, span(expression.pos, expression.end))
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
      return expression.operator === '&&' ? expression.operands.flatMap((o) => guardsOfTest(o, span)) : []
  }
}

function binaryGuard(left: Word, operator: string, right: Word, at: Span): Guard | undefined {
  const equal = operator === '=' || operator === '=='
  if (!equal && operator !== '!=') return undefined
  let variable = variableOf(left)
  let literal = right
  if (!variable) {
    variable = variableOf(right)
    literal = left
  }
  if (!variable || variableOf(literal) || hasExpansion(literal)) return undefined
  return { variable, op: 'eq', values: [literal.value], negated: !equal, span: at }
}

function unaryGuard(operator: string, operand: Word, at: Span): Guard | undefined {
  const variable = variableOf(operand)
  if (!variable) return undefined
  if (operator === '-n') return { variable, op: 'set', values: [], negated: false, span: at }
  if (operator === '-z') return { variable, op: 'set', values: [], negated: true, span: at }
  return undefined
}

/** `$X`, `"$X"`, `${X}`, `"${X:-}"` → X */
function variableOf(word: Word): string | undefined {
  const match = /^"?\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::?-[^}]*)?\}?"?$/.exec(word.text)
  return match?.[1]
}

function hasExpansion(word: Word): boolean {
  let found = false
  forEachChild(word, function visit(child) {
    if (child.type === 'SimpleExpansion' || child.type === 'ParameterExpansion' || child.type === 'CommandExpansion') found = true
    else forEachChild(child, visit)
  })
  return found
}
