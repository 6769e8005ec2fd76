// https://nodejs.org/api/process.html#processexitcode: a seed script that ends itself before it writes
import { isSeedPath, mentionsSeed } from '../argv.js'
import { anyOf, negateGuards, type Guard } from '../../model/guard.js'
import type { LineIndex } from '../../util/line-index.js'
import { importBabelParser } from '../../util/on-demand.js'
import type { FileCache } from '../../project/files.js'

// A seed script that opens with `if (process.env.VERCEL_ENV === 'production') process.exit(0)`
// never writes in production, just as `[ "$VERCEL_ENV" != production ] && node seed.js` does not
// (reviewer case c50). Its opening exits become the shell's guards, which the analysis evaluates
// against the path's environment (guard-eval.ts). Only exits before any statement that could write
// count: the statements below may run only where imports, requires, declarations and console output
// came first. The forms real seed scripts use are read: the test in a constant first
// (`const env = process.env.NODE_ENV || 'development'`, `const isProd = … === 'production'`), the
// exit inside the `main()` or IIFE the script calls, and the whole write inside
// `if (process.env.NODE_ENV !== 'production') { … }`. A test on the environment that cannot be read
// (`&& isFriday()`) is kept as an opaque guard: the seed may or may not run, never "certainly runs".

type BabelParse = typeof import('@babel/parser').parse
type AstNode = { type: string; start?: number | null; end?: number | null; [key: string]: unknown }

const SCRIPT = /\.[cm]?[jt]s$/
// a cheap look before the parser: no environment test and no runtime check, no guard
const MAY_GUARD = /process\.env|assertSafeToSeed/
/** seedguard's library check (src/guard/index.ts): awaited before any write, it refuses a database marked production */
const RUNTIME_CHECK = 'assertSafeToSeed'
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

/** What a name declared at the top stands for: `process.env.X` (with a default), or a test of it. */
type Alias = { parameter: Pick<Guard, 'variable' | 'fallback'> } | { test: AstNode }

class OpeningReader {
  private readonly aliases = new Map<string, Alias>()
  private readonly functions = new Map<string, AstNode[]>()

  constructor(private readonly lines: LineIndex) {}

  /** The guards the statements of a body establish before the first one that could write. */
  read(body: AstNode[], depth = 0): Guard[] {
    for (const statement of body) if (statement.type === 'FunctionDeclaration') this.declare(statement)
    const guards: Guard[] = []
    for (const [index, statement] of body.entries()) {
      if (INERT.has(statement.type) || requiresOnly(statement) || isCallOf(statement, 'console')) continue
      if (awaitsRuntimeCheck(statement)) {
        guards.push({ variable: 'seedguard', op: 'runtime', values: [], negated: false, text: `${RUNTIME_CHECK}()`, span: this.lines.span(statement.start ?? 0, statement.end ?? 0) })
        continue
      }
      if (statement.type === 'VariableDeclaration' && this.aliasAll(statement)) continue
      if (statement.type === 'IfStatement' && !statement.alternate) {
        const test = statement.test as AstNode
        if (exits(statement.consequent as AstNode)) {
          const unless = this.guardsUnless(test)
          if (!unless) break
          guards.push(...unless)
          continue
        }
        // the whole write inside the `if`: the script does nothing else
        if (body.slice(index + 1).every((s) => INERT.has(s.type) || isCallOf(s, 'console'))) guards.push(...(this.guardsWhen(test) ?? []))
        break
      }
      const called = depth < 3 ? this.calledBody(statement) : undefined
      if (called) guards.push(...this.read(called, depth + 1))
      break
    }
    return guards
  }

  private declare(fn: AstNode): void {
    const id = fn.id as AstNode | undefined
    const body = (fn.body as AstNode | undefined)?.body
    if (id?.type === 'Identifier' && Array.isArray(body)) this.functions.set(id.name as string, body as AstNode[])
  }

