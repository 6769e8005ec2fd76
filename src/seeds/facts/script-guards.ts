// https://nodejs.org/api/process.html#processexitcode: a seed script that ends itself before it writes
import { isSeedPath, mentionsSeed } from '../argv.js'
import type { Guard } from '../../model/guard.js'
import type { LineIndex } from '../../util/line-index.js'
import { importBabelParser } from '../../util/on-demand.js'
import type { FileCache } from '../../project/files.js'
import { EnvTests, exits, isCallOf, isIdentifier, isRequire, programOf, type AstNode, type BabelParse } from './js-guards.js'

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
// The tests themselves are read as every JS guard is (js-guards.ts).

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

class OpeningReader {
  private readonly functions = new Map<string, AstNode[]>()
  private readonly tests: EnvTests

  constructor(private readonly lines: LineIndex) {
    this.tests = new EnvTests(lines)
  }

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
      if (statement.type === 'VariableDeclaration' && this.tests.declare(statement)) continue
      if (statement.type === 'IfStatement' && !statement.alternate) {
        const test = statement.test as AstNode
        if (exits(statement.consequent as AstNode)) {
          const unless = this.tests.guardsUnless(test)
          if (!unless) break
          guards.push(...unless)
          continue
        }
        // the whole write inside the `if`: the script does nothing else
        if (body.slice(index + 1).every((s) => INERT.has(s.type) || isCallOf(s, 'console'))) guards.push(...(this.tests.guardsWhen(test) ?? []))
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
}

function readOpeningGuards(parse: BabelParse, lines: LineIndex): Guard[] {
  const body = programOf(parse, lines)
  return body ? new OpeningReader(lines).read(body) : []
}

/** `await assertSafeToSeed(…)`: a rejection ends the script before the statements below it (an un-awaited call would not) */
function awaitsRuntimeCheck(node: AstNode): boolean {
  const awaited = node.type === 'ExpressionStatement' && (node.expression as AstNode).type === 'AwaitExpression' ? ((node.expression as AstNode).argument as AstNode) : undefined
  if (awaited?.type !== 'CallExpression') return false
  const callee = awaited.callee as AstNode
  return isIdentifier(callee, RUNTIME_CHECK) || (callee.type === 'MemberExpression' && isIdentifier(callee.property as AstNode, RUNTIME_CHECK))
}

/** `require('x')`, `const a = require('x')`: loads a module, as an import does */
function requiresOnly(node: AstNode): boolean {
  if (node.type === 'ExpressionStatement') return isRequire(node.expression as AstNode)
  return node.type === 'VariableDeclaration' && (node.declarations as AstNode[]).every((d) => isRequire(d.init as AstNode | undefined))
}

