// https://fastapi.tiangolo.com/advanced/events/ ; parsed with tree-sitter's Python grammar (WASM)
// What a Python web app's own code does to its database when it starts. `uvicorn app.main:app`,
// `gunicorn "app:create_app()"` and `flask run` import the app's module, which runs its top level and
// every project module it imports; the server then runs the app's startup code: a `lifespan` context
// manager or `@app.on_event("startup")` handler (FastAPI/Starlette, https://www.starlette.io/lifespan/),
// Quart's `@app.before_serving`, Sanic's `before_server_start` listeners. The FastAPI tutorial's
// `models.Base.metadata.drop_all(bind=engine)` at module level, Flask's `with app.app_context():
// db.drop_all()`, a `seed_db()` in the lifespan: each runs on every start of every deploy. Read ahead
// of the check, per module, in the terms the JS reader uses (facts/start-code.ts); the start commands
// are mapped to their modules by seeds/python-start.ts.
import type { Node } from 'web-tree-sitter'
import type { Effect } from '../../model/finding.js'
import type { CodeParameter, Guard } from '../../model/guard.js'
import type { Confidence } from '../../model/production.js'
import type { FileCache } from '../../project/files.js'
import type { LineIndex } from '../../util/line-index.js'
import { importGrammarParser } from '../../util/on-demand.js'
import { basenameOf, dirnameOf, isWithin, joinPath, selfAndAncestors } from '../../util/paths.js'
import { isSeedCommandName, isSeedPath, mentionsSeed } from '../argv.js'
import { argumentsOf, PythonEnvTests, stringOf } from './python-guards.js'
import { readSettings, type SettingsField } from './python-settings.js'
import type { CallArguments, CodeEffects, ModuleLoad, StartModule } from './start-code.js'

export interface PythonModule extends StartModule {
  /** the names its top level binds (`app = Flask(__name__)`): Flask looks for an app there before it calls a factory */
  variables: Set<string>
}

/** the libraries whose calls wipe or seed: a project that declares none of them (or a seed module) makes none */
const DATABASE_LIBRARY = /\b(?:sqlalchemy|sqlmodel|flask[-_]sqlalchemy|tortoise[-_]orm|peewee|django)\b/i
const MANIFEST = /^(?:requirements[^/]*\.(?:txt|in)|pyproject\.toml|Pipfile|setup\.py|setup\.cfg)$/
/** virtualenvs, installed packages, test suites and schema migrations never run as the app starts */
const NOT_APP = /(?:^|\/)(?:\.?venv\d*|env|site-packages|node_modules|__pycache__|tests?|testing|migrations|alembic|docs)\//
const TEST_FILE = /(?:^|\/)(?:test_[^/]*|[^/]*_test|tests?|conftest)\.py$/
/** a module this big is generated, not code of the project's own to read */
const MAX_MODULE_CHARS = 256 * 1024
const MAX_MODULES = 400
/** a cheap look before the parser: the calls read below, a name for seeding or initial data, an import of a seed module */
const MAY_AFFECT = /seed|populate|fixture|drop_all|drop_database|drop_tables|call_command|(?:create|load|insert|import|init|initiali[sz]e)_\w*(?:data|initial|defaults?|demo|samples?|dummy|fake)/i
const BASE_SETTINGS = /\bBaseSettings\b/
/** a module's settings instances by name, with their fields */
type Settings = ReadonlyMap<string, ReadonlyMap<string, SettingsField>>
/** rounds of reading the modules that import a module whose code seeds or wipes */
const MAX_IMPORTER_ROUNDS = 6
/** how deep the code a call runs is followed, within a module */
const MAX_CALL_DEPTH = 4

