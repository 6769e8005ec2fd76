// https://go.dev/ref/spec#Program_execution ; parsed with tree-sitter's Go grammar (WASM)
import type { Node, Tree } from 'web-tree-sitter'
import { anyOf, negateGuards, type Guard } from '../../model/guard.js'
import type { Hop } from '../../model/finding.js'
import type { Span } from '../../model/span.js'
import type { FileCache } from '../../project/files.js'
import type { LineIndex } from '../../util/line-index.js'
import { importGrammarParser } from '../../util/on-demand.js'
import { basenameOf, dirnameOf, isWithin } from '../../util/paths.js'

// A Go program runs the `init` functions of its packages and then `main.main` on every start
// (https://go.dev/ref/spec#Program_execution): a server whose main calls `seed.Run(db)` or
// `db.Migrator().DropTable(&User{})` (GORM, https://gorm.io/docs/migration.html#Tables) seeds or
// wipes the database each time it is deployed, though what starts it (`/app/server`) is no seed.
// Read: main and init of each main package, the init of the module's packages it imports, and the
// functions of the module's own packages they call, transitively (a method of the main package by
// its name); not function literals (handlers, callbacks) unless called where they are written.
// An `if` around a call is a guard: `os.Getenv("APP_ENV") == "development"`
// is judged as the shell's test of that variable, a `flag.Bool("seed", …)` holds only where the
// start passes `-seed` (https://pkg.go.dev/flag), anything else is undecided.

/**
 * A test of the start's command line: a flag (`if *seed` where `seed := flag.Bool("seed", …)`) holds
 * where the command line gives it; an argument (`os.Args[1] == "seed"`, `flag.Arg(0)`, a `switch`
 * case on either) where the word at that position is one of `values`, or any where none are given
 * (`len(os.Args) > 1`), counted after the flags for `flag.Arg` and `flag.NArg()`
 */
export type FlagCondition = ({ flag: string } | { argument: number; afterFlags: boolean; values: string[] }) & { negated: boolean; span: Span }

/** One seeding or wiping call a start makes, with the calls on the way and the conditions it runs under. */
export interface GoEffect {
  effect: 'seed' | 'wipe'
  /** the call as written, on one line */
  text: string
  span: Span
  /** the calls from main or init down to the function that makes it */
  via: Hop[]
  guards: Guard[]
  flags: FlagCondition[]
}

/** A main package of a module that uses a database library, and what its start does. */
export interface GoProgram {
  /** the package's directory */
  dir: string
  /** the name `go build` gives its binary: the directory's, the module path's last element for the module root */
  name: string
  effects: GoEffect[]
}

/**
 * The database libraries whose users a start can seed or wipe with: GORM, database/sql's drivers,
 * pgx, sqlx, ent, bun (https://go.dev/wiki/SQLDrivers). A module requiring none is not read.
 */
const DATABASE_LIBRARY = /^\s*(?:require\s+)?(?:gorm\.io\/gorm|gorm\.io\/driver\/|github\.com\/jinzhu\/gorm|github\.com\/jackc\/pgx|github\.com\/lib\/pq|github\.com\/go-sql-driver\/mysql|github\.com\/mattn\/go-sqlite3|modernc\.org\/sqlite|github\.com\/jmoiron\/sqlx|entgo\.io\/ent|github\.com\/uptrace\/bun|github\.com\/microsoft\/go-mssqldb|github\.com\/denisenkomd\/go-mssqldb)\S*\s/m
// a cheap look before the parser: a module whose code names no seeding or dropping holds none
const MAY_SEED = /seed|Seed|DropTable|DROP\s|TRUNCATE|fixtures/i
/** `seed.Run`, `database.Seed()`, `db.SeedUsers()`, `seeder.Execute()`: named for seeding */
const SEED_FUNCTION = /^(?:Must)?Seeds?(?:[A-Z_]\w*)?$|^seeds?(?:[A-Z_]\w*)?$|^Run(?:Seed|Seeder)s?$|^LoadFixtures$/
/** a package named for seeding: whatever of it is called seeds */
const SEED_PACKAGE = /^(?:seeds?|seeders?|seeding|fixtures|seeddata|dbseed)$/
const SQL_CALLS = /^(?:Exec|ExecContext|MustExec|MustExecContext|Raw|NewRaw)$/
const DROPS = /^\s*(?:TRUNCATE|DROP\s+(?:TABLE|SCHEMA|DATABASE))\b/i

