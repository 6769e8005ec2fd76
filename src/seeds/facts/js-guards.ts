// https://nodejs.org/api/process.html#processenv: the tests JS code makes on its environment, read as guards
import { anyOf, negateGuards, type Guard } from '../../model/guard.js'
import type { LineIndex } from '../../util/line-index.js'

export type BabelParse = typeof import('@babel/parser').parse
type ParserPlugin = import('@babel/parser').ParserPlugin
export type AstNode = { type: string; start?: number | null; end?: number | null; [key: string]: unknown }

/** What a name declared in the code stands for: `process.env.X` (with a default), or a test of it. */
type Alias = { parameter: Pick<Guard, 'variable' | 'fallback'> } | { test: AstNode }

/**
 * The tests a JS/TS file makes on `process.env`, as the shell's guards: `process.env.X === 'v'`,
 * `!process.env.X`, `&&`/`||` of them, and the names declared for them
 * (`const env = process.env.NODE_ENV || 'development'`, `const isProd = env === 'production'`,
 * `const { NODE_ENV } = process.env`). A test that reads the environment in a way no guard
 * expresses (`&& isFriday()`) is kept as an opaque guard: it may hold or not, never certainly.
 */
export class EnvTests {
  private readonly aliases = new Map<string, Alias>()
  /** the truthiness of each top-level `const` bound to a literal (`const runSeed = false`): a `const` is never reassigned */
  private readonly constants = new Map<string, boolean>()

  constructor(readonly lines: LineIndex) {}

  /**
   * Declares the aliases of a declaration; false where one of its names is something else than an
   * alias, a `require` or a `new` client (`const prisma = new PrismaClient()`: nothing written yet).
   */
  declare(statement: AstNode): boolean {
    const found: [string, Alias][] = []
    let inert = true
    for (const d of statement.declarations as AstNode[]) {
      const id = d.id as AstNode
      const init = d.init as AstNode | undefined
      if (!init) {
        inert = false
        continue
      }
      if (id.type === 'ObjectPattern' && this.isProcessEnv(init)) {
        for (const p of id.properties as AstNode[]) {
          const key = p.key as AstNode | undefined
          const value = p.value as AstNode | undefined
          if (p.type === 'ObjectProperty' && key?.type === 'Identifier' && value?.type === 'Identifier') found.push([value.name as string, { parameter: { variable: key.name as string } }])
          else inert = false
        }
        continue
      }
      if (id.type !== 'Identifier') {
        inert = false
        continue
      }
      const literal = truthOfLiteral(init)
      if (literal !== undefined) {
        if (statement.kind === 'const') this.constants.set(id.name as string, literal)
        continue
      }
      const parameter = this.parameterOf(init)
      if (parameter) found.push([id.name as string, { parameter }])
      else if (this.guardOf(init) || this.guardsWhen(init)) found.push([id.name as string, { test: init }])
      else if (!isRequire(init) && init.type !== 'NewExpression') inert = false
    }
    for (const [name, alias] of found) this.aliases.set(name, alias)
    return inert
  }

  /**
   * Keeps a constant only where its name is bound nowhere else in the module: a parameter or an
   * inner declaration of the same name (`function reset(runSeed) { if (runSeed) … }`) shadows it,
   * and the parser alone does not tell which binding a test reads.
   */
  keepUnshadowed(body: AstNode[]): void {
    if (this.constants.size === 0) return
    const counts = new Map<string, number>()
    for (const statement of body) countBindings(statement, counts)
    for (const name of [...this.constants.keys()]) if ((counts.get(name) ?? 0) > 1) this.constants.delete(name)
  }

  /**
   * Whether a test is always true or always false, whatever the environment: a literal, a `const`
   * bound to one, `!`, `&&` and `||` of them (`if (runSeed)` under `const runSeed = false` never
   * runs its branch); undefined where the value is only known at run time.
   */
  constant(test: AstNode): boolean | undefined {
    if (test.type === 'Identifier') return this.constants.get(test.name as string)
    if (test.type === 'UnaryExpression' && test.operator === '!') {
      const inner = this.constant(test.argument as AstNode)
      return inner === undefined ? undefined : !inner
    }
    if (test.type === 'LogicalExpression' && (test.operator === '&&' || test.operator === '||')) {
      const left = this.constant(test.left as AstNode)
      const right = this.constant(test.right as AstNode)
      // `false && x` is false and `true || x` true whatever x is, and so are `x && false`, `x || true`
      if (left === (test.operator === '||')) return left
      if (right === (test.operator === '||')) return right
      return left === undefined || right === undefined ? undefined : right
    }
    return truthOfLiteral(test)
  }