/** The Python modules of the project's apps by path, read before the synchronous check; the grammar loads only where one may seed or wipe. */
export async function loadPythonModules(cache: FileCache): Promise<Map<string, PythonModule>> {
  const out = new Map<string, PythonModule>()
  const texts = new Map<string, LineIndex>()
  for (const path of modulesInScope(cache)) {
    const lines = cache.get(path)
    if (lines && lines.text.length <= MAX_MODULE_CHARS && texts.size < MAX_MODULES) texts.set(path, lines)
  }
  let pending = [...texts.keys()].filter((path) => MAY_AFFECT.test(texts.get(path)!.text))
  if (pending.length === 0) return out
  const parser = await (await importGrammarParser()).grammarParser('python')
  const exists = (path: string) => texts.has(path)
  const settings = new Map<string, Settings>()
  for (const [path, lines] of texts) {
    if (!BASE_SETTINGS.test(lines.text)) continue
    const tree = parser.parse(lines.text)
    if (!tree) continue
    try {
      settings.set(path, readSettings(tree.rootNode))
    } finally {
      tree.delete()
    }
  }
  /** modules whose loading or functions seed or wipe, themselves or through the modules they load or call */
  const affecting = new Set<string>()
  for (let round = 0; round <= MAX_IMPORTER_ROUNDS && pending.length > 0; round++) {
    for (const path of pending) {
      const tree = parser.parse(texts.get(path)!.text)
      if (!tree) continue
      try {
        out.set(path, new ModuleReader(texts.get(path)!, exists, settings).read(tree.rootNode))
      } finally {
        tree.delete()
      }
    }
    for (const [path, module] of out) if (affects(module, affecting)) affecting.add(path)
    const names = new Set([...affecting].map(moduleName))
    // the modules that import one of them, or start a server on one (`uvicorn.run("app.main:app")`): their start reaches it
    const importsOne = (text: string) => [...names].some((name) => new RegExp(`^[ \\t]*(?:from|import)\\b(?:[^\\n(]*|[^\\n(]*\\([^)]*)\\b${name}\\b|["'](?:[\\w.]*\\.)?${name}:`, 'm').test(text))
    pending = [...texts].filter(([path, lines]) => !out.has(path) && importsOne(lines.text)).map(([path]) => path)
  }
  return out
}

function affects(module: PythonModule, affecting: ReadonlySet<string>): boolean {
  const codes = [module.onLoad, module.asMain, ...module.exported.values()].filter((c): c is CodeEffects => c !== undefined)
  const reaches = (loads: readonly ModuleLoad[]) => loads.some((load) => affecting.has(load.path))
  return codes.some((c) => c.effects.length > 0 || c.calls.some((call) => affecting.has(call.path)) || reaches(c.imports ?? [])) || reaches(module.loads)
}

/** `app/db/seed.py` → seed, `app/__init__.py` → app: the name another module imports it by */
function moduleName(path: string): string {
  const base = basenameOf(path).replace(/\.py$/, '')
  return base === '__init__' ? basenameOf(dirnameOf(path)) : base
}

/** The .py files of the directories whose manifest declares one of the libraries, or of the whole tree where a seed module is. */
function modulesInScope(cache: FileCache): string[] {
  const listed = cache.files.list()
  const python = listed.filter((path) => path.endsWith('.py') && !NOT_APP.test(path) && !TEST_FILE.test(path))
  const roots = listed.filter((path) => MANIFEST.test(basenameOf(path)) && DATABASE_LIBRARY.test(cache.get(path)?.text ?? '')).map((path) => {
    const dir = dirnameOf(path)
    return basenameOf(dir) === 'requirements' ? dirnameOf(dir) : dir
  })
  if (python.some((path) => isSeedPath(path) || mentionsSeed(path))) roots.push('.')
  return python.filter((path) => roots.some((root) => isWithin(root, path)))
}

/**
 * The file a module name names from `from`: a relative one (`.models`, `..db`) from its package, an
 * absolute one (`app.db.seed`) from the nearest directory above it that holds it, as sys.path does
 * for the directory a server or `python -m` runs in (https://docs.python.org/3/reference/import.html).
 */
export function resolvePythonModule(from: string, module: string, exists: (path: string) => boolean): string | undefined {
  const dots = /^\.*/.exec(module)![0].length
  const parts = module.slice(dots).split('.').filter((p) => p !== '')
  let bases: string[]
  if (dots === 0) bases = [...selfAndAncestors(dirnameOf(from))]
  else {
    let base: string | undefined = dirnameOf(from)
    for (let i = 1; i < dots && base !== undefined; i++) base = base === '.' ? undefined : dirnameOf(base)
    bases = base === undefined ? [] : [base]
  }
  for (const base of bases) {
    const found = moduleFile(base, parts, exists)
    if (found !== undefined) return found
  }
  return undefined
}

