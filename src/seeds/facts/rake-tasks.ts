// https://ruby.github.io/rake/doc/rakefile_rdoc.html ; parsed with Prism, Ruby's own parser (WASM)
import type { Span } from '../../model/span.js'
import type { Guard } from '../../model/guard.js'
import { negateGuards } from '../../model/guard.js'
import type { FileCache } from '../../project/files.js'
import { RubyConditions, type RubyNode } from './ruby-guards.js'
import { importPrism } from '../../util/on-demand.js'

/** The database tasks a project's own rake task runs, as prerequisites or `Rake::Task[…].invoke`. */
export interface RakeTask {
  name: string
  /** where the task is (first) defined: a hop of the chain into it */
  span: Span
  /** `db:seed`, `db:setup` … with the place that runs each, and the conditions it runs under (an unreadable one is opaque) */
  runs: { task: string; span: Span; guards: Guard[] }[]
  /** its block does more than invoke tasks and print (truncates, clears a cache …): removing it removes more than those tasks */
  ownCode: boolean
}

export type Prism = typeof import('@ruby/prism')

// calls that run other tasks or only print: a task made of them does nothing of its own
const BOOKKEEPING = new Set(['invoke', 'execute', 'reenable', 'puts', 'print', 'p', 'pp'])
/** a Prism node as the visitors read it */
export type PrismNode = { location: { startOffset: number; length: number } } & Record<string, unknown>
type Node = PrismNode

/**
 * Reads `Rakefile` and `lib/tasks/**\/*.rake` so `bin/rails demo:reset` can be followed to the
 * `db:seed` it invokes. The parser is loaded only when such files exist.
 */
export async function loadRakeTasks(cache: FileCache): Promise<Map<string, RakeTask>> {
  const files = cache.files.list().filter((f) => /(^|\/)lib\/tasks\/.+\.rake$/.test(f) || /(^|\/)Rakefile$/.test(f))
  const tasks = new Map<string, RakeTask>()
  if (files.length === 0) return tasks
  const { prism, parse } = await loadPrismQuietly()
  for (const file of files) {
    const lines = cache.get(file)
    if (!lines) continue
    let program: Node
    try {
      program = parse(lines.text).value as unknown as Node
    } catch {
      continue
    }
    const bytes = Buffer.from(lines.text)
    const span = (node: Node): Span => {
      const start = bytes.subarray(0, node.location.startOffset).toString().length
      const end = bytes.subarray(0, node.location.startOffset + node.location.length).toString().length
      return lines.span(start, end)
    }
    new TaskVisitor(prism, span, tasks, new RubyConditions(prism, span as (node: RubyNode) => Span, lines.text)).visit(program)
  }
  return tasks
}

function makeVisitor(prism: Prism) {
  return prism.Visitor as unknown as new () => { visit(node: Node): void; visitCallNode(node: Node): void; visitIfNode(node: Node): void; visitUnlessNode(node: Node): void }
}

class TaskVisitor {
  private readonly namespaces: string[] = []
  private current: RakeTask | undefined
  /** the conditions the code being visited runs under */
  private guards: Guard[] = []
  private readonly inner: InstanceType<ReturnType<typeof makeVisitor>>

  constructor(
    private readonly prism: Prism,
    private readonly span: (node: Node) => Span,
    private readonly tasks: Map<string, RakeTask>,
    private readonly conditions: RubyConditions,
  ) {
    const Base = makeVisitor(prism)
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this
    this.inner = new (class extends Base {
      override visitCallNode(node: Node): void {
        if (!self.enterCall(node)) super.visitCallNode(node)
      }
      override visitIfNode(node: Node): void {
        self.branch(node, node.statements as Node | null, node.subsequent as Node | null, false)
      }
      override visitUnlessNode(node: Node): void {
        self.branch(node, node.statements as Node | null, node.elseClause as Node | null, true)
      }
    })()
  }

  visit(node: Node): void {
    this.inner.visit(node)
  }