  /** The guards a test establishes when true: `&&` all of them, `||` one of them. */
  guardsWhen(test: AstNode): Guard[] | undefined {
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

  /** The guards under which code goes on past `if (test) exit`: the test is false. */
  guardsUnless(test: AstNode): Guard[] | undefined {
    const when = this.guardsWhen(test)
    if (when) return negateGuards(when)
    return this.mentionsEnv(test) ? [this.opaque(test, true)] : undefined
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
  mentionsEnv(node: AstNode): boolean {
    const text = this.lines.text.slice(node.start ?? 0, node.end ?? 0)
    return /process\.env/.test(text) || [...this.aliases.keys()].some((name) => new RegExp(`\\b${name}\\b`).test(text))
  }

  /** a test on the environment no guard expresses, as an opaque guard; undefined where it reads no environment */
  opaqueIfEnv(node: AstNode): Guard[] | undefined {
    return this.mentionsEnv(node) ? [this.opaque(node, false)] : undefined
  }

  private opaque(node: AstNode, negated: boolean): Guard {
    const text = this.lines.text.slice(node.start ?? 0, node.end ?? 0).replace(/\s+/g, ' ')
    return { variable: 'process.env', op: 'opaque', values: [], negated, text, span: this.lines.span(node.start ?? 0, node.end ?? 0) }
  }
}

/** how often each name is bound in the code: declarations, function and catch parameters, with their patterns */
function countBindings(node: AstNode | undefined, counts: Map<string, number>): void {
  if (!node || typeof node.type !== 'string') return
  const bind = (pattern: AstNode | undefined | null) => {
    for (const name of patternNames(pattern)) counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  if (node.type === 'VariableDeclarator') bind(node.id as AstNode)
  if (/Function|ObjectMethod|ClassMethod|ClassPrivateMethod/.test(node.type)) for (const param of (node.params as AstNode[] | undefined) ?? []) bind(param)
  if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id) bind(node.id as AstNode)
  if (node.type === 'CatchClause') bind(node.param as AstNode | null)
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'extra' || !value || typeof value !== 'object') continue
    if (Array.isArray(value)) for (const item of value) countBindings(item as AstNode, counts)
    else countBindings(value as AstNode, counts)
  }
}

/** the names a binding pattern declares: `a`, `{ a, b: c }`, `[a, ...rest]`, `a = 1` */
function patternNames(pattern: AstNode | undefined | null): string[] {
  if (!pattern) return []
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name as string]
    case 'ObjectPattern':
      return (pattern.properties as AstNode[]).flatMap((p) => patternNames((p.type === 'RestElement' ? p.argument : p.value) as AstNode))
    case 'ArrayPattern':
      return (pattern.elements as (AstNode | null)[]).flatMap((e) => patternNames(e))
    case 'AssignmentPattern':
      return patternNames(pattern.left as AstNode)
    case 'RestElement':
      return patternNames(pattern.argument as AstNode)
    case 'TSParameterProperty':
      return patternNames(pattern.parameter as AstNode)
    default:
      return []
  }
}

/** the truthiness of a literal (https://developer.mozilla.org/en-US/docs/Glossary/Falsy), undefined for anything else */
function truthOfLiteral(node: AstNode): boolean | undefined {
  switch (node.type) {
    case 'BooleanLiteral':
      return node.value === true
    case 'NumericLiteral':
      return node.value !== 0
    case 'StringLiteral':
      return node.value !== ''
    case 'NullLiteral':
      return false
    default:
      return undefined
  }
}

/** `process.exit(…)`, `return`, `throw`, alone or after console output in a block */
export function exits(node: AstNode): boolean {
  if (node.type !== 'BlockStatement') return isExit(node)
  const statements = node.body as AstNode[]
  return statements.length > 0 && isExit(statements.at(-1)!) && statements.slice(0, -1).every((s) => isCallOf(s, 'console'))
}

function isExit(node: AstNode): boolean {
  return node.type === 'ReturnStatement' || node.type === 'ThrowStatement' || isCallOf(node, 'process', 'exit')
}

/** an expression statement calling `object.method(…)` (any method when none is given) */
export function isCallOf(node: AstNode, object: string, method?: string): boolean {
  const call = node.type === 'ExpressionStatement' ? (node.expression as AstNode) : undefined
  const callee = call?.type === 'CallExpression' ? (call.callee as AstNode) : undefined
  return callee?.type === 'MemberExpression' && isIdentifier(callee.object as AstNode, object) && (method === undefined || isIdentifier(callee.property as AstNode, method))
}

export const isRequire = (e: AstNode | undefined) => e?.type === 'CallExpression' && isIdentifier(e.callee as AstNode, 'require')

export function isIdentifier(node: AstNode | undefined, name: string): boolean {
  return node?.type === 'Identifier' && node.name === name
}

/** The program's statements, or undefined where the file does not parse as JS/TS */
export function programOf(parse: BabelParse, lines: LineIndex): AstNode[] | undefined {
  try {
    // `return` at the top of a CommonJS module ends it; TypeORM and NestJS code is decorated (TypeScript's `experimentalDecorators`); only .jsx/.tsx files hold JSX
    const plugins: ParserPlugin[] = ['typescript', 'decorators-legacy', ...(/x$/.test(lines.file) ? (['jsx'] as const) : [])]
    return parse(lines.text, { sourceType: 'unambiguous', allowReturnOutsideFunction: true, plugins }).program.body as unknown as AstNode[]
  } catch {
    return undefined
  }
}