/** `a.b` under `base`: the package a/b/__init__.py, else a/b.py (a package comes first: https://docs.python.org/3/reference/import.html#regular-packages) */
export function moduleFile(base: string, parts: readonly string[], exists: (path: string) => boolean): string | undefined {
  const stem = joinPath(base, parts.join('/'))
  if (stem === undefined) return undefined
  const candidates = parts.length > 0 ? [joinPath(stem, '__init__.py'), `${stem}.py`] : [joinPath(stem, '__init__.py')]
  return candidates.find((path): path is string => path !== undefined && exists(path))
}

/** what a name bound by an import stands for: a module (`name` '*') or one of its names */
interface Imported {
  module: string
  /** the project's file, where the module is one of the project's */
  path: string | undefined
  name: string
}

interface Context {
  into: CodeEffects
  guards: Guard[]
  depth: number
  within: ReadonlySet<number>
  /** the module's own top level, where `if __name__ == "__main__":` is the program's alone */
  topLevel: boolean
  /** the parameters of the functions it runs in: what the caller passes, unknown here */
  parameters: ReadonlySet<string>
  /** the parameters of the called function it runs in, where a call to it can decide a test of one (none within a function it calls in turn) */
  bindable?: ReadonlyMap<string, Omit<CodeParameter, 'truthy'>>
}

// code in these runs later, or when called
const DEFERRED = new Set(['function_definition', 'class_definition', 'lambda'])
/** seeding a random generator, not a database: `torch.manual_seed(0)`, `Faker.seed_instance(1)` */
const RANDOM_SEEDING = /^(?:manual_seed(?:_all)?|set_seed|seed_everything|seed_instance|set_random_seed|random_seed)$/
const RANDOM_RECEIVER = /(?:^|\.)(?:random|rng|np|numpy|torch|cuda|tf|faker|fake)$/i
/**
 * Decorators whose function the server runs as the app starts: FastAPI/Starlette `on_event("startup")`
 * (https://fastapi.tiangolo.com/advanced/events/#alternative-events-deprecated), Quart `before_serving`
 * (https://quart.palletsprojects.com/en/latest/how_to_guides/startup_shutdown.html), Sanic's
 * `before_server_start`/`after_server_start` listeners (https://sanic.dev/en/guide/basics/listeners.html)
 */
const STARTUP_EVENTS = new Set(['startup', 'before_server_start', 'after_server_start'])
const STARTUP_DECORATORS = new Set(['before_serving', 'before_server_start', 'after_server_start'])
/** keyword arguments of an app that hand it startup code: Starlette/FastAPI `lifespan=`, `on_startup=[…]` (https://www.starlette.io/lifespan/) */
const STARTUP_KEYWORDS = new Set(['lifespan', 'on_startup'])
const NOT_MOVED = 'Take it out of the code production starts: into a development-only script, or the test setup'

class ModuleReader {
  private readonly tests: PythonEnvTests
  private readonly imports = new Map<string, Imported>()
  private readonly functions = new Map<string, Node>()
  private readonly loads: ModuleLoad[] = []
  private readonly variables = new Set<string>()
  private asMain: CodeEffects | undefined

  constructor(
    private readonly lines: LineIndex,
    private readonly exists: (path: string) => boolean,
    settings: ReadonlyMap<string, Settings>,
  ) {
    // `settings` defined here, or imported by name from the module that defines it
    this.tests = new PythonEnvTests(lines, (object) => {
      const imported = this.imports.get(object)
      return imported ? settings.get(imported.path ?? '')?.get(imported.name) : settings.get(lines.file)?.get(object)
    })
  }

  read(root: Node): PythonModule {
    const statements = named(root)
    for (const statement of statements) this.declare(statement)
    // imports inside functions (a factory's `from .seed import run`) bind names too, though loading waits for the call
    for (const statement of root.descendantsOfType(['import_statement', 'import_from_statement'])) if (statement && statement.parent?.id !== root.id) this.bindImports(statement, false)
    const onLoad: CodeEffects = { effects: [], calls: [] }
    this.block(statements, { into: onLoad, guards: [], depth: 0, within: new Set(), topLevel: true, parameters: new Set() })
    const exported = new Map<string, CodeEffects>()
    for (const [name, fn] of this.functions) {
      const code: CodeEffects = { effects: [], calls: [] }
      this.runFunction(fn, { into: code, guards: [], depth: 0, within: new Set(), topLevel: false, parameters: new Set() })
      exported.set(name, code)
    }
    return { loads: this.loads, onLoad, exported, ...(this.asMain && { asMain: this.asMain }), variables: this.variables }
  }