  /** `if`/`unless` (also as modifiers): the body runs when the predicate holds (fails, for unless), the else branch otherwise */
  private branch(node: Node, body: Node | null, otherwise: Node | null, unless: boolean): void {
    this.inner.visit(node.predicate as Node)
    // a condition that does not read the environment (a file exists, a count is zero) decides nothing a deploy sets: opaque
    const when = this.conditions.guards(node.predicate as RubyNode) ?? [{ variable: 'condition', op: 'opaque', values: [], negated: false, text: 'a condition', span: this.span(node.predicate as Node) }]
    const outer = this.guards
    const [thenGuards, elseGuards] = unless ? [negateGuards(when), when] : [when, negateGuards(when)]
    this.guards = [...outer, ...thenGuards]
    if (body) this.inner.visit(body)
    this.guards = [...outer, ...elseGuards]
    if (otherwise) this.inner.visit(otherwise)
    this.guards = outer
  }

  /** true when the call was handled here (its block already visited) */
  private enterCall(node: Node): boolean {
    const name = node.name as string
    const args = ((node.arguments_ as Node | null)?.arguments_ as Node[] | undefined) ?? []
    const block = node.block as Node | null
    if (name === 'namespace' && args[0] && block) {
      this.namespaces.push(this.text(args[0]) ?? '')
      this.inner.visit(block)
      this.namespaces.pop()
      return true
    }
    if (name === 'task' && args[0]) {
      const { task, prerequisites } = this.taskHead(args[0])
      if (!task) return false
      const full = [...this.namespaces, task].join(':')
      const entry: RakeTask = this.tasks.get(full) ?? { name: full, span: this.span(node), runs: [], ownCode: false }
      this.tasks.set(full, entry)
      for (const p of prerequisites) entry.runs.push({ task: p.name, span: this.span(p.node), guards: [] })
      if (block) {
        // a `begin … rescue` body is code of its own too
        const body = block.body as Node | null
        const statements: unknown[] = body instanceof this.prism.StatementsNode ? body.body : body ? [body] : []
        entry.ownCode ||= statements.some((statement) => !(statement instanceof this.prism.CallNode && BOOKKEEPING.has(statement.name)))
        const [outer, outerGuards] = [this.current, this.guards]
        this.current = entry
        this.guards = []
        this.inner.visit(block)
        this.current = outer
        this.guards = outerGuards
      }
      return true
    }
    // Rake::Task["db:seed"].invoke / .execute
    if ((name === 'invoke' || name === 'execute' || name === 'reenable') && this.current) {
      const receiver = node.receiver as Node | null
      const target = receiver && (receiver.name as string) === '[]' ? (((receiver.arguments_ as Node | null)?.arguments_ as Node[] | undefined) ?? [])[0] : undefined
      const task = target && this.text(target)
      if (task && name !== 'reenable') this.current.runs.push({ task, span: this.span(node), guards: this.guards })
    }
    return false
  }

  /** `task :seed`, `task seed: :environment`, `task seed: [:a, "db:seed"]`, `task :seed => "db:seed"` */
  private taskHead(arg: Node): { task: string | undefined; prerequisites: { name: string; node: Node }[] } {
    const direct = this.text(arg)
    if (direct !== undefined) return { task: direct, prerequisites: [] }
    const elements = (arg.elements as Node[] | undefined) ?? []
    const assoc = elements[0]
    if (!assoc) return { task: undefined, prerequisites: [] }
    const value = assoc.value as Node
    const values = (value.elements as Node[] | undefined) ?? [value]
    const prerequisites = values.map((v) => ({ name: this.text(v), node: v })).filter((p): p is { name: string; node: Node } => p.name !== undefined)
    return { task: this.text(assoc.key as Node), prerequisites }
  }

  private text(node: Node): string | undefined {
    if (node instanceof this.prism.SymbolNode || node instanceof this.prism.StringNode) return (node.unescaped as { value: string }).value
    return undefined
  }
}

/** Node prints an "experimental" warning for the WASI the parser runs on; it is not the user's concern */
export async function loadPrismQuietly(): Promise<{ prism: Prism; parse: Awaited<ReturnType<Prism['loadPrism']>> }> {
  const emit = process.emitWarning
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (!String(warning).includes('WASI')) (emit as (...a: unknown[]) => void).call(process, warning, ...rest)
  }) as typeof process.emitWarning
  try {
    const prism = await importPrism()
    return { prism, parse: await prism.loadPrism() }
  } finally {
    process.emitWarning = emit
  }
}
