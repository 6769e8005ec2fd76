// https://sequelize.org/docs/v6/core-concepts/model-basics/#model-synchronization
// What a Node application's own code does to its database when it starts: a server that runs
// `sequelize.sync({ force: true })`, opens a TypeORM data source with `dropSchema: true` or calls a
// seed module's function wipes or seeds the database on every start of every deploy. Read ahead of
// the check for each JS/TS module that may run such a call: what its top level does when it is
// loaded (with the callbacks and the module's own functions it calls), what each function it
// exports does when called, and which local modules it loads. The check follows a start command's
// entry through the modules it loads (seeds/app-start.ts).
import type { Confidence } from '../../model/production.js'
import type { Effect } from '../../model/finding.js'
import type { Guard } from '../../model/guard.js'
import type { FileCache } from '../../project/files.js'
import type { LineIndex } from '../../util/line-index.js'
import { importBabelParser } from '../../util/on-demand.js'
import { dirnameOf, joinPath, selfAndAncestors } from '../../util/paths.js'
import { isSeedPath, mentionsSeed } from '../argv.js'
import { EnvTests, exits, isIdentifier, isRequire, programOf, type AstNode, type BabelParse } from './js-guards.js'
import type { CodeEffects, ModuleLoad, StartModule } from './start-code.js'