  /** the names a top-level statement binds: imports, functions, variables (and the environment they read) */
  private declare(statement: Node): void {
    if (statement.type === 'import_statement' || statement.type === 'import_from_statement') return this.bindImports(statement, true)
    const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement
    if (definition?.type === 'function_definition') {
      this.functions.set(definition.childForFieldName('name')!.text, definition)
      return
    }
    const assignment = statement.type === 'expression_statement' ? statement.namedChildren[0] : undefined
    const target = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined
    const value = assignment?.childForFieldName('right')
    if (target?.type !== 'identifier') return
    this.variables.add(target.text)
    if (value) this.tests.declare(target.text, value)
  }

  /** `import a.b as c`, `from .db import engine, seed as s`, `from app import models`: what each bound name stands for */
  private bindImports(statement: Node, loads: boolean): void {
    const span = this.lines.span(statement.startIndex, statement.endIndex)
    const load = (module: string, path: string | undefined) => {
      if (loads && path !== undefined && !this.loads.some((l) => l.path === path)) this.loads.push({ path, specifier: module, span })
    }
    if (statement.type === 'import_statement') {
      for (const name of named(statement)) {
        const module = (name.type === 'aliased_import' ? name.childForFieldName('name') : name)?.text
        if (module === undefined) continue
        const path = resolvePythonModule(this.lines.file, module, this.exists)
        this.imports.set(name.type === 'aliased_import' ? name.childForFieldName('alias')!.text : module, { module, path, name: '*' })
        load(module, path)
      }
      return
    }
    const module = statement.childForFieldName('module_name')?.text
    if (module === undefined) return
    const path = resolvePythonModule(this.lines.file, module, this.exists)
    load(module, path)
    for (const name of statement.childrenForFieldName('name')) {
      if (!name) continue
      const imported = (name.type === 'aliased_import' ? name.childForFieldName('name') : name)!.text
      const local = name.type === 'aliased_import' ? name.childForFieldName('alias')!.text : imported
      // `from app import seed`: a submodule where the package holds one, else a name the module defines
      const submodule = `${module}${module.endsWith('.') ? '' : '.'}${imported}`
      const subpath = resolvePythonModule(this.lines.file, submodule, this.exists)
      if (subpath !== undefined) {
        this.imports.set(local, { module: submodule, path: subpath, name: '*' })
        load(submodule, subpath)
      } else this.imports.set(local, { module, path, name: imported })
    }
  }

  /** a body's statements in order: an `if test: return` above the rest makes them run only where the test is false */
  private block(statements: Node[], context: Context): void {
    let guards = context.guards
    for (const statement of statements) {
      this.visit(statement, { ...context, guards })
      if (statement.type === 'if_statement' && statement.childrenForFieldName('alternative').length === 0 && exits(statement.childForFieldName('consequence'))) {
        const unless = this.guardsUnless(statement.childForFieldName('condition')!, context)
        if (unless) guards = [...guards, ...unless]
      }
    }
  }

  private visit(node: Node, context: Context): void {
    if (DEFERRED.has(node.type)) return
    switch (node.type) {
      case 'decorated_definition': {
        const definition = node.childForFieldName('definition')
        const hook = definition?.type === 'function_definition' ? named(node).find((d) => d.type === 'decorator' && isStartupHook(d)) : undefined
        if (hook) this.callOf(definition!.childForFieldName('name')!, definition!.childForFieldName('name')!, context, { site: hook, definition: definition! })
        return
      }
      case 'if_statement':
        return this.ifStatement(node, context)
      case 'block':
        return this.block(named(node), context)
      case 'call':
        return this.call(node, context)
      case 'keyword_argument': {
        const value = node.childForFieldName('value')
        if (value && STARTUP_KEYWORDS.has(node.childForFieldName('name')?.text ?? '')) for (const ref of value.type === 'list' ? named(value) : [value]) this.callOf(ref, ref, context, { site: node })
        break
      }
    }
    for (const child of named(node)) this.visit(child, { ...context, topLevel: false })
  }

