// https://nodejs.org/api/process.html#processexitcode: a seed script that ends itself before it writes
import { isSeedPath, mentionsSeed } from '../seeds/argv.js'
import type { Guard } from '../shell/guards.js'
import type { LineIndex } from '../util/line-index.js'
import { importBabelParser } from '../util/on-demand.js'
import type { FileCache } from './files.js'

// A seed script that opens with `if (process.env.VERCEL_ENV === 'production') process.exit(0)`
// never writes in production, just as `[ "$VERCEL_ENV" != production ] && node seed.js` does not
// (reviewer case c50). Its opening exits become the shell's guards, which the analysis evaluates
// against the path's environment (guard-eval.ts). Only exits before any statement that could write
// count: the statements below may run only where imports, requires and declarations came first.

type BabelParse = typeof import('@babel/parser').parse
type AstNode = { type: string; start?: number | null; end?: number | null; [key: string]: unknown }

const SCRIPT = /\.[cm]?[jt]s$/
// a cheap look before the parser: no environment test or no exit, no guard
const MAY_GUARD = /process\.env[\s\S]*\b(?:exit|return|throw)\b/
// statements that run nothing of the script's own before the guard
const INERT = new Set(['ImportDeclaration', 'FunctionDeclaration', 'TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'EmptyStatement'])

/** The guards each seed-named JS/TS script establishes at its top, by path; read before the synchronous check. */
export async function loadSeedScriptGuards(cache: FileCache): Promise<Map<string, Guard[]>> {
  const files = cache.files.list().filter((path) => SCRIPT.test(path) && (isSeedPath(path) || mentionsSeed(path)) && MAY_GUARD.test(cache.get(path)?.text ?? ''))
  const out = new Map<string, Guard[]>()
  if (files.length === 0) return out
  const { parse } = await importBabelParser()
  for (const file of files) {
    const guards = readOpeningGuards(parse, cache.get(file)!)
    if (guards.length > 0) out.set(file, guards)
  }
  return out
}

function readOpeningGuards(parse: BabelParse, lines: LineIndex): Guard[] {
  let body: AstNode[]
  try {
    // `return` at the top of a CommonJS module ends it
    body = parse(lines.text, { sourceType: 'unambiguous', allowReturnOutsideFunction: true, plugins: ['typescript'] }).program.body as unknown as AstNode[]
  } catch {
    return []
  }
  const guards: Guard[] = []
  for (const statement of body) {
    if (INERT.has(statement.type) || requiresOnly(statement)) continue
    const runsWhen = statement.type === 'IfStatement' && !statement.alternate && exits(statement.consequent as AstNode) ? guardsUnless(statement.test as AstNode, lines) : undefined
    if (!runsWhen) break
    guards.push(...runsWhen)
  }
  return guards
}

/** The guards under which the script goes on past `if (test) exit`: every `||` operand is false. */
function guardsUnless(test: AstNode, lines: LineIndex): Guard[] | undefined {
  if (test.type === 'LogicalExpression' && test.operator === '||') {
    const left = guardsUnless(test.left as AstNode, lines)
    const right = guardsUnless(test.right as AstNode, lines)
    return left && right ? [...left, ...right] : undefined
  }
  const guard = guardOf(test, lines)
  return guard ? [{ ...guard, negated: !guard.negated }] : undefined
}

/** `process.env.X === 'v'` (==, !==, !=, either side), `process.env.X` (set), `!…` */
function guardOf(node: AstNode, lines: LineIndex): Guard | undefined {
  const span = lines.span(node.start ?? 0, node.end ?? 0)
  if (node.type === 'UnaryExpression' && node.operator === '!') {
    const inner = guardOf(node.argument as AstNode, lines)
    return inner && { ...inner, negated: !inner.negated, span }
  }
  const variable = envVariable(node)
  if (variable) return { variable, op: 'set', values: [], negated: false, span }
  if (node.type !== 'BinaryExpression' || !['===', '==', '!==', '!='].includes(node.operator as string)) return undefined
  const [left, right] = [node.left as AstNode, node.right as AstNode]
  const name = envVariable(left) ?? envVariable(right)
  const value = [left, right].find((side) => side.type === 'StringLiteral')?.value
  if (!name || typeof value !== 'string') return undefined
  return { variable: name, op: 'eq', values: [value], negated: (node.operator as string).startsWith('!'), span }
}

/** `process.env.X`, `process.env['X']` → X */
function envVariable(node: AstNode): string | undefined {
  if (node.type !== 'MemberExpression') return undefined
  const object = node.object as AstNode
  const env = object.type === 'MemberExpression' && !object.computed && isIdentifier(object.object as AstNode, 'process') && isIdentifier(object.property as AstNode, 'env')
  if (!env) return undefined
  const property = node.property as AstNode
  if (!node.computed && property.type === 'Identifier') return property.name as string
  return node.computed && property.type === 'StringLiteral' ? (property.value as string) : undefined
}

/** `process.exit(…)`, `return`, `throw`, alone or after console output in a block */
function exits(node: AstNode): boolean {
  if (node.type !== 'BlockStatement') return isExit(node)
  const statements = node.body as AstNode[]
  return statements.length > 0 && isExit(statements.at(-1)!) && statements.slice(0, -1).every((s) => isCallOf(s, 'console'))
}

function isExit(node: AstNode): boolean {
  return node.type === 'ReturnStatement' || node.type === 'ThrowStatement' || isCallOf(node, 'process', 'exit')
}

/** an expression statement calling `object.method(…)` (any method when none is given) */
function isCallOf(node: AstNode, object: string, method?: string): boolean {
  const call = node.type === 'ExpressionStatement' ? (node.expression as AstNode) : undefined
  const callee = call?.type === 'CallExpression' ? (call.callee as AstNode) : undefined
  return callee?.type === 'MemberExpression' && isIdentifier(callee.object as AstNode, object) && (method === undefined || isIdentifier(callee.property as AstNode, method))
}

/** `require('x')`, `const a = require('x')`: loads a module, as an import does */
function requiresOnly(node: AstNode): boolean {
  const isRequire = (e: AstNode | undefined) => e?.type === 'CallExpression' && isIdentifier(e.callee as AstNode, 'require')
  if (node.type === 'ExpressionStatement') return isRequire(node.expression as AstNode)
  return node.type === 'VariableDeclaration' && (node.declarations as AstNode[]).every((d) => isRequire(d.init as AstNode | undefined))
}

function isIdentifier(node: AstNode | undefined, name: string): boolean {
  return node?.type === 'Identifier' && node.name === name
}
