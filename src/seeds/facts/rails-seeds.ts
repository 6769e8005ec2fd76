// `rails db:seed` loads db/seeds.rb (Rails::Engine#load_seed: `load(seeds_file)`), so a seeds.rb that
// opens with `return if Rails.env.production?`, or holds its writes inside
// `if Rails.env.development? || Rails.env.staging? … end`, writes nothing where that test fails, as
// `[ "$RAILS_ENV" != production ] && rails db:seed` does not run (the JavaScript twin:
// script-guards.ts). A top-level `return` ends a loaded file (Ruby 2.4+, NEWS "Top-level return");
// `exit`/`abort` end the rake run before the writes. Only tests before any statement that could
// write count; the tests are read as every Ruby guard is (ruby-guards.ts), an unreadable one opaque.
import type { Guard } from '../../model/guard.js'
import { negateGuards } from '../../model/guard.js'
import type { Span } from '../../model/span.js'
import type { FileCache } from '../../project/files.js'
import type { LineIndex } from '../../util/line-index.js'
import { loadPrismQuietly, type Prism, type PrismNode as Node } from './rake-tasks.js'
import { RubyConditions, type RubyNode } from './ruby-guards.js'

const SEEDS = /(^|\/)db\/seeds\.rb$/
// a cheap look before the parser: no environment test, no guard
const MAY_GUARD = /Rails\.env|\bENV\b/
// calls that load code or print: nothing is written before the guard
const INERT_CALLS = new Set(['require', 'require_relative', 'puts', 'print', 'p', 'pp'])
const ENDS = new Set(['exit', 'exit!', 'abort'])

/** The guards each app's db/seeds.rb establishes at its top, by path. */
export async function loadRailsSeedGuards(cache: FileCache): Promise<Map<string, Guard[]>> {
  const files = cache.files.list().filter((path) => SEEDS.test(path) && MAY_GUARD.test(cache.get(path)?.text ?? ''))
  const out = new Map<string, Guard[]>()
  if (files.length === 0) return out
  const { prism, parse } = await loadPrismQuietly()
  for (const file of files) {
    const lines = cache.get(file)!
    const result = parse(lines.text)
    if ((result.errors ?? []).length > 0) continue
    const program = result.value as unknown as Node
    const body = (((program.statements as Node | null)?.body as Node[] | undefined) ?? [])
    const guards = new OpeningReader(prism, lines).read(body)
    if (guards.length > 0) out.set(file, guards)
  }
  return out
}

class OpeningReader {
  private readonly conditions: RubyConditions

  constructor(
    private readonly prism: Prism,
    lines: LineIndex,
  ) {
    const bytes = Buffer.from(lines.text)
    const span = (node: RubyNode): Span => {
      const start = bytes.subarray(0, node.location.startOffset).toString().length
      return lines.span(start, bytes.subarray(0, node.location.startOffset + node.location.length).toString().length)
    }
    this.conditions = new RubyConditions(prism, span, lines.text)
  }

  read(body: Node[]): Guard[] {
    const guards: Guard[] = []
    for (const [index, statement] of body.entries()) {
      if (this.inert(statement)) continue
      const branch = this.branch(statement)
      if (!branch) break
      const when = this.conditions.guards(branch.predicate as RubyNode)
      if (!when) break
      // `return if Rails.env.production?`: the rest runs where the test fails
      if (this.ends(branch.statements)) {
        guards.push(...(branch.unless ? when : negateGuards(when)))
        continue
      }
      // the whole write inside the test: nothing after it
      if (body.slice(index + 1).every((s) => this.inert(s))) guards.push(...(branch.unless ? negateGuards(when) : when))
      break
    }
    return guards
  }

  /** an `if`/`unless` (or its modifier form) without an else branch */
  private branch(node: Node): { predicate: Node; statements: Node[]; unless: boolean } | undefined {
    const p = this.prism
    const statements = ((node.statements as Node | null)?.body as Node[] | undefined) ?? []
    if (node instanceof p.IfNode && !node.subsequent) return { predicate: node.predicate as unknown as Node, statements, unless: false }
    if (node instanceof p.UnlessNode && !node.elseClause) return { predicate: node.predicate as unknown as Node, statements, unless: true }
    return undefined
  }

  private ends(statements: Node[]): boolean {
    if (statements.length !== 1) return false
    const [only] = statements
    return only instanceof this.prism.ReturnNode || (only instanceof this.prism.CallNode && !only.receiver && ENDS.has(only.name as string))
  }

  private inert(node: Node): boolean {
    const p = this.prism
    return node instanceof p.DefNode || (node instanceof p.CallNode && !node.receiver && INERT_CALLS.has(node.name as string))
  }
}