  /** `if`/`elif`/`else`: each branch under its test and the negation of the tests before it; `if __name__ == "__main__":` at the top only when run as the program */
  private ifStatement(node: Node, context: Context): void {
    const condition = node.childForFieldName('condition')!
    const consequence = node.childForFieldName('consequence')
    if (context.topLevel && isMainTest(condition)) {
      this.asMain ??= { effects: [], calls: [] }
      if (consequence) this.block(named(consequence), { ...context, into: this.asMain, topLevel: false })
    } else {
      this.visit(condition, context)
      const when = this.guardsWhen(condition, context)
      if (consequence) this.block(named(consequence), { ...context, guards: [...context.guards, ...when] })
    }
    let guards = [...context.guards, ...(isMainTest(condition) ? [] : (this.guardsUnless(condition, context) ?? []))]
    for (const alternative of node.childrenForFieldName('alternative')) {
      if (!alternative) continue
      const test = alternative.type === 'elif_clause' ? alternative.childForFieldName('condition') : null
      const body = alternative.childForFieldName(alternative.type === 'elif_clause' ? 'consequence' : 'body')
      const when = test ? this.guardsWhen(test, context) : []
      if (body) this.block(named(body), { ...context, guards: [...guards, ...when] })
      if (test) guards = [...guards, ...(this.guardsUnless(test, context) ?? [])]
    }
  }

  /**
   * What a test establishes when true: a test of the environment as its guards; one that reads the
   * settings, or a parameter of the function it is in (`if config_name == "testing":`, what the
   * caller passes), undecided; any other none
   */
  private guardsWhen(test: Node, context: Context): Guard[] {
    return this.tests.guardsWhen(test) ?? this.tests.opaqueIfEnv(test) ?? (readsAny(test, context.parameters) ? [this.parameterTest(test, false, context)] : [])
  }

  /** the same for the code after `if test: return`, where the test is false */
  private guardsUnless(test: Node, context: Context): Guard[] | undefined {
    return this.tests.guardsUnless(test) ?? (readsAny(test, context.parameters) ? [this.parameterTest(test, true, context)] : undefined)
  }

  /** a test of what the caller passes, undecided here; `drop`, `not drop` of a parameter the call can decide say which */
  private parameterTest(test: Node, negated: boolean, context: Context): Guard {
    const guard = this.tests.opaque(test, negated)
    const inverted = test.type === 'not_operator'
    const name = inverted ? test.childForFieldName('argument') : test
    const parameter = name?.type === 'identifier' ? context.bindable?.get(name.text) : undefined
    return parameter ? { ...guard, parameter: { ...parameter, truthy: negated === inverted } } : guard
  }