  /** `const env = process.env.NODE_ENV || 'development'`, `const { NODE_ENV } = process.env`, `const isProd = env === 'production'` */
  private aliasAll(statement: AstNode): boolean {
    const found: [string, Alias][] = []
    for (const d of statement.declarations as AstNode[]) {
      const id = d.id as AstNode
      const init = d.init as AstNode | undefined
      if (!init) return false
      if (id.type === 'ObjectPattern' && this.isProcessEnv(init)) {
        for (const p of id.properties as AstNode[]) {
          const key = p.key as AstNode | undefined
          const value = p.value as AstNode | undefined
          if (p.type !== 'ObjectProperty' || key?.type !== 'Identifier' || value?.type !== 'Identifier') return false
          found.push([value.name as string, { parameter: { variable: key.name as string } }])
        }
        continue
      }
      if (id.type !== 'Identifier') return false
      const parameter = this.parameterOf(init)
      if (parameter) found.push([id.name as string, { parameter }])
      else if (this.guardOf(init) || this.guardsWhen(init)) found.push([id.name as string, { test: init }])
      // `const prisma = new PrismaClient()`: a client is made, nothing written yet
      else if (!isRequire(init) && init.type !== 'NewExpression') return false
    }
    for (const [name, alias] of found) this.aliases.set(name, alias)
    return true
  }

  /** `main()`, `main().catch(…)`, `(async () => { … })()`: the body of the script's own function it calls first */
  private calledBody(statement: AstNode): AstNode[] | undefined {
    let call = statement.type === 'ExpressionStatement' ? (statement.expression as AstNode) : undefined
    if (call?.type === 'AwaitExpression') call = call.argument as AstNode
    // `main().then(…).catch(…).finally(…)` calls main first
    while (call?.type === 'CallExpression' && (call.callee as AstNode).type === 'MemberExpression' && ((call.callee as AstNode).object as AstNode).type === 'CallExpression') call = (call.callee as AstNode).object as AstNode
    if (call?.type !== 'CallExpression') return undefined
    const callee = call.callee as AstNode
    if (callee.type === 'Identifier') return this.functions.get(callee.name as string)
    if (callee.type !== 'ArrowFunctionExpression' && callee.type !== 'FunctionExpression') return undefined
    const body = callee.body as AstNode
    return body.type === 'BlockStatement' ? (body.body as AstNode[]) : undefined
  }

  /** The guards under which the script goes on past `if (test) exit`: the test is false. */
  private guardsUnless(test: AstNode): Guard[] | undefined {
    const when = this.guardsWhen(test)
    if (when) return negateGuards(when)
    return this.mentionsEnv(test) ? [this.opaque(test, true)] : undefined
  }

  /** The guards a test establishes when true: `&&` all of them, `||` one of them. */
  private guardsWhen(test: AstNode): Guard[] | undefined {
    if (test.type === 'LogicalExpression' && (test.operator === '&&' || test.operator === '||')) {
      const left = this.guardsWhen(test.left as AstNode) ?? this.opaqueIfEnv(test.left as AstNode)
      const right = this.guardsWhen(test.right as AstNode) ?? this.opaqueIfEnv(test.right as AstNode)
      if (!left || !right) return undefined
      if (test.operator === '&&') return [...left, ...right]
      const either = anyOf([left, right])
      return either.length > 0 ? either : undefined
    }
    if (test.type === 'Identifier') {
      const alias = this.aliases.get(test.name as string)
      if (alias && 'test' in alias) return this.guardsWhen(alias.test)
    }
    if (test.type === 'UnaryExpression' && test.operator === '!') {
      const inner = this.guardsWhen(test.argument as AstNode)
      return inner && negateGuards(inner)
    }
    const guard = this.guardOf(test)
    return guard ? [guard] : undefined
  }

  /** `process.env.X === 'v'` (==, !==, !=, either side), `process.env.X` (set), through the aliases */
  private guardOf(node: AstNode): Guard | undefined {
    const span = this.lines.span(node.start ?? 0, node.end ?? 0)
    const parameter = this.parameterOf(node)
    if (parameter) return { ...parameter, op: 'set', values: [], negated: false, span }
    if (node.type !== 'BinaryExpression' || !['===', '==', '!==', '!='].includes(node.operator as string)) return undefined
    const [left, right] = [node.left as AstNode, node.right as AstNode]
    const named = this.parameterOf(left) ?? this.parameterOf(right)
    const value = [left, right].find((side) => side.type === 'StringLiteral')?.value
    if (!named || typeof value !== 'string') return undefined
    return { ...named, op: 'eq', values: [value], negated: (node.operator as string).startsWith('!'), span }
  }