const oneLine = (text: string) => text.replace(/\s+/g, ' ')

/** The main packages of the repository's Go modules that seed or wipe at start; the parser loads only where one may. */
export async function loadGoPrograms(cache: FileCache): Promise<GoProgram[]> {
  const files = cache.files.list()
  const modules = files.flatMap((f) => {
    const text = basenameOf(f) === 'go.mod' ? (cache.get(f)?.text ?? '') : ''
    const path = /^module\s+"?([^\s"]+)/m.exec(text)?.[1]
    return path !== undefined && DATABASE_LIBRARY.test(text) ? [{ dir: dirnameOf(f), path }] : []
  })
  const goFiles = (dir: string) => files.filter((f) => f.endsWith('.go') && !f.endsWith('_test.go') && isWithin(dir, f) && !/(^|\/)(vendor|testdata)\//.test(f))
  const candidates = modules.filter((m) => goFiles(m.dir).some((f) => MAY_SEED.test(cache.get(f)?.text ?? '')))
  if (candidates.length === 0) return []
  const parser = await (await importGrammarParser()).grammarParser('go')
  const programs: GoProgram[] = []
  for (const module of candidates) {
    const reader = new ModuleReader(cache, module, goFiles(module.dir), (text) => parser.parse(text))
    try {
      programs.push(...reader.programs())
    } finally {
      reader.dispose()
    }
  }
  return programs
}

interface SourceFile {
  lines: LineIndex
  root: Node
  /** import name → path */
  imports: Map<string, string>
  /** names the file binds to a flag (`seed := flag.Bool("seed", …)`) or an environment variable (`env := os.Getenv("APP_ENV")`) */
  flags: Map<string, string>
  envs: Map<string, string>
}

class ModuleReader {
  private readonly trees: Tree[] = []
  private readonly packages = new Map<string, SourceFile[]>()
  private readonly methodsByDir = new Map<string, Map<string, { source: SourceFile; fn: Node }[]>>()

  constructor(
    private readonly cache: FileCache,
    private readonly module: { dir: string; path: string },
    private readonly files: string[],
    private readonly parse: (text: string) => Tree | null,
  ) {}

  programs(): GoProgram[] {
    const mains = [...new Set(this.files.filter((f) => /^package\s+main\b/m.test(this.cache.get(f)?.text ?? '')).map(dirnameOf))]
    return mains.flatMap((dir) => {
      const sources = this.packageFiles(dir)
      const entries = sources.flatMap((source) => topFunctions(source.root).filter(([name]) => name === 'main' || name === 'init').map(([, fn]) => ({ source, fn })))
      if (!entries.some(({ fn }) => fn.childForFieldName('name')?.text === 'main')) return []
      const seen = new Set<number>()
      const effects = [...this.importedInits(dir), ...entries.map((entry) => ({ ...entry, dir, via: [] }))].flatMap(({ source, dir: at, fn, via }) => new BodyReader(this, source, at, seen).read(fn, via, []))
      const name = dir === this.module.dir ? this.module.path.split('/').at(-1)! : basenameOf(dir)
      return effects.length > 0 ? [{ dir, name, effects }] : []
    })
  }