  private call(node: Node, context: Context): void {
    const fn = node.childForFieldName('function')
    const args = argumentsOf(node)
    this.effectOfCall(node, context)
    if (fn) this.callOf(fn, node, context)
    this.serverStarted(fn, args, node, context)
    // `app.add_event_handler("startup", init_db)`: the handler runs as the app starts
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'add_event_handler' && STARTUP_EVENTS.has(stringOf(args[0]) ?? '') && args[1]) this.callOf(args[1], args[1], context, { site: node })
    if (fn) this.visit(fn, context)
    for (const arg of args) this.visit(arg, context)
  }

  /**
   * A call of a function of this module, of another module of the project, or one named for seeding;
   * or, with `startup`, a function the server runs as the app starts, handed over at `site`: one of
   * the module's own (top-level) functions or of another project module is then a call the chain
   * shows, a nested one (a hook inside a factory, its `definition`) runs in place.
   */
  private callOf(ref: Node, call: Node, context: Context, startup?: { site: Node; definition?: Node }): void {
    const own = ref.type === 'identifier' ? this.functions.get(ref.text) : undefined
    const target = own ? undefined : this.importedCallee(ref)
    const name = ref.type === 'attribute' ? ref.childForFieldName('attribute')!.text : ref.type === 'identifier' ? ref.text : undefined
    const code = call === ref ? `${ref.text}()` : oneLine(call.text)
    if (target && isSeedModule(target.module)) {
      const confidence = isSeedPath(target.module.replaceAll('.', '/')) ? 'high' : 'medium'
      this.record('seed', call, `calls \`${name}\` of the seed module ${target.module}`, confidence, context, code)
      return
    }
    // the project's own function named for seeding (`seed_db()`, `populate_demo_data()`): what it writes is not read, its name says it
    if (name !== undefined && isSeedCommandName(name) && !RANDOM_SEEDING.test(name) && (own || target?.path !== undefined || (!target && !this.fromOutside(ref)))) {
      this.record('seed', call, `calls \`${name}\`, named for seeding the database`, 'medium', context, code)
    }
    const via = startup && `runs ${ref.text} at startup (\`${oneLine(startup.site.text)}\`)`
    const site = startup?.site ?? call
    const span = this.lines.span(site.startIndex, site.endIndex)
    if (own && (startup?.definition === undefined || own.id === startup.definition.id)) {
      if (via === undefined) this.runFunction(own, context)
      else context.into.calls.push({ path: this.lines.file, name: ref.text, span, guards: context.guards, via })
    } else if (startup?.definition) this.runFunction(startup.definition, context)
    else if (target?.path !== undefined) {
      const args = call === ref ? undefined : constantArguments(call)
      context.into.calls.push({ path: target.path, name: target.name, span, guards: context.guards, ...(via !== undefined && { via }), ...(args && { arguments: args }) })
    }
  }

  /**
   * `uvicorn.run("app.main:app", …)`: the server it starts imports that module, as `uvicorn app.main:app`
   * would (https://www.uvicorn.org/deployment/#running-programmatically); an app object (`uvicorn.run(app)`)
   * is this module's own.
   */
  private serverStarted(fn: Node | null, args: Node[], call: Node, context: Context): void {
    const imported = fn?.type === 'attribute' ? this.imports.get(fn.childForFieldName('object')!.text) : fn?.type === 'identifier' ? this.imports.get(fn.text) : undefined
    const runs = fn?.type === 'attribute' ? imported?.name === '*' && fn.childForFieldName('attribute')!.text === 'run' : imported?.name === 'run'
    const spec = imported?.module === 'uvicorn' && runs ? stringOf(args[0]) : undefined
    const module = spec === undefined ? undefined : /^([A-Za-z_][\w.]*):/.exec(spec)?.[1]
    const path = module === undefined ? undefined : resolvePythonModule(this.lines.file, module, this.exists)
    if (path === undefined) return
    ;(context.into.imports ??= []).push({ path, specifier: spec!, span: this.lines.span(call.startIndex, call.endIndex), guards: context.guards })
  }

  /** `init_data` of `from app.seed import init_data`, `seed.run` of `from app import seed` or `import app.seed as seed` */
  private importedCallee(ref: Node): { module: string; path: string | undefined; name: string } | undefined {
    if (ref.type === 'identifier') {
      const imported = this.imports.get(ref.text)
      return imported && imported.name !== '*' ? imported : undefined
    }
    if (ref.type !== 'attribute') return undefined
    const imported = this.imports.get(ref.childForFieldName('object')!.text)
    return imported?.name === '*' ? { module: imported.module, path: imported.path, name: ref.childForFieldName('attribute')!.text } : undefined
  }

  /** a method of an object from a library (`random.seed(1)`, `np.random.seed`, `rng.seed`), not of the project */
  private fromOutside(ref: Node): boolean {
    if (ref.type !== 'attribute') return false
    const object = ref.childForFieldName('object')!
    const root = object.text.split('.')[0]!
    const imported = this.imports.get(root) ?? this.imports.get(object.text)
    return RANDOM_RECEIVER.test(object.text) || (imported !== undefined && imported.path === undefined && !isSeedPath(imported.module.replaceAll('.', '/')))
  }

  private runFunction(fn: Node, context: Context): void {
    if (context.depth >= MAX_CALL_DEPTH || context.within.has(fn.id)) return
    const body = fn.childForFieldName('body')
    const parameters = new Set([...context.parameters, ...parameterNames(fn)])
    const bindable = context.depth === 0 ? bindableParameters(fn) : undefined
    if (body) this.block(named(body), { ...context, depth: context.depth + 1, within: new Set([...context.within, fn.id]), topLevel: false, parameters, bindable })
  }

  /**
   * The calls that wipe, or load data by themselves:
   * - SQLAlchemy `MetaData.drop_all()` drops every table of the metadata
   *   (https://docs.sqlalchemy.org/en/20/core/metadata.html#sqlalchemy.schema.MetaData.drop_all), as
   *   Flask-SQLAlchemy's `db.drop_all()` (https://flask-sqlalchemy.readthedocs.io/en/stable/api/#flask_sqlalchemy.SQLAlchemy.drop_all)
   *   and SQLModel's `SQLModel.metadata.drop_all(engine)` do, and `conn.run_sync(Base.metadata.drop_all)` on an
   *   async connection (https://docs.sqlalchemy.org/en/20/orm/extensions/asyncio.html#synopsis-core); `create_all()` keeps existing tables.
   * - sqlalchemy-utils `drop_database(url)` drops the database (https://sqlalchemy-utils.readthedocs.io/en/latest/database_helpers.html#drop-database).
   * - Tortoise ORM `Tortoise._drop_databases()` drops the databases (https://tortoise.github.io/setup.html);
   *   `generate_schemas()` only creates what is missing.
   * - peewee `Database.drop_tables(models)` (https://docs.peewee-orm.com/en/latest/peewee/api.html#Database.drop_tables).
   * - Django `call_command("flush")` empties every table, `call_command("loaddata", …)` loads fixtures
   *   (https://docs.djangoproject.com/en/stable/ref/django-admin/#running-management-commands-from-your-code).
   */
  private effectOfCall(call: Node, context: Context): void {
    const fn = call.childForFieldName('function')
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')!.text : undefined
    const name = method ?? (fn?.type === 'identifier' ? fn.text : undefined)
    if (name === undefined || (fn?.type === 'identifier' && this.functions.has(name))) return
    const change = `Drop \`${oneLine(call.text)}\` from the code production starts: create the schema with \`create_all()\` (it keeps existing tables) or with migrations, and reset only development databases, by hand`
    switch (name) {
      case 'drop_all':
        if (method !== undefined) this.record('wipe', call, /metadata$/.test(fn!.childForFieldName('object')!.text) ? "SQLAlchemy's `metadata.drop_all()` drops every table of the models, with their rows" : 'Flask-SQLAlchemy `drop_all()` drops every table of the models, with their rows', 'high', context, undefined, change)
        return
      case 'run_sync': {
        // an async engine runs it on a connection: `await conn.run_sync(Base.metadata.drop_all)`
        const fnArg = argumentsOf(call)[0]
        if (fnArg?.type === 'attribute' && fnArg.childForFieldName('attribute')!.text === 'drop_all') this.record('wipe', call, "SQLAlchemy's `metadata.drop_all()`, run on an async connection, drops every table of the models, with their rows", 'high', context, undefined, change)
        return
      }
      case 'drop_database':
        this.record('wipe', call, 'sqlalchemy-utils `drop_database()` drops the whole database', 'high', context, undefined, change)
        return
      case '_drop_databases':
        this.record('wipe', call, 'Tortoise ORM `_drop_databases()` drops the databases', 'high', context, undefined, change)
        return
      case 'drop_tables':
        if (method !== undefined) this.record('wipe', call, 'peewee `drop_tables()` drops the tables of the models, with their rows', 'high', context, undefined, change)
        return
      case 'call_command': {
        const command = stringOf(argumentsOf(call)[0])
        if (command === 'flush') this.record('wipe', call, "Django's `flush` removes all data from the database", 'high', context)
        else if (command === 'loaddata') this.record('seed', call, "Django's `loaddata` loads fixtures into the database", 'high', context)
        return
      }
    }
  }

  private record(effect: Effect, node: Node, note: string, confidence: Confidence, context: Context, code = oneLine(node.text), change = `${NOT_MOVED} (\`${code}\`)`): void {
    context.into.effects.push({ effect, code, note, change, span: this.lines.span(node.startIndex, node.endIndex), confidence, guards: context.guards })
  }
}

