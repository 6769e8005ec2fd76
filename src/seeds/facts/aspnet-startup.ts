// https://learn.microsoft.com/en-us/aspnet/core/fundamentals/startup ; parsed with tree-sitter's C# grammar (WASM)
import type { Node } from 'web-tree-sitter'
import { anyOf, negateGuards, type Guard } from '../../model/guard.js'
import type { Span } from '../../model/span.js'
import type { FileCache } from '../../project/files.js'
import type { LineIndex } from '../../util/line-index.js'
import { importTreeSitter } from '../../util/on-demand.js'
import { basenameOf, dirnameOf, joinPath } from '../../util/paths.js'
import { elementsAt, parseXml } from '../../util/xml.js'

// An ASP.NET Core app that seeds in its own startup code (`await CatalogContextSeed.SeedAsync(…)` in
// Program.cs, `SeedData.Initialize(services)` in Startup.Configure) seeds wherever it starts,
// production too, unless an `if (app.Environment.IsDevelopment())` around the call says otherwise.
// Those tests read the host's environment name: ASPNETCORE_ENVIRONMENT or DOTNET_ENVIRONMENT (which
// one wins where both are set depends on the host builder), Production when neither is set
// (https://learn.microsoft.com/en-us/aspnet/core/fundamentals/environments), compared ignoring case
// (HostEnvironmentEnvExtensions.IsEnvironment). Only the code that runs at startup is
// read: Program.cs's top-level statements or Main, and Startup's Configure; a call inside a lambda
// (a request handler), a local function or another method is not followed.

/** One call at startup that seeds or wipes the database, with the conditions it runs under. */
export interface StartupCall {
  effect: 'seed' | 'wipe'
  /** the call as written, on one line */
  text: string
  span: Span
  /** the `if` tests around it, on the environment name; anything else there is opaque */
  guards: Guard[]
}

/** A web app project (`Sdk="Microsoft.NET.Sdk.Web"`) and what its startup code seeds or wipes. */
export interface AspNetApp {
  /** the *.csproj */
  project: string
  /** the directory of the project: `dotnet run --project <dir>` */
  dir: string
  /** the assembly `dotnet <name>.dll` starts: AssemblyName, else the project file's name */
  assembly: string
  calls: StartupCall[]
}