  /**
   * The `init` functions of the module's packages the main package imports, directly or through
   * another: Go initialises each imported package, running its `init`, before main
   * (https://go.dev/ref/spec#Package_initialization); with the import that brings each in.
   */
  private importedInits(main: string): { source: SourceFile; dir: string; fn: Node; via: Hop[] }[] {
    const out: { source: SourceFile; dir: string; fn: Node; via: Hop[] }[] = []
    const visited = new Set([main])
    const queue: { dir: string; via: Hop[] }[] = [{ dir: main, via: [] }]
    for (let next = queue.shift(); next; next = queue.shift()) {
      for (const source of this.packageFiles(next.dir))
        for (const spec of source.root.descendantsOfType('import_spec')) {
          const path = spec?.childForFieldName('path')?.text.replace(/^["`]|["`]$/g, '')
          const dir = path === undefined ? undefined : this.localDir(path)
          if (!spec || dir === undefined || visited.has(dir)) continue
          visited.add(dir)
          const via = [...next.via, { span: source.lines.span(spec.startIndex, spec.endIndex), label: `import "${path}"` }]
          queue.push({ dir, via })
          for (const imported of this.packageFiles(dir)) out.push(...topFunctions(imported.root).filter(([name]) => name === 'init').map(([, fn]) => ({ source: imported, dir, fn, via })))
        }
    }
    return out
  }

  /** the parsed files of the package in `dir` */
  packageFiles(dir: string): SourceFile[] {
    let sources = this.packages.get(dir)
    if (!sources) {
      sources = this.files.flatMap((file) => {
        if (dirnameOf(file) !== dir) return []
        const lines = this.cache.get(file)
        const tree = lines && this.parse(lines.text)
        if (!lines || !tree) return []
        this.trees.push(tree)
        return [{ lines, root: tree.rootNode, imports: importsOf(tree.rootNode), ...boundNames(tree.rootNode) }]
      })
      this.packages.set(dir, sources)
    }
    return sources
  }

  /** the methods the package in `dir` declares, by name */
  methods(dir: string): Map<string, { source: SourceFile; fn: Node }[]> {
    let found = this.methodsByDir.get(dir)
    if (!found) {
      found = new Map()
      for (const source of this.packageFiles(dir))
        for (const m of source.root.namedChildren) {
          const name = m?.type === 'method_declaration' ? m.childForFieldName('name')?.text : undefined
          if (m && name !== undefined) found.set(name, [...(found.get(name) ?? []), { source, fn: m }])
        }
      this.methodsByDir.set(dir, found)
    }
    return found
  }

  /** the repository directory of an import path of this module */
  localDir(path: string): string | undefined {
    if (path !== this.module.path && !path.startsWith(`${this.module.path}/`)) return undefined
    const rest = path.slice(this.module.path.length + 1)
    return this.module.dir === '.' ? rest || '.' : rest ? `${this.module.dir}/${rest}` : this.module.dir
  }

  dispose(): void {
    for (const tree of this.trees) tree.delete()
  }
}

function topFunctions(root: Node): [string, Node][] {
  return root.namedChildren.flatMap((n) => (n?.type === 'function_declaration' ? [[n.childForFieldName('name')?.text ?? '', n] as [string, Node]] : []))
}

function importsOf(root: Node): Map<string, string> {
  const imports = new Map<string, string>()
  for (const spec of root.descendantsOfType('import_spec')) {
    const path = spec?.childForFieldName('path')?.text.replace(/^["`]|["`]$/g, '')
    if (!spec || path === undefined) continue
    const name = spec.childForFieldName('name')?.text ?? path.replace(/\/v\d+$/, '').split('/').at(-1)!.replace(/^go-|\.v\d+$/, '')
    imports.set(name, path)
  }
  return imports
}

/** a string literal's value (interpreted or raw), undefined for anything else */
function stringOf(node: Node | null | undefined): string | undefined {
  if (node?.type === 'raw_string_literal') return node.text.slice(1, -1)
  if (node?.type === 'interpreted_string_literal') return node.namedChildren.map((c) => c?.text ?? '').join('')
  return undefined
}

/** `os.Getenv("X")` → X */
function getenvOf(node: Node | null): string | undefined {
  if (node?.type !== 'call_expression') return undefined
  const fn = node.childForFieldName('function')
  if (fn?.text !== 'os.Getenv') return undefined
  return stringOf(node.childForFieldName('arguments')?.namedChildren[0])
}

interface Conditions {
  guards: Guard[]
  flags: FlagCondition[]
}

/** The calls one function makes at start, with the `if`s around them. */
class BodyReader {
  constructor(
    private readonly module: ModuleReader,
    private readonly source: SourceFile,
    private readonly dir: string,
    private readonly seen: Set<number>,
  ) {}

  read(fn: Node, via: Hop[], outer: Guard[], outerFlags: FlagCondition[] = []): GoEffect[] {
    if (this.seen.has(fn.id)) return []
    this.seen.add(fn.id)
    const body = fn.childForFieldName('body')
    if (!body) return []
    return body.descendantsOfType('call_expression').flatMap((call) => {
      if (!call || deferred(call, body)) return []
      const around = this.conditionsAround(call, body)
      const guards = [...outer, ...around.guards]
      const flags = [...outerFlags, ...around.flags]
      const effect = this.effectOf(call)
      const callee = this.localFunction(call)
      if (effect) {
        // a seed function of the module that returns first unless in development (`if os.Getenv("APP_ENV") != "development" { return }`) seeds only there
        const within = callee ? new BodyReader(this.module, callee.source, callee.dir, this.seen).exitsBefore(undefined, callee.fn.childForFieldName('body')) : { guards: [], flags: [] }
        return [{ effect, text: oneLine(call.text), span: this.span(call), via, guards: [...guards, ...within.guards], flags: [...flags, ...within.flags] }]
      }
      if (!callee) return []
      const hop = { span: this.span(call), label: `\`${oneLine(call.childForFieldName('function')!.text)}(…)\`` }
      return new BodyReader(this.module, callee.source, callee.dir, this.seen).read(callee.fn, [...via, hop], guards, flags)
    })
  }

  /**
   * A function of this package (`setup(db)`) or of another package of the module
   * (`database.Connect()`); a method of this package (`app.Initialize()`) where the package declares
   * one method by that name, whatever its receiver: the receiver's type is not resolved.
   */
  private localFunction(call: Node): { source: SourceFile; dir: string; fn: Node } | undefined {
    const fn = call.childForFieldName('function')
    const operand = fn?.type === 'selector_expression' ? fn.childForFieldName('operand') : null
    if (operand && !(operand.type === 'identifier' && this.source.imports.has(operand.text))) {
      const name = fn!.childForFieldName('field')?.text
      const methods = name === undefined ? [] : (this.module.methods(this.dir).get(name) ?? [])
      return methods.length === 1 ? { ...methods[0]!, dir: this.dir } : undefined
    }
    const [dir, name] =
      fn?.type === 'identifier'
        ? [this.dir, fn.text]
        : fn?.type === 'selector_expression' && fn.childForFieldName('operand')?.type === 'identifier'
          ? [this.importedDir(fn.childForFieldName('operand')!.text), fn.childForFieldName('field')?.text]
          : [undefined, undefined]
    if (dir === undefined || name === undefined) return undefined
    for (const source of this.module.packageFiles(dir)) {
      const found = topFunctions(source.root).find(([n]) => n === name)
      if (found) return { source, dir, fn: found[1] }
    }
    return undefined
  }

  private importedDir(name: string): string | undefined {
    const path = this.source.imports.get(name)
    return path === undefined ? undefined : this.module.localDir(path)
  }

  /**
   * DropTable and DROP/TRUNCATE statements wipe; a call named for seeding, or of a package of the
   * module named for it, seeds. A package from outside the module is never a seed by name:
   * `rand.Seed(…)` seeds a random number generator.
   */
  private effectOf(call: Node): GoEffect['effect'] | undefined {
    const fn = call.childForFieldName('function')
    const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : fn?.type === 'identifier' ? fn.text : undefined
    if (name === undefined) return undefined
    if (name === 'DropTable') return 'wipe'
    if (SQL_CALLS.test(name) && (call.childForFieldName('arguments')?.namedChildren ?? []).some((a) => DROPS.test(stringOf(a) ?? ''))) return 'wipe'
    const operand = fn?.type === 'selector_expression' ? fn.childForFieldName('operand') : undefined
    const path = operand?.type === 'identifier' ? this.source.imports.get(operand.text) : undefined
    if (path !== undefined && this.module.localDir(path) === undefined) return undefined
    return SEED_FUNCTION.test(name) || (path !== undefined && SEED_PACKAGE.test(path.split('/').at(-1)!)) ? 'seed' : undefined
  }

  /** the tests of the `if`s between the call and the function's body: their condition in the `then`, negated in the `else` */
  private conditionsAround(call: Node, body: Node): Conditions {
    const out = this.exitsBefore(call, body)
    let inner = call
    for (let node = call.parent; node && node.id !== body.id; inner = node, node = node.parent) {
      const exits = this.exitsBefore(inner, node)
      out.guards.push(...exits.guards)
      out.flags.push(...exits.flags)
      if (node.type === 'expression_case' || node.type === 'default_case') {
        const taken = this.caseConditions(node)
        out.guards.unshift(...taken.guards)
        out.flags.unshift(...taken.flags)
      }
      if (node.type !== 'if_statement') continue
      const condition = node.childForFieldName('condition')
      if (!condition || condition.id === inner.id || node.childForFieldName('initializer')?.id === inner.id) continue
      const when = this.conditionsWhen(condition)
      const otherwise = node.childForFieldName('alternative')?.id === inner.id
      const taken = otherwise ? this.negated(when, condition) : when
      out.guards.unshift(...taken.guards)
      out.flags.unshift(...taken.flags)
    }
    return out
  }

  /**
   * The early exits of a block before the statement that holds `inner` (all of them where none is
   * given): `if !*seed { return }`, `if os.Getenv("APP_ENV") == "production" { os.Exit(0) }` let
   * what follows run only where their test is false. A test that cannot be read (`if err != nil
   * { return err }`) is an error check, not a guard, and is passed over.
   */
  exitsBefore(inner: Node | undefined, block: Node | null): Conditions {
    const out: Conditions = { guards: [], flags: [] }
    if (!block || (block.type !== 'block' && block.type !== 'statement_list')) return out
    for (const statement of block.namedChildren) {
      if (!statement || (inner && statement.startIndex >= inner.startIndex)) break
      if (statement.type === 'statement_list') {
        const nested = this.exitsBefore(inner, statement)
        out.guards.push(...nested.guards)
        out.flags.push(...nested.flags)
      }
      const condition = statement.type === 'if_statement' && !statement.childForFieldName('alternative') ? statement.childForFieldName('condition') : null
      if (!condition || !exits(statement.childForFieldName('consequence'))) continue
      const when = this.conditionsWhen(condition)
      if (when.guards.some(opaque)) continue
      const otherwise = this.negated(when, condition)
      out.guards.push(...otherwise.guards)
      out.flags.push(...otherwise.flags)
    }
    return out
  }

  /**
   * A `switch` case on the environment or the command line: one of its values; the default case
   * none of the others'. A switch on anything else is undecided.
   */
  private caseConditions(clause: Node): Conditions {
    const subject = clause.parent?.type === 'expression_switch_statement' ? clause.parent.childForFieldName('value') : null
    if (!subject) return { guards: [], flags: [] }
    const valuesOf = (c: Node | null) => (c?.type === 'expression_case' ? (c.childForFieldName('value')?.namedChildren ?? []).map((v) => stringOf(v)) : [])
    const cases = clause.type === 'default_case' ? clause.parent!.namedChildren.filter((c) => c?.type === 'expression_case').flatMap(valuesOf) : valuesOf(clause)
    const negated = clause.type === 'default_case'
    const span = this.span(clause.type === 'default_case' ? subject : clause)
    const variable = getenvOf(subject) ?? (subject.type === 'identifier' ? this.source.envs.get(subject.text) : undefined)
    const argument = argumentOf(subject)
    const values = cases.filter((v): v is string => v !== undefined)
    if (values.length !== cases.length || values.length === 0 || (variable === undefined && !argument)) return { guards: [this.opaque(subject, negated)], flags: [] }
    if (argument) return { guards: [], flags: [{ ...argument, values, negated, span }] }
    return { guards: [{ variable: variable!, op: 'eq', values, negated, span }], flags: [] }
  }

  private negated(when: Conditions, condition: Node): Conditions {
    if (when.flags.length === 0) return { guards: negateGuards(when.guards), flags: [] }
    if (when.flags.length === 1 && when.guards.length === 0) return { guards: [], flags: [{ ...when.flags[0]!, negated: !when.flags[0]!.negated }] }
    return { guards: [this.opaque(condition, true)], flags: [] }
  }

  /** what a condition establishes when true: `&&` both, `||` one of them, `!` the opposite */
  private conditionsWhen(node: Node): Conditions {
    if (node.type === 'parenthesized_expression') return this.conditionsWhen(node.namedChildren[0] ?? node)
    if (node.type === 'unary_expression' && node.childForFieldName('operator')?.text === '!') return this.negated(this.conditionsWhen(node.childForFieldName('operand')!), node)
    const flag = this.flagOf(node)
    if (flag !== undefined) return { guards: [], flags: [{ flag, negated: false, span: this.span(node) }] }
    if (node.type === 'binary_expression') {
      const operator = node.childForFieldName('operator')?.text
      const [left, right] = [node.childForFieldName('left')!, node.childForFieldName('right')!]
      if (operator === '&&') {
        const [a, b] = [this.conditionsWhen(left), this.conditionsWhen(right)]
        return { guards: [...a.guards, ...b.guards], flags: [...a.flags, ...b.flags] }
      }
      if (operator === '||') {
        const [a, b] = [this.conditionsWhen(left), this.conditionsWhen(right)]
        const either = a.flags.length + b.flags.length === 0 ? anyOf([a.guards, b.guards]) : []
        return { guards: either.length > 0 ? either : [this.opaque(node, false)], flags: [] }
      }
      const compared = this.environmentComparison(left, right, operator) ?? this.environmentComparison(right, left, operator)
      if (compared) return { guards: [compared], flags: [] }
      const count = argumentCount(left, right, operator)
      if (count) return { guards: [], flags: [{ ...count, values: [], negated: false, span: this.span(node) }] }
      const argument = argumentOf(left) ?? argumentOf(right)
      const value = stringOf(right) ?? stringOf(left)
      if (argument && value !== undefined && (operator === '==' || operator === '!=')) return { guards: [], flags: [{ ...argument, values: [value], negated: operator === '!=', span: this.span(node) }] }
    }
    return { guards: [this.opaque(node, false)], flags: [] }
  }

  /** `os.Getenv("APP_ENV") == "development"`, `env != ""` (env bound to os.Getenv), as the shell's test of the variable */
  private environmentComparison(side: Node, other: Node, operator: string | undefined): Guard | undefined {
    const variable = getenvOf(side) ?? (side.type === 'identifier' ? this.source.envs.get(side.text) : undefined)
    const value = stringOf(other)
    if (variable === undefined || value === undefined || (operator !== '==' && operator !== '!=')) return undefined
    const span = this.span(side.parent ?? side)
    return value === '' ? { variable, op: 'set', values: [], negated: operator === '==', span } : { variable, op: 'eq', values: [value], negated: operator === '!=', span }
  }

  /** `*seed`, `seed` bound to a flag */
  private flagOf(node: Node): string | undefined {
    const name = node.type === 'unary_expression' && node.childForFieldName('operator')?.text === '*' ? node.childForFieldName('operand')?.text : node.type === 'identifier' ? node.text : undefined
    return name === undefined ? undefined : this.source.flags.get(name)
  }

  private opaque(node: Node, negated: boolean): Guard {
    return { variable: 'code', op: 'opaque', values: [], negated, text: oneLine(node.text), span: this.span(node) }
  }

  private span(node: Node): Span {
    return this.source.lines.span(node.startIndex, node.endIndex)
  }
}

/** inside a function literal that is not called where it is written (a handler, a callback), or a `defer`: not at start */
function deferred(call: Node, body: Node): boolean {
  for (let node = call.parent; node && node.id !== body.id; node = node.parent) {
    if (node.type === 'defer_statement') return true
    if (node.type === 'func_literal' && node.parent?.type !== 'call_expression') return true
    if (node.type === 'func_literal' && node.parent?.childForFieldName('function')?.id !== node.id) return true
  }
  return false
}

/** a block that ends the function or the program: `return`, `os.Exit(…)`, `log.Fatal…(…)` */
function exits(block: Node | null): boolean {
  const statements = block?.namedChildren.flatMap((c) => (c?.type === 'statement_list' ? c.namedChildren : [c])) ?? []
  const last = statements.at(-1)
  if (last?.type === 'return_statement') return true
  const call = last?.type === 'expression_statement' ? last.namedChildren[0] : undefined
  return call?.type === 'call_expression' && /^(?:os\.Exit|log\.Fatal\w*|panic)$/.test(call.childForFieldName('function')?.text ?? '')
}

const opaque = (guard: Guard): boolean => guard.op === 'opaque' || (guard.alternatives ?? []).some(opaque)

/** `os.Args[N]` (the program's own name at 0) and `flag.Arg(N)` (after the flags): the argument tested */
function argumentOf(node: Node | null): { argument: number; afterFlags: boolean } | undefined {
  if (node?.type === 'index_expression' && node.childForFieldName('operand')?.text === 'os.Args') {
    const index = Number(node.childForFieldName('index')?.text)
    return Number.isInteger(index) && index >= 1 ? { argument: index - 1, afterFlags: false } : undefined
  }
  if (node?.type === 'call_expression' && node.childForFieldName('function')?.text === 'flag.Arg') {
    const index = Number(node.childForFieldName('arguments')?.namedChildren[0]?.text)
    return Number.isInteger(index) && index >= 0 ? { argument: index, afterFlags: true } : undefined
  }
  return undefined
}

/** `len(os.Args) > N`, `len(os.Args) >= N`, `flag.NArg() > N`: the command line has a word at that position */
function argumentCount(left: Node, right: Node, operator: string | undefined): { argument: number; afterFlags: boolean } | undefined {
  const bound = Number(right.type === 'int_literal' ? right.text : NaN)
  const at = operator === '>' ? bound : operator === '>=' ? bound - 1 : NaN
  if (!Number.isInteger(at)) return undefined
  if (left.type === 'call_expression' && left.childForFieldName('function')?.text === 'len' && left.childForFieldName('arguments')?.namedChildren[0]?.text === 'os.Args') return at >= 1 ? { argument: at - 1, afterFlags: false } : undefined
  if (left.type === 'call_expression' && left.childForFieldName('function')?.text === 'flag.NArg') return at >= 0 ? { argument: at, afterFlags: true } : undefined
  return undefined
}

/** the names a file binds to flags and environment variables, in its functions or at the package level */
function boundNames(scope: Node): { flags: Map<string, string>; envs: Map<string, string> } {
  const flags = new Map<string, string>()
  const envs = new Map<string, string>()
  for (const decl of [...scope.descendantsOfType('short_var_declaration'), ...scope.descendantsOfType('var_spec')]) {
    if (!decl) continue
    const names = decl.type === 'var_spec' ? decl.childrenForFieldName('name') : (decl.childForFieldName('left')?.namedChildren ?? [])
    const values = decl.childForFieldName(decl.type === 'var_spec' ? 'value' : 'right')?.namedChildren ?? []
    names.forEach((n, i) => {
      const value = values[i] ?? null
      const flag = value?.type === 'call_expression' && /^flag\.(?:Bool|String)$/.test(value.childForFieldName('function')?.text ?? '') ? stringOf(value.childForFieldName('arguments')?.namedChildren[0]) : undefined
      if (n && flag !== undefined) flags.set(n.text, flag)
      const env = getenvOf(value)
      if (n && env !== undefined) envs.set(n.text, env)
    })
  }
  // flag.BoolVar(&seed, "seed", false, "…")
  for (const call of scope.descendantsOfType('call_expression')) {
    if (!call || !/^flag\.(?:Bool|String)Var$/.test(call.childForFieldName('function')?.text ?? '')) continue
    const [target, name] = call.childForFieldName('arguments')?.namedChildren ?? []
    const flag = stringOf(name)
    if (target?.type === 'unary_expression' && flag !== undefined) flags.set(target.childForFieldName('operand')?.text ?? '', flag)
  }
  return { flags, envs }
}