/** `app.db.seed`, `seeds`, `.initial_seed`: a module named for seeding */
function isSeedModule(module: string): boolean {
  const path = module.replaceAll('.', '/')
  return isSeedPath(path) || mentionsSeed(path)
}

function named(node: Node): Node[] {
  return node.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment')
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ')
}

/** `def f(a, b: str, c="x", *args, d: int = 1, **kw)`: a, b, c, args, d, kw */
function parameterNames(fn: Node): string[] {
  return named(fn.childForFieldName('parameters') ?? fn).flatMap((p) => {
    const name = p.type === 'identifier' ? p : (p.childForFieldName('name') ?? named(p).find((c) => c.type === 'identifier'))
    return name?.type === 'identifier' ? [name.text] : []
  })
}

/**
 * `def f(a, b=False, *, drop=False)`: each parameter's place among the positional ones and the truth
 * of a constant default; none that the body assigns again, nor where `self`/`cls` or `*args` make the
 * places uncertain
 */
function bindableParameters(fn: Node): Map<string, Omit<CodeParameter, 'truthy'>> {
  const bindable = new Map<string, Omit<CodeParameter, 'truthy'>>()
  const list = named(fn.childForFieldName('parameters') ?? fn)
  const assigned = new Set(
    fn.childForFieldName('body')?.descendantsOfType(['assignment', 'augmented_assignment', 'for_statement', 'global_statement', 'nonlocal_statement']).flatMap((n) => {
      const left = n?.type === 'global_statement' || n?.type === 'nonlocal_statement' ? n : n?.childForFieldName('left')
      return left ? (left.type === 'identifier' ? [left.text] : left.descendantsOfType('identifier').map((i) => i?.text ?? '')) : []
    }) ?? [],
  )
  let position: number | undefined = 0
  for (const p of list) {
    if (p.type === 'list_splat_pattern' || p.type === 'keyword_separator' || p.type === 'dictionary_splat_pattern') {
      position = undefined
      continue
    }
    if (p.type === 'positional_separator') continue
    const name = p.type === 'identifier' ? p : p.childForFieldName('name')
    if (name?.type !== 'identifier') return new Map()
    if (['self', 'cls'].includes(name.text) && position === 0) return new Map()
    const value = p.childForFieldName('value')
    const fallback = value ? truthOf(value) : undefined
    if (!assigned.has(name.text)) bindable.set(name.text, { name: name.text, ...(position !== undefined && { position }), ...(fallback !== undefined && { fallback }) })
    if (position !== undefined) position++
  }
  return bindable
}