export const ENVIRONMENT_VARIABLE = 'ASPNETCORE_ENVIRONMENT'
/** the environment the host runs as when no variable names one */
const DEFAULT_ENVIRONMENT = 'Production'
const WEB_SDK = /<Project\b[^>]*\bSdk\s*=\s*["']Microsoft\.NET\.Sdk\.Web["']/
// a cheap look before the parser: no call named for seeding or wiping, nothing to parse
const MAY_SEED = /Seed|Initiali[sz]e|EnsureDeleted/

/** The web app projects of a repository whose startup code seeds or wipes; the parser loads only where one may. */
export async function loadAspNetApps(cache: FileCache): Promise<AspNetApp[]> {
  const projects = cache.files.list().filter((path) => path.endsWith('.csproj') && WEB_SDK.test(cache.get(path)?.text ?? ''))
  const sources = projects.map((project) => ({ project, files: startupFiles(cache, dirnameOf(project)).filter((file) => MAY_SEED.test(cache.get(file)!.text)) }))
  if (sources.every((s) => s.files.length === 0)) return []
  const parser = await (await importTreeSitter()).treeSitterParser('csharp')
  const apps: AspNetApp[] = []
  for (const { project, files } of sources) {
    const calls = files.flatMap((file) => {
      const lines = cache.get(file)!
      const tree = parser.parse(lines.text)
      if (!tree) return []
      try {
        return new StartupReader(lines).read(tree.rootNode, basenameOf(file) === 'Startup.cs' ? 'Configure' : 'Main')
      } finally {
        tree.delete()
      }
    })
    if (calls.length > 0) apps.push({ project, dir: dirnameOf(project), assembly: assemblyOf(cache.get(project)!, project), calls })
  }
  return apps
}

function startupFiles(cache: FileCache, dir: string): string[] {
  return ['Program.cs', 'Startup.cs'].flatMap((name) => {
    const file = joinPath(dir, name)
    return file !== undefined && cache.get(file) ? [file] : []
  })
}

function assemblyOf(lines: LineIndex, project: string): string {
  const parsed = parseXml(lines)
  const named = 'root' in parsed ? elementsAt(parsed.root, 'PropertyGroup', 'AssemblyName').find((e) => e.text !== '') : undefined
  return named?.text ?? basenameOf(project).replace(/\.csproj$/, '')
}

// code in these runs later, or when called: a request handler, a callback, a function
const DEFERRED = new Set(['lambda_expression', 'anonymous_method_expression', 'local_function_statement', 'method_declaration', 'constructor_declaration', 'property_declaration'])
/** `Seed`, `SeedAsync`, `SeedDatabase`, `EnsureSeedData`, …: named for seeding whatever it is called on */
const SEED_METHOD = /^(?:Ensure)?Seed(?:[A-Z]\w*)?$/
/** `SeedData.Initialize`, `DbInitializer.Initialize`, `seeder.Run()`: a receiver named for seeding */
const SEED_RECEIVER = /Seed|^DbInitiali[sz]er$/
const ENVIRONMENT_TESTS: Record<string, string> = { IsDevelopment: 'Development', IsProduction: 'Production', IsStaging: 'Staging' }

class StartupReader {
  constructor(private readonly lines: LineIndex) {}

  /** the seeding and wiping calls that run at startup: at the top level, or in the method `entry` */
  read(root: Node, entry: string): StartupCall[] {
    const calls: StartupCall[] = []
    for (const call of root.descendantsOfType('invocation_expression')) {
      if (!call) continue
      const effect = effectOf(call)
      if (!effect || !this.runsAtStart(call, entry)) continue
      calls.push({ effect, text: call.text.replace(/\s+/g, ' '), span: this.span(call), guards: this.guardsAround(call) })
    }
    return calls
  }

  /** not deferred, and inside the entry method where it is in one */
  private runsAtStart(call: Node, entry: string): boolean {
    for (let node = call.parent; node; node = node.parent) {
      if (!DEFERRED.has(node.type)) continue
      if (node.type !== 'method_declaration' || node.childForFieldName('name')?.text !== entry) return false
      return ![...ancestors(node)].some((above) => DEFERRED.has(above.type))
    }
    return call.tree.rootNode.descendantsOfType('global_statement').length > 0
  }

  /** the tests of the `if`s around the call: their condition where it is in the `then`, negated in the `else` */
  private guardsAround(call: Node): Guard[] {
    const guards: Guard[] = []
    let inner = call
    for (const node of ancestors(call)) {
      if (node.type === 'if_statement') {
        const condition = node.childForFieldName('condition')
        if (condition && inner.id !== condition.id) {
          const when = this.guardsWhen(condition)
          guards.unshift(...(node.childForFieldName('alternative')?.id === inner.id ? negateGuards(when) : when))
        }
      }
      inner = node
    }
    return guards
  }

  /** what a condition establishes when true: `&&` both, `||` one of them, `!` the opposite; anything else opaque */
  private guardsWhen(node: Node): Guard[] {
    if (node.type === 'parenthesized_expression') return this.guardsWhen(node.namedChildren[0] ?? node)
    if (node.type === 'prefix_unary_expression' && node.child(0)?.text === '!') return negateGuards(this.guardsWhen(node.namedChildren[0] ?? node))
    if (node.type === 'binary_expression') {
      const operator = node.childForFieldName('operator')?.text
      const [left, right] = [node.childForFieldName('left'), node.childForFieldName('right')]
      if (left && right && operator === '&&') return [...this.guardsWhen(left), ...this.guardsWhen(right)]
      if (left && right && operator === '||') {
        const either = anyOf([this.guardsWhen(left), this.guardsWhen(right)])
        if (either.length > 0) return either
      }
    }
    const environment = environmentTested(node)
    const span = this.span(node)
    if (environment === undefined) return [{ variable: ENVIRONMENT_VARIABLE, op: 'opaque', values: [], negated: false, text: node.text.replace(/\s+/g, ' '), span }]
    // the host compares names ignoring case: the spellings a deploy sets
    const values = [...new Set([environment, environment.toLowerCase(), environment.toUpperCase()])]
    return [{ variable: ENVIRONMENT_VARIABLE, op: 'eq', values, negated: false, fallback: { value: DEFAULT_ENVIRONMENT, ifEmpty: true }, span }]
  }

  private span(node: Node): Span {
    return this.lines.span(node.startIndex, node.endIndex)
  }
}

function* ancestors(node: Node): Generator<Node> {
  for (let above = node.parent; above; above = above.parent) yield above
}

/** the method a call names and the last name of what it is called on: `CatalogContextSeed.SeedAsync(…)` */
function calleeOf(call: Node): { method: string; receiver: string | undefined } | undefined {
  let fn = call.childForFieldName('function')
  if (fn?.type === 'generic_name') fn = fn.namedChildren[0] ?? fn
  if (fn?.type === 'identifier') return { method: fn.text, receiver: undefined }
  if (fn?.type !== 'member_access_expression') return undefined
  const name = fn.childForFieldName('name')
  const method = name?.type === 'generic_name' ? name.namedChildren[0]?.text : name?.text
  const expression = fn.childForFieldName('expression')
  const last = expression?.type === 'member_access_expression' ? expression.childForFieldName('name') : expression
  return method === undefined ? undefined : { method, receiver: last?.text }
}

/** `Database.EnsureDeleted()` drops the database (https://learn.microsoft.com/en-us/ef/core/managing-schemas/ensure-created); seeding calls by name */
function effectOf(call: Node): StartupCall['effect'] | undefined {
  const callee = calleeOf(call)
  if (!callee) return undefined
  if (/^EnsureDeleted(?:Async)?$/.test(callee.method) && callee.receiver === 'Database') return 'wipe'
  if (SEED_METHOD.test(callee.method)) return 'seed'
  return callee.receiver !== undefined && SEED_RECEIVER.test(callee.receiver) && /^(?:Initiali[sz]e|Run|Execute)(?:Async)?$/.test(callee.method) ? 'seed' : undefined
}

/** `env.IsDevelopment()`, `app.Environment.IsProduction()`, `IsEnvironment("Testing")`: the name tested */
function environmentTested(node: Node): string | undefined {
  if (node.type !== 'invocation_expression') return undefined
  const callee = calleeOf(node)
  const args = node.childForFieldName('arguments')?.namedChildren ?? []
  if (!callee) return undefined
  if (Object.hasOwn(ENVIRONMENT_TESTS, callee.method) && args.length === 0) return ENVIRONMENT_TESTS[callee.method]
  const literal = args.length === 1 ? args[0]?.namedChildren[0] : undefined
  if (callee.method !== 'IsEnvironment' || literal?.type !== 'string_literal') return undefined
  return literal.namedChildren.length === 1 && literal.namedChildren[0]!.type === 'string_literal_content' ? literal.namedChildren[0]!.text : literal.namedChildren.length === 0 ? '' : undefined
}