const MODULE = /\.(?:[cm]?[jt]s|[jt]sx)$/
const DECLARATIONS = /\.d\.[cm]?ts$/
/** test suites and their data never run when the application starts */
const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'specs', '__mocks__', 'fixtures', '__fixtures__', 'e2e', 'cypress'])
const TEST_FILE = /\.(?:test|spec|e2e-spec)\.[cm]?[jt]sx?$/
/** a bundle this big is built output, not code of the project's own to read */
const MAX_MODULE_CHARS = 256 * 1024
/** the libraries whose start-time calls wipe or seed: a package that declares none cannot make them */
const EFFECT_LIBRARY = /"(?:sequelize|typeorm|mongoose|knex|@mikro-orm\/[\w-]+|@nestjs\/(?:typeorm|sequelize|mongoose))"\s*:/
/** a module whose functions can be called from others */
const EXPORTS = /\bexport\s|\bmodule\.exports\b|\bexports\.\w/
/** a cheap look before the parser: the text of every call and option read below, and an import of a seed-named module */
const MAY_AFFECT = /onModuleInit|onApplicationBootstrap|\.\s*sync\s*\(|\.\s*drop\s*\(|dropSchema|dropDatabase|refreshDatabase|migrate\s*\.\s*rollback|seed\s*\.\s*run|getSeeder|\.seeder\b|(?:from|require\s*\(|import\s*\(?)\s*['"][^'"\n]*seed/i
/** `import … from './x'`, `export … from './x'`, `import './x'`, `require('./x')`, `import('./x')`: the local modules a file loads */
const LOADS = /\b(?:import|export)\s+(type\s+)?(?:[\w*${}\s,]+?\s+from\s*)?(['"])(\.\.?(?:\/[^'"\n]*)?)\2|\b(?:require|import)\s*\(\s*(['"])(\.\.?(?:\/[^'"\n]*)?)\4\s*\)/g
/** how deep the code a call runs is followed, within a module */
const MAX_CALL_DEPTH = 4
/** rounds of reading the modules that call a parsed module's exported function */
const MAX_CALLER_ROUNDS = 3

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']

/**
 * The file a module path names, as Node's and TypeScript's resolution find it: the file itself,
 * with an extension, or the directory's index file; an import of `./db.js` in TypeScript names the
 * `./db.ts` it is compiled from (https://nodejs.org/api/modules.html#all-together,
 * https://www.typescriptlang.org/docs/handbook/modules/reference.html#file-extension-substitution).
 */
export function resolveModule(path: string, exists: (path: string) => boolean): string | undefined {
  if (MODULE.test(path) && exists(path)) return path
  const compiled = /\.([cm]?)js(x?)$/.exec(path)
  if (compiled) {
    const source = `${path.slice(0, compiled.index)}.${compiled[1]}ts${compiled[2]}`
    if (exists(source)) return source
  }
  for (const extension of EXTENSIONS) if (exists(path + extension)) return path + extension
  for (const extension of EXTENSIONS) if (exists(`${path === '.' ? '' : `${path}/`}index${extension}`)) return `${path === '.' ? '' : `${path}/`}index${extension}`
  return undefined
}

/** The start modules of the project by path, read before the synchronous check. */
export async function loadStartModules(cache: FileCache): Promise<Map<string, StartModule>> {
  const listed = cache.files.list()
  const texts = new Map<string, LineIndex>()
  for (const path of modulesInScope(listed, cache)) {
    const lines = cache.get(path)
    if (lines && lines.text.length <= MAX_MODULE_CHARS) texts.set(path, lines)
  }
  const out = new Map<string, StartModule>()
  const candidates = [...texts.keys()].filter((path) => MAY_AFFECT.test(texts.get(path)!.text))
  if (candidates.length === 0) return out
  const files = new Set(listed)
  const exists = (path: string) => files.has(path)
  for (const [path, lines] of texts) out.set(path, { loads: loadsOf(lines, exists), onLoad: { effects: [], calls: [] }, exported: new Map() })
  const { parse } = await importBabelParser()
  const parsed = new Set<string>()
  /** `path#name` of the exported functions that wipe or seed, themselves or through the ones they call */
  const affecting = new Set<string>()
  /** the modules that export such a function */
  const exporting = new Set<string>()
  let pending = candidates
  for (let round = 0; round <= MAX_CALLER_ROUNDS && pending.length > 0; round++) {
    for (const path of pending) {
      parsed.add(path)
      const read = readModule(parse, texts.get(path)!, exists)
      if (read) Object.assign(out.get(path)!, read)
    }
    // a function that calls (or re-exports) one that does, in any module read so far, does it too:
    // until nothing is added, since a module read before the one it calls learns of it only now
    for (let grew = true; grew; ) {
      grew = false
      for (const path of parsed) {
        for (const [name, code] of out.get(path)!.exported) {
          const key = `${path}#${name}`
          if (affecting.has(key) || (code.effects.length === 0 && !code.calls.some((call) => affecting.has(`${call.path}#${call.name}`)))) continue
          affecting.add(key)
          exporting.add(path)
          grew = true
        }
      }
    }
    // such a function does it where a module calls it: read the modules that load its module too
    pending = [...out].filter(([path, module]) => !parsed.has(path) && module.loads.some((load) => exporting.has(load.path))).map(([path]) => path)
  }
  return out
}

/**
 * The JS/TS modules that may make such a call: outside test trees, in a package that declares one
 * of the libraries or holds a seed module exporting a function to call.
 */
function modulesInScope(listed: readonly string[], cache: FileCache): string[] {
  const packages = new Set(listed.filter((path) => path === 'package.json' || path.endsWith('/package.json')).map(dirnameOf))
  const scopes = new Set([...packages].filter((dir) => EFFECT_LIBRARY.test(cache.get(joinPath(dir, 'package.json')!)?.text ?? '')))
  for (const path of listed) {
    if (!isModule(path) || !(isSeedPath(path) || mentionsSeed(path)) || !EXPORTS.test(cache.get(path)?.text ?? '')) continue
    const owner = [...selfAndAncestors(dirnameOf(path))].find((dir) => packages.has(dir))
    if (owner !== undefined) scopes.add(owner)
  }
  // most repositories stop here: no module of theirs is read
  if (scopes.size === 0) return []
  return listed.filter((path) => isModule(path) && [...selfAndAncestors(dirnameOf(path))].some((dir) => scopes.has(dir)))
}

/** a JS/TS module of the application: not a declaration file, not part of a test suite */
function isModule(path: string): boolean {
  return MODULE.test(path) && !DECLARATIONS.test(path) && !TEST_FILE.test(path) && !path.split('/').some((segment) => TEST_DIRS.has(segment))
}

function loadsOf(lines: LineIndex, exists: (path: string) => boolean): ModuleLoad[] {
  const loads: ModuleLoad[] = []
  for (const match of lines.text.matchAll(LOADS)) {
    // `import type` is erased by the compiler: it loads nothing
    if (match[1]) continue
    const specifier = match[3] ?? match[5]!
    const path = resolveSpecifier(lines.file, specifier, exists)
    if (path !== undefined) loads.push({ path, specifier, span: lines.span(match.index, match.index + match[0].length) })
  }
  return loads
}

function resolveSpecifier(file: string, specifier: string, exists: (path: string) => boolean): string | undefined {
  const path = joinPath(dirnameOf(file), specifier)
  return path === undefined ? undefined : resolveModule(path, exists)
}

function readModule(parse: BabelParse, lines: LineIndex, exists: (path: string) => boolean): Pick<StartModule, 'onLoad' | 'exported'> | undefined {
  const body = programOf(parse, lines)
  return body && new ModuleReader(lines, exists).read(body)
}

/** A binding of another module: `import { a } from './x'` is `a` of ./x; `const x = require('./x')` is the whole module. */
interface Imported {
  specifier: string
  path: string | undefined
  /** `*` for the whole module (a namespace import, a require), `default`, or the exported name */
  name: string
  /** a JSON file (`require('./seedData')` of seedData.json): data, with no function to call */
  data?: boolean
}

/** where the code being read runs: under which tests, into which record, how deep in calls */
interface Context {
  guards: Guard[]
  into: CodeEffects
  depth: number
  /** the functions being read, so recursion ends */
  within: Set<AstNode>
}

const FUNCTION = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'])
// nodes whose code runs only when something calls it, or never
const DEFERRED = new Set([...FUNCTION, 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod', 'ClassDeclaration', 'ClassExpression', 'TSDeclareFunction', 'TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSModuleDeclaration'])
const SKIPPED_KEYS = new Set(['type', 'start', 'end', 'loc', 'range', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'typeAnnotation', 'returnType', 'typeParameters'])

class ModuleReader {
  private readonly tests: EnvTests
  private readonly imports = new Map<string, Imported>()
  /** the module's own named functions, which run where it calls them */
  private readonly functions = new Map<string, AstNode>()
  private readonly exportedFunctions = new Map<string, AstNode>()
  /** names this module exports that are another module's binding (`module.exports = { seed }` of `const seed = require('./seed-fn')`, `export { seed } from './db'`), with where each is exported */
  private readonly reexports = new Map<string, { imported: Imported; at: AstNode }>()
  /** names bound to an instance of another module's class (`const seeder = app.get(SeederService)`) */
  private readonly instances = new Map<string, Imported>()
  private readonly mentionsSequelize: boolean

  constructor(
    private readonly lines: LineIndex,
    private readonly exists: (path: string) => boolean,
  ) {
    this.tests = new EnvTests(lines)
    this.mentionsSequelize = /sequelize/i.test(lines.text)
  }

  read(body: AstNode[]): Pick<StartModule, 'onLoad' | 'exported'> {
    for (const statement of body) this.declare(statement)
    this.tests.keepUnshadowed(body)
    const onLoad: CodeEffects = { effects: [], calls: [] }
    this.statements(body, { guards: [], into: onLoad, depth: 0, within: new Set() })
    const exported = new Map<string, CodeEffects>()
    for (const [name, fn] of this.exportedFunctions) {
      const into: CodeEffects = { effects: [], calls: [] }
      this.runFunction(fn, { guards: [], into, depth: 0, within: new Set() })
      if (into.effects.length > 0 || into.calls.length > 0) exported.set(name, into)
    }
    // calling a re-exported name calls the function the other module exports under its own name
    for (const [name, { imported, at }] of this.reexports) {
      if (exported.has(name) || imported.path === undefined) continue
      const target = calledName(imported)
      const span = this.lines.span(at.start ?? 0, at.end ?? 0)
      exported.set(name, { effects: [], calls: [{ path: imported.path, name: target, span, guards: [], via: `exports ${name} from ${imported.specifier}` }] })
    }
    return { onLoad, exported }
  }

  /** the top level's imports, functions, aliases of environment tests and exports */
  private declare(statement: AstNode): void {
    switch (statement.type) {
      case 'ImportDeclaration': {
        if (statement.importKind === 'type') return
        const specifier = (statement.source as AstNode).value as string
        for (const s of statement.specifiers as AstNode[]) {
          const name = s.type === 'ImportDefaultSpecifier' ? 'default' : s.type === 'ImportNamespaceSpecifier' ? '*' : nameOf(s.imported as AstNode)
          if (name !== undefined && s.importKind !== 'type') this.bindImport((s.local as AstNode).name as string, specifier, name)
        }
        return
      }
      case 'FunctionDeclaration':
        if (isIdentifierNode(statement.id)) this.functions.set((statement.id as AstNode).name as string, statement)
        return
      case 'VariableDeclaration':
        this.tests.declare(statement)
        for (const d of statement.declarations as AstNode[]) this.declareVariable(d)
        return
      case 'ExportNamedDeclaration': {
        const declaration = statement.declaration as AstNode | undefined
        if (declaration) {
          this.declare(declaration)
          for (const name of declaredNames(declaration)) {
            const fn = this.functions.get(name)
            if (fn) this.exportedFunctions.set(name, fn)
          }
        }
        const source = (statement.source as AstNode | undefined)?.value
        for (const s of (statement.specifiers as AstNode[]) ?? []) {
          const exportedName = nameOf(s.exported as AstNode)
          if (exportedName === undefined) continue
          const local = s.type === 'ExportNamespaceSpecifier' ? '*' : nameOf(s.local as AstNode)
          if (local === undefined) continue
          if (typeof source === 'string') {
            this.reexports.set(exportedName, { imported: this.importOf(source, local), at: s })
            continue
          }
          const fn = this.functions.get(local)
          if (fn) this.exportedFunctions.set(exportedName, fn)
          else this.reexport(exportedName, s.local as AstNode, s)
        }
        return
      }
      case 'ExportDefaultDeclaration': {
        const declaration = statement.declaration as AstNode
        if (declaration.type === 'FunctionDeclaration' && isIdentifierNode(declaration.id)) this.functions.set((declaration.id as AstNode).name as string, declaration)
        const fn = FUNCTION.has(declaration.type) ? declaration : declaration.type === 'Identifier' ? this.functions.get(declaration.name as string) : undefined
        if (fn) this.exportedFunctions.set('default', fn)
        else this.reexport('default', declaration, statement)
        return
      }
      case 'ExpressionStatement':
        this.declareCommonJsExport(statement.expression as AstNode)
        return
    }
  }

  private declareVariable(d: AstNode): void {
    const id = d.id as AstNode
    let init = d.init as AstNode | undefined
    if (init?.type === 'AwaitExpression') init = init.argument as AstNode
    if (!init) return
    if (id.type === 'Identifier' && FUNCTION.has(init.type)) {
      this.functions.set(id.name as string, init)
      return
    }
    // `require('./x')`, `require('./x').init`
    const required = isRequire(init) ? init : init.type === 'MemberExpression' && isRequire(init.object as AstNode) ? (init.object as AstNode) : undefined
    const specifier = required && ((required.arguments as AstNode[])[0]?.value as string | undefined)
    if (typeof specifier !== 'string') return
    const member = required === init ? '*' : nameOf(init.property as AstNode)
    if (member === undefined) return
    if (id.type === 'Identifier') this.bindImport(id.name as string, specifier, member)
    else if (id.type === 'ObjectPattern' && member === '*') {
      for (const p of id.properties as AstNode[]) {
        const key = p.type === 'ObjectProperty' ? nameOf(p.key as AstNode) : undefined
        const value = p.value as AstNode | undefined
        if (key !== undefined && value?.type === 'Identifier') this.bindImport(value.name as string, specifier, key)
      }
    }
  }

  /** `module.exports = fn`, `module.exports = { a, b() {} }`, `module.exports.a = fn`, `exports.a = fn` */
  private declareCommonJsExport(expression: AstNode): void {
    if (expression.type !== 'AssignmentExpression' || expression.operator !== '=') return
    const target = expression.left as AstNode
    const value = expression.right as AstNode
    if (isModuleExports(target)) {
      if (value.type === 'ObjectExpression') {
        for (const p of value.properties as AstNode[]) {
          const key = nameOf(p.key as AstNode)
          const fn = p.type === 'ObjectMethod' ? p : p.type === 'ObjectProperty' ? this.functionOf(p.value as AstNode) : undefined
          if (key !== undefined && fn) this.exportedFunctions.set(key, fn)
          else if (key !== undefined && p.type === 'ObjectProperty') this.reexport(key, p.value as AstNode, p)
        }
      } else {
        const fn = this.functionOf(value)
        if (fn) this.exportedFunctions.set('default', fn)
        else this.reexport('default', value, expression)
      }
      return
    }
    const owner = target.type === 'MemberExpression' ? (target.object as AstNode) : undefined
    const key = target.type === 'MemberExpression' && !target.computed ? nameOf(target.property as AstNode) : undefined
    if (!owner || key === undefined || !(isModuleExports(owner) || isIdentifier(owner, 'exports'))) return
    const fn = this.functionOf(value)
    if (fn) this.exportedFunctions.set(key, fn)
    else this.reexport(key, value, expression)
  }

  /** an exported value that is a binding of another module: `seed` of `const seed = require('./seed-fn')`, `require('./seed-fn')` itself */
  private reexport(name: string, value: AstNode, at: AstNode): void {
    const imported = value.type === 'Identifier' ? this.imports.get(value.name as string) : this.required(value)
    if (imported) this.reexports.set(name, { imported, at })
  }

  private functionOf(node: AstNode): AstNode | undefined {
    if (FUNCTION.has(node.type)) return node
    return node.type === 'Identifier' ? this.functions.get(node.name as string) : undefined
  }

  private bindImport(local: string, specifier: string, name: string): void {
    this.imports.set(local, this.importOf(specifier, name))
  }

  private importOf(specifier: string, name: string): Imported {
    const path = specifier.startsWith('.') ? resolveSpecifier(this.lines.file, specifier, this.exists) : undefined
    // Node's require tries .js, then .json (https://nodejs.org/api/modules.html#all-together): a JSON file parses to data
    const json = path === undefined && specifier.startsWith('.') ? joinPath(dirnameOf(this.lines.file), specifier.endsWith('.json') ? specifier : `${specifier}.json`) : undefined
    return { specifier, path, name, ...(json !== undefined && this.exists(json) && { data: true }) }
  }

  /** a body's statements in order: an `if (test) return` above the rest makes them run only where the test is false */
  private statements(body: AstNode[], context: Context): void {
    let guards = context.guards
    for (const statement of body) {
      const here = { ...context, guards }
      if (this.loadsSeedModule(statement)) this.record('seed', statement, statement, `loads the seed module ${this.sourceOf(statement)}, which runs it`, 'high', [], here)
      else this.visit(statement, here)
      if (statement.type === 'IfStatement' && !statement.alternate && exits(statement.consequent as AstNode)) {
        const test = statement.test as AstNode
        const known = this.tests.constant(test)
        // an exit that always happens ends the body; one that never does guards nothing
        if (known === true) return
        const unless = known === false ? undefined : this.tests.guardsUnless(test)
        if (unless) guards = [...guards, ...unless]
      }
    }
  }

  private visit(node: AstNode | undefined, context: Context): void {
    if (!node || typeof node.type !== 'string') return
    // a class's decorators run where it is defined (NestJS `@Module({ imports: [TypeOrmModule.forRoot({ … })] })`), its methods when called
    if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
      for (const decorator of (node.decorators as AstNode[] | undefined) ?? []) this.visit(decorator, context)
      this.lifecycleHooks(node, context)
    }
    if (DEFERRED.has(node.type)) return
    switch (node.type) {
      case 'BlockStatement':
        this.statements(node.body as AstNode[], context)
        return
      case 'IfStatement': {
        const test = node.test as AstNode
        this.visit(test, context)
        // a test whose value the code fixes runs one branch only, on every start
        const known = this.tests.constant(test)
        if (known !== undefined) {
          this.visit((known ? node.consequent : node.alternate) as AstNode | undefined, context)
          return
        }
        const when = this.tests.guardsWhen(test) ?? this.tests.opaqueIfEnv(test) ?? []
        this.visit(node.consequent as AstNode, { ...context, guards: [...context.guards, ...when] })
        this.visit(node.alternate as AstNode | undefined, { ...context, guards: [...context.guards, ...(this.tests.guardsUnless(test) ?? [])] })
        return
      }
      case 'CallExpression':
      case 'OptionalCallExpression':
      case 'NewExpression':
        this.call(node, context)
        return
      case 'ObjectProperty':
        if (nameOf(node.key as AstNode) === 'dropSchema') this.dropSchema(node, context)
        break
      case 'VariableDeclarator': {
        const instance = node.init ? this.instanceOf(node.init as AstNode) : undefined
        if (instance && isIdentifierNode(node.id)) this.instances.set((node.id as AstNode).name as string, instance)
        break
      }
    }
    this.children(node, context)
  }

  private children(node: AstNode, context: Context): void {
    for (const [key, value] of Object.entries(node)) {
      if (SKIPPED_KEYS.has(key) || !value || typeof value !== 'object') continue
      if (Array.isArray(value)) for (const item of value) this.visit(item as AstNode, context)
      else this.visit(value as AstNode, context)
    }
  }

  private call(node: AstNode, context: Context): void {
    const callee = node.callee as AstNode
    const args = (node.arguments as AstNode[]) ?? []
    this.effectOfCall(node, context)
    this.callOf(callee, node, context)
    // an IIFE, and the callbacks a call is handed (`.then(() => …)`, `app.listen(port, () => …)`), run with it;
    // a request handler runs on a request, not at start
    if (FUNCTION.has(callee.type)) this.runFunction(callee, context)
    else this.visit(callee, context)
    // a request handler runs on a request, and the class `app.get(SeederService)` resolves is a token, not a callback
    const handles = registersHandler(node) || this.instanceOf(node) !== undefined
    for (const arg of args) {
      if (FUNCTION.has(arg.type)) {
        if (!handles) this.runFunction(arg, context)
      } else if (arg.type === 'Identifier') {
        if (!handles) this.callOf(arg, node, context)
      } else this.visit(arg, context)
    }
  }

  /** a call of (or a callback that is) a function of this module or of another one */
  private callOf(callee: AstNode, call: AstNode, context: Context): void {
    if (callee.type === 'Identifier') {
      const own = this.functions.get(callee.name as string)
      if (own) return this.runFunction(own, context)
    }
    // a method of an instance of a class another module exports: its body is not read, a seed module's class seeds
    const instance = callee.type === 'MemberExpression' && !callee.computed ? this.instanceOf(callee.object as AstNode) : undefined
    if (instance) {
      if (isSeedPath(instance.specifier) || mentionsSeed(instance.specifier)) {
        const code = callee === call.callee ? this.codeOf(call) : `${this.codeOf(callee)}()`
        this.record('seed', call, call, `calls \`${code}\` on the ${instance.name === 'default' ? 'class' : `\`${instance.name}\``} of the seed module ${instance.specifier}`, isSeedPath(instance.specifier) ? 'high' : 'medium', [], context, code)
      }
      return
    }
    const target = this.importedCallee(callee)
    if (!target || target.imported.data) return
    const { imported, name } = target
    const span = this.lines.span(call.start ?? 0, call.end ?? 0)
    if (isSeedPath(imported.specifier) || mentionsSeed(imported.specifier)) {
      const code = callee === call.callee ? this.codeOf(call) : `${this.codeOf(callee)}()`
      const confidence = isSeedPath(imported.specifier) ? 'high' : 'medium'
      this.record('seed', call, call, `calls \`${code}\` of the seed module ${imported.specifier}`, confidence, [], context, code)
      return
    }
    if (imported.path !== undefined) context.into.calls.push({ path: imported.path, name, span, guards: context.guards })
  }

  /** `init` of `import { init }`, `db.init` of `const db = require('./db')`, `setup` of `import setup from './setup'` */
  private importedCallee(callee: AstNode): { imported: Imported; name: string } | undefined {
    if (callee.type === 'Identifier') {
      // `const seed = require('./seed-fn'); seed()` calls what the module assigns to `module.exports`
      const imported = this.imports.get(callee.name as string)
      return imported && { imported, name: calledName(imported) }
    }
    if (callee.type !== 'MemberExpression') return undefined
    const object = callee.object as AstNode
    const imported = object.type === 'Identifier' ? this.imports.get(object.name as string) : this.required(object)
    const name = callee.computed ? undefined : nameOf(callee.property as AstNode)
    // a CommonJS module's exports arrive as the default import of an ES module
    return imported && name !== undefined && (imported.name === '*' || imported.name === 'default') ? { imported, name } : undefined
  }

  /**
   * NestJS calls `onModuleInit()` and `onApplicationBootstrap()` of every module class and provider
   * of the application once, as it starts (https://docs.nestjs.com/fundamentals/lifecycle-events):
   * a class decorated as one, in a module the start loads, runs them. Their body is read with the
   * providers the constructor injects (`constructor(private seeds: SeedService)`: `this.seeds` is
   * an instance of SeedService); in a seed-named module, a hook that does anything is the seed.
   */
  private lifecycleHooks(cls: AstNode, context: Context): void {
    const decorated = ((cls.decorators as AstNode[] | undefined) ?? []).some((d) => {
      const expression = d.expression as AstNode
      const name = nameOf((expression.type === 'CallExpression' ? expression.callee : expression) as AstNode)
      return name !== undefined && NEST_CLASS_DECORATORS.has(name)
    })
    if (!decorated) return
    const members = ((cls.body as AstNode).body as AstNode[]) ?? []
    for (const member of members) {
      if (member.type !== 'ClassMethod' || nameOf(member.key as AstNode) !== 'constructor') continue
      for (const param of (member.params as AstNode[]) ?? []) {
        const binding = (param.type === 'TSParameterProperty' ? param.parameter : param) as AstNode
        const type = ((binding.typeAnnotation as AstNode | undefined)?.typeAnnotation as AstNode | undefined)
        const typeName = type?.type === 'TSTypeReference' ? (type.typeName as AstNode) : undefined
        const imported = typeName?.type === 'Identifier' ? this.imports.get(typeName.name as string) : undefined
        const name = binding.type === 'Identifier' ? (binding.name as string) : undefined
        if (param.type === 'TSParameterProperty' && name !== undefined && imported) this.instances.set(`this.${name}`, imported)
      }
    }
    const seedModule = isSeedPath(this.lines.file) || mentionsSeed(this.lines.file)
    for (const member of members) {
      const hook = member.type === 'ClassMethod' ? nameOf(member.key as AstNode) : undefined
      if (hook === undefined || !LIFECYCLE_HOOKS.has(hook)) continue
      const body = ((member.body as AstNode).body as AstNode[]) ?? []
      if (seedModule && body.length > 0) this.record('seed', member.key as AstNode, member.key as AstNode, `NestJS runs \`${hook}()\` of this seed module's ${nameOf(cls.id as AstNode) ?? 'class'} on every start`, 'medium', [], context, `${hook}()`)
      else this.runFunction(member, context)
    }
  }

  /**
   * The class of another module an expression is an instance of: `new Seeder()`, and the instance a
   * NestJS application or module reference resolves for a class, `app.get(SeederService)`,
   * `await app.resolve(SeederService)` (https://docs.nestjs.com/standalone-applications), or a
   * name declared as one.
   */
  private instanceOf(node: AstNode): Imported | undefined {
    let expression = node
    while (expression.type === 'AwaitExpression' || expression.type === 'TSAsExpression' || expression.type === 'TSNonNullExpression') expression = (expression.argument ?? expression.expression) as AstNode
    if (expression.type === 'Identifier') return this.instances.get(expression.name as string)
    if (expression.type === 'MemberExpression' && !expression.computed && (expression.object as AstNode).type === 'ThisExpression') return this.instances.get(`this.${nameOf(expression.property as AstNode)}`)
    let cls: AstNode | undefined
    if (expression.type === 'NewExpression') cls = expression.callee as AstNode
    else if (expression.type === 'CallExpression') {
      const callee = expression.callee as AstNode
      const method = callee.type === 'MemberExpression' && !callee.computed ? nameOf(callee.property as AstNode) : undefined
      const token = ((expression.arguments as AstNode[]) ?? [])[0]
      // the injection token is the class itself, named as classes are
      if ((method === 'get' || method === 'resolve') && token?.type === 'Identifier' && /^[A-Z]/.test(token.name as string)) cls = token
    }
    const imported = cls?.type === 'Identifier' ? this.imports.get(cls.name as string) : undefined
    return imported && imported.name !== '*' && !imported.data ? imported : undefined
  }

  /** `require('./x')` in place: the whole module */
  private required(node: AstNode): Imported | undefined {
    const specifier = isRequire(node) ? (node.arguments as AstNode[])[0]?.value : undefined
    return typeof specifier === 'string' ? this.importOf(specifier, '*') : undefined
  }

  private runFunction(fn: AstNode, context: Context): void {
    if (context.depth >= MAX_CALL_DEPTH || context.within.has(fn)) return
    const inner = { ...context, depth: context.depth + 1, within: new Set([...context.within, fn]) }
    const body = fn.body as AstNode
    if (body.type === 'BlockStatement') this.statements(body.body as AstNode[], inner)
    else this.visit(body, inner)
  }

  /**
   * The calls that wipe or seed:
   * - Sequelize `sync({ force: true })` "creates the table, dropping it first if it already existed"
   *   (https://sequelize.org/docs/v6/core-concepts/model-basics/#model-synchronization); `sync()` and
   *   `sync({ alter: true })` keep the rows. `drop()` of the instance or a model drops the tables
   *   (https://sequelize.org/docs/v6/core-concepts/model-basics/#dropping-tables).
   * - `dropDatabase()` of a Mongoose connection or MongoDB database drops the database
   *   (https://mongoosejs.com/docs/api/connection.html#Connection.prototype.dropDatabase()).
   * - MikroORM's schema generator `refreshDatabase()` drops the schema and creates it again, `dropSchema()`
   *   drops it (https://mikro-orm.io/docs/schema-generator); its seeder's `seed()` runs seeders
   *   (https://mikro-orm.io/docs/seeding#use-in-tests).
   * - knex `migrate.rollback(config, true)` reverts every migration (https://knexjs.org/guide/migrations.html#rollback);
   *   `seed.run()` runs every seed file (https://knexjs.org/guide/migrations.html#seed-files).
   */
  private effectOfCall(call: AstNode, context: Context): void {
    const callee = call.callee as AstNode
    if (callee.type !== 'MemberExpression' || callee.computed) return
    const method = nameOf(callee.property as AstNode)
    const object = callee.object as AstNode
    const args = (call.arguments as AstNode[]) ?? []
    const at = callee.property as AstNode
    switch (method) {
      case 'sync': {
        const options = args[0]
        const force = options?.type === 'ObjectExpression' ? (options.properties as AstNode[]).find((p) => p.type === 'ObjectProperty' && nameOf(p.key as AstNode) === 'force') : undefined
        if (force) this.decided('wipe', at, call, 'Sequelize drops each table and creates it again (`sync({ force: true })`): every row is lost', force.value as AstNode, context, 'Drop `force` from this `sync()` in the code production starts (without it, `sync()` keeps the rows), and change the schema with migrations')
        return
      }
      case 'drop':
        if (this.mentionsSequelize && args.length <= 1) this.record('wipe', at, call, 'Sequelize drops the tables of the models (`drop()`)', 'medium', [], context)
        return
      case 'dropDatabase':
        this.record('wipe', at, call, '`dropDatabase()` drops the whole database', 'high', [], context)
        return
      case 'refreshDatabase':
      case 'dropSchema':
        if (isCallOf(object, 'getSchemaGenerator') || memberNamed(object, 'schema')) this.record('wipe', at, call, `MikroORM's \`${method}()\` drops the schema with its data`, 'high', [], context)
        return
      case 'rollback':
        if (memberNamed(object, 'migrate') && args[1]?.type === 'BooleanLiteral' && args[1].value === true) this.record('wipe', at, call, 'knex `migrate.rollback(config, true)` reverts every migration; their down functions drop the tables', 'high', [], context)
        return
      case 'run':
        if (memberNamed(object, 'seed')) this.record('seed', at, call, 'knex `seed.run()` runs every seed file, again on each start', 'high', [], context)
        return
      case 'seed':
        if (isCallOf(object, 'getSeeder') || memberNamed(object, 'seeder')) this.record('seed', at, call, "MikroORM's seeder runs the seeders it is given", 'high', [], context)
        return
    }
  }

  /**
   * TypeORM's data source option `dropSchema` "drops the schema each time data source is being
   * initialized … don't use this in production" (https://typeorm.io/docs/data-source/data-source-options).
   */
  private dropSchema(property: AstNode, context: Context): void {
    this.decided('wipe', property, property, 'TypeORM drops every table each time the data source is initialized (`dropSchema: true`)', property.value as AstNode, context, 'Set `dropSchema` to false (its default) in the data source production starts, and change the schema with migrations')
  }

  /** an option whose value decides the effect: `true` does it, `false` does not, a test of the environment guards it, anything else may */
  private decided(effect: Effect, from: AstNode, to: AstNode, note: string, value: AstNode, context: Context, change: string): void {
    const known = this.tests.constant(value)
    if (known !== undefined) {
      if (known) this.record(effect, from, to, note, 'high', [], context, undefined, change)
      return
    }
    const guards = this.tests.guardsWhen(value)
    if (guards) this.record(effect, from, to, note, 'high', guards, context, undefined, change)
    else this.record(effect, from, to, `${note}, where \`${this.codeOf(value)}\` is true`, 'low', this.tests.opaqueIfEnv(value) ?? [], context, undefined, change)
  }

  private record(effect: Effect, from: AstNode, to: AstNode, note: string, confidence: Confidence, guards: Guard[], context: Context, code = this.lines.text.slice(from.start ?? 0, to.end ?? 0).replace(/\s+/g, ' '), change = `Take \`${code}\` out of the code production starts (into a development-only script or the test setup)`): void {
    const span = this.lines.span(from.start ?? 0, to.end ?? 0)
    context.into.effects.push({ effect, code, note, change, span, confidence, guards: [...context.guards, ...guards] })
  }

  /** `require('./seed')` or `import './seeds'` for its effect alone: loading a seed script runs it */
  private loadsSeedModule(statement: AstNode): boolean {
    const specifier = this.sourceOf(statement)
    return specifier !== undefined && specifier.startsWith('.') && isSeedPath(specifier)
  }

  private sourceOf(statement: AstNode): string | undefined {
    if (statement.type === 'ImportDeclaration' && (statement.specifiers as AstNode[]).length === 0) return (statement.source as AstNode).value as string
    const expression = statement.type === 'ExpressionStatement' ? (statement.expression as AstNode) : undefined
    const value = expression && isRequire(expression) ? (expression.arguments as AstNode[])[0]?.value : undefined
    return typeof value === 'string' ? value : undefined
  }

  private codeOf(node: AstNode): string {
    return this.lines.text.slice(node.start ?? 0, node.end ?? 0).replace(/\s+/g, ' ')
  }
}

/** the class decorators that make NestJS instantiate a class and call its lifecycle hooks */
const NEST_CLASS_DECORATORS = new Set(['Module', 'Injectable', 'Controller'])
const LIFECYCLE_HOOKS = new Set(['onModuleInit', 'onApplicationBootstrap'])

/** the methods that register request handlers: HTTP verbs, `all`, and middleware's `use` */
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head', 'use'])

/**
 * A call that registers request handlers: `router.get('/seed', handler)`, `app.route('/seed').post(handler)`,
 * `app.use(middleware)`. Express calls them "when the application receives a request to the
 * specified route" (https://expressjs.com/en/guide/routing.html#route-methods), as Koa's router,
 * Fastify and Hono do: never when the server starts.
 */
function registersHandler(call: AstNode): boolean {
  const callee = call.callee as AstNode
  if (callee.type !== 'MemberExpression' || callee.computed) return false
  const method = nameOf(callee.property as AstNode)
  if (method === undefined || !ROUTE_METHODS.has(method)) return false
  if (method === 'use') return true
  const path = ((call.arguments as AstNode[]) ?? [])[0]
  const object = callee.object as AstNode
  const routed = object.type === 'CallExpression' && (object.callee as AstNode).type === 'MemberExpression' && nameOf(((object.callee as AstNode).property) as AstNode) === 'route'
  return routed || (path !== undefined && ['StringLiteral', 'TemplateLiteral', 'RegExpLiteral', 'ArrayExpression'].includes(path.type))
}

/** the exported name a call of a binding reaches: a whole CommonJS module (`require('./x')`) is its `module.exports`, read as `default` */
function calledName(imported: Imported): string {
  return imported.name === '*' ? 'default' : imported.name
}

function nameOf(node: AstNode | undefined): string | undefined {
  if (node?.type === 'Identifier') return node.name as string
  return node?.type === 'StringLiteral' ? (node.value as string) : undefined
}

function isIdentifierNode(node: unknown): boolean {
  return (node as AstNode | undefined)?.type === 'Identifier'
}

function declaredNames(declaration: AstNode): string[] {
  if (declaration.type === 'FunctionDeclaration') return isIdentifierNode(declaration.id) ? [(declaration.id as AstNode).name as string] : []
  if (declaration.type !== 'VariableDeclaration') return []
  return (declaration.declarations as AstNode[]).flatMap((d) => ((d.id as AstNode).type === 'Identifier' ? [(d.id as AstNode).name as string] : []))
}

function isModuleExports(node: AstNode): boolean {
  return node.type === 'MemberExpression' && !node.computed && isIdentifier(node.object as AstNode, 'module') && isIdentifier(node.property as AstNode, 'exports')
}

/** `x.getSeeder()`, `getSchemaGenerator()` */
function isCallOf(node: AstNode, method: string): boolean {
  if (node.type !== 'CallExpression') return false
  const callee = node.callee as AstNode
  return isIdentifier(callee, method) || (callee.type === 'MemberExpression' && isIdentifier(callee.property as AstNode, method))
}

/** `x.seed`, `orm.schema` */
function memberNamed(node: AstNode, name: string): boolean {
  return node.type === 'MemberExpression' && !node.computed && isIdentifier(node.property as AstNode, name)
}