/** the truth of each constant argument of a call; undefined where it spreads `*args` or `**kwargs` */
function constantArguments(call: Node): CallArguments | undefined {
  const args: CallArguments = { positional: [], keywords: {} }
  for (const arg of argumentsOf(call)) {
    if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') return undefined
    if (arg.type === 'keyword_argument') args.keywords[arg.childForFieldName('name')!.text] = truthOf(arg.childForFieldName('value'))
    else args.positional.push(truthOf(arg))
  }
  return args
}

/** the truth of a constant: `True`, `False`, `None`, a number, a plain string; undefined for anything computed */
function truthOf(node: Node | null): boolean | undefined {
  switch (node?.type) {
    case 'true':
      return true
    case 'false':
    case 'none':
      return false
    case 'integer':
    case 'float':
      return Number(node.text.replaceAll('_', '')) !== 0
    case 'string': {
      const value = stringOf(node)
      return value === undefined ? undefined : value !== ''
    }
  }
  return undefined
}

/** the test reads one of the names: not an attribute (`x.name`) nor a keyword (`f(name=…)`) spelled so */
function readsAny(test: Node, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false
  const ids = test.type === 'identifier' ? [test] : test.descendantsOfType('identifier').filter((n): n is Node => n !== null)
  return ids.some((id) => names.has(id.text) && !['attribute', 'name'].some((field) => id.parent?.childForFieldName(field)?.id === id.id))
}

/** `__name__ == "__main__"` (either side) */
function isMainTest(condition: Node): boolean {
  if (condition.type !== 'comparison_operator') return false
  const sides = named(condition)
  return sides.length === 2 && sides.some((s) => s.text === '__name__') && sides.some((s) => stringOf(s) === '__main__')
}

/** `@app.on_event("startup")`, `@app.before_serving`, `@app.listener("before_server_start")`, `@app.before_server_start` */
function isStartupHook(decorator: Node): boolean {
  const expression = named(decorator)[0]
  if (expression?.type === 'attribute') return STARTUP_DECORATORS.has(expression.childForFieldName('attribute')!.text)
  if (expression?.type !== 'call') return false
  const fn = expression.childForFieldName('function')
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')!.text : undefined
  if (method !== undefined && STARTUP_DECORATORS.has(method)) return true
  return (method === 'on_event' || method === 'listener') && STARTUP_EVENTS.has(stringOf(argumentsOf(expression)[0]) ?? '')
}

/** `return`, `raise`, `sys.exit(…)` as the last statement of a block */
function exits(block: Node | null): boolean {
  const last = block ? named(block).at(-1) : undefined
  if (last?.type === 'return_statement' || last?.type === 'raise_statement') return true
  const call = last?.type === 'expression_statement' ? last.namedChildren[0] : undefined
  return call?.type === 'call' && /^(?:sys\.exit|exit|quit|os\._exit)$/.test(call.childForFieldName('function')?.text ?? '')
}