  /** `process.env.X`, `process.env['X']`, `process.env.X || 'd'` / `?? 'd'`, or a name declared as one */
  private parameterOf(node: AstNode): Pick<Guard, 'variable' | 'fallback'> | undefined {
    if (node.type === 'Identifier') {
      const alias = this.aliases.get(node.name as string)
      return alias && 'parameter' in alias ? alias.parameter : undefined
    }
    if (node.type === 'LogicalExpression' && (node.operator === '||' || node.operator === '??')) {
      const inner = this.parameterOf(node.left as AstNode)
      const fallback = node.right as AstNode
      if (!inner || inner.fallback || fallback.type !== 'StringLiteral') return undefined
      // `||` replaces an empty value too, `??` only a missing one
      return { ...inner, fallback: { value: fallback.value as string, ifEmpty: node.operator === '||' } }
    }
    if (node.type !== 'MemberExpression' || !this.isProcessEnv(node.object as AstNode)) return undefined
    const property = node.property as AstNode
    if (!node.computed && property.type === 'Identifier') return { variable: property.name as string }
    return node.computed && property.type === 'StringLiteral' ? { variable: property.value as string } : undefined
  }

  private isProcessEnv(node: AstNode): boolean {
    return node.type === 'MemberExpression' && !node.computed && isIdentifier(node.object as AstNode, 'process') && isIdentifier(node.property as AstNode, 'env')
  }

  /** a test that reads the environment in a way no guard expresses */
  private mentionsEnv(node: AstNode): boolean {
    const text = this.lines.text.slice(node.start ?? 0, node.end ?? 0)
    return /process\.env/.test(text) || [...this.aliases.keys()].some((name) => new RegExp(`\\b${name}\\b`).test(text))
  }

  private opaqueIfEnv(node: AstNode): Guard[] | undefined {
    return this.mentionsEnv(node) ? [this.opaque(node, false)] : undefined
  }

  private opaque(node: AstNode, negated: boolean): Guard {
    const text = this.lines.text.slice(node.start ?? 0, node.end ?? 0).replace(/\s+/g, ' ')
    return { variable: 'process.env', op: 'opaque', values: [], negated, text, span: this.lines.span(node.start ?? 0, node.end ?? 0) }
  }
}

function readOpeningGuards(parse: BabelParse, lines: LineIndex): Guard[] {
  let body: AstNode[]
  try {
    // `return` at the top of a CommonJS module ends it
    body = parse(lines.text, { sourceType: 'unambiguous', allowReturnOutsideFunction: true, plugins: ['typescript'] }).program.body as unknown as AstNode[]
  } catch {
    return []
  }
  return new OpeningReader(lines).read(body)
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

/** `await assertSafeToSeed(…)`: a rejection ends the script before the statements below it (an un-awaited call would not) */
function awaitsRuntimeCheck(node: AstNode): boolean {
  const awaited = node.type === 'ExpressionStatement' && (node.expression as AstNode).type === 'AwaitExpression' ? ((node.expression as AstNode).argument as AstNode) : undefined
  if (awaited?.type !== 'CallExpression') return false
  const callee = awaited.callee as AstNode
  return isIdentifier(callee, RUNTIME_CHECK) || (callee.type === 'MemberExpression' && isIdentifier(callee.property as AstNode, RUNTIME_CHECK))
}

const isRequire = (e: AstNode | undefined) => e?.type === 'CallExpression' && isIdentifier(e.callee as AstNode, 'require')

/** `require('x')`, `const a = require('x')`: loads a module, as an import does */
function requiresOnly(node: AstNode): boolean {
  if (node.type === 'ExpressionStatement') return isRequire(node.expression as AstNode)
  return node.type === 'VariableDeclaration' && (node.declarations as AstNode[]).every((d) => isRequire(d.init as AstNode | undefined))
}

function isIdentifier(node: AstNode | undefined, name: string): boolean {
  return node?.type === 'Identifier' && node.name === name
}
