// A Ruby condition on the environment as the shell's guards (shell/guards.ts), so that
// `Rake::Task["db:seed"].invoke unless Rails.env.production?` is judged with the environment the
// path has, as `[ "$RAILS_ENV" != production ] && rails db:seed` is.
import type { Span } from '../../model/span.js'
import { anyOf, negateGuards, type Guard } from '../../model/guard.js'

export type RubyNode = { location: { startOffset: number; length: number } } & Record<string, unknown>
type Prism = typeof import('@ruby/prism')
type NodeClass = 'ParenthesesNode' | 'StatementsNode' | 'AndNode' | 'OrNode' | 'CallNode' | 'ConstantReadNode' | 'StringNode' | 'SymbolNode'

// Rails.env is ENV["RAILS_ENV"].presence || ENV["RACK_ENV"].presence || "development"
// (railties lib/rails.rb `Rails.env`); RACK_ENV is left aside: a deploy sets RAILS_ENV, or both
const RAILS_ENV: Pick<Guard, 'variable' | 'fallback'> = { variable: 'RAILS_ENV', fallback: { value: 'development', ifEmpty: true } }

export class RubyConditions {
  constructor(
    private readonly prism: Prism,
    private readonly span: (node: RubyNode) => Span,
    private readonly source: string,
  ) {}

  /**
   * The guards a condition establishes when it is true, or an opaque guard when it reads the
   * environment in a way no guard expresses; undefined when it does not read the environment.
   */
  guards(node: RubyNode): Guard[] | undefined {
    const when = this.when(node)
    if (when) return when
    const text = this.source.slice(node.location.startOffset, node.location.startOffset + node.location.length)
    return /\bENV\b|Rails\.env/.test(text) ? [{ variable: 'ENV', op: 'opaque', values: [], negated: false, text: text.replace(/\s+/g, ' '), span: this.span(node) }] : undefined
  }

  private when(node: RubyNode): Guard[] | undefined {
    if (this.is(node, 'ParenthesesNode')) {
      const body = node.body as RubyNode | null
      const statements = body && this.is(body, 'StatementsNode') ? (body.body as RubyNode[]) : []
      return statements.length === 1 ? this.when(statements[0]!) : undefined
    }
    if (this.is(node, 'AndNode') || this.is(node, 'OrNode')) {
      const left = this.when(node.left as RubyNode)
      const right = this.when(node.right as RubyNode)
      if (!left || !right) return undefined
      if (this.is(node, 'AndNode')) return [...left, ...right]
      const either = anyOf([left, right])
      return either.length > 0 ? either : undefined
    }
    if (!this.is(node, 'CallNode')) return undefined
    const name = node.name as string
    const receiver = node.receiver as RubyNode | null
    const args = argumentsOf(node)
    const span = this.span(node)
    if (name === '!' && receiver) {
      const inner = this.when(receiver)
      return inner && negateGuards(inner)
    }
    // Rails.env.production?, Rails.env.staging?
    const inquiry = /^([a-z_]+)\?$/.exec(name)
    if (inquiry && receiver && this.isRailsEnv(receiver) && args.length === 0) return [{ ...RAILS_ENV, op: 'eq', values: [inquiry[1]!], negated: false, span }]
    if ((name === '==' || name === '!=') && receiver && args.length === 1) {
      const [left, right] = [receiver, args[0]!]
      const parameter = this.parameterOf(left) ?? this.parameterOf(right)
      const value = this.stringOf(right) ?? this.stringOf(left)
      return parameter && value !== undefined ? [{ ...parameter, op: 'eq', values: [value], negated: name === '!=', span }] : undefined
    }
    // ENV["SEED"] alone: nil when unset (an empty string is truthy in Ruby, but no deploy sets one)
    const parameter = this.parameterOf(node)
    return parameter ? [{ ...parameter, op: 'set', values: [], negated: false, span }] : undefined
  }

  /** `ENV["X"]`, `ENV.fetch("X")`, `ENV.fetch("X", "d")`, `Rails.env` */
  private parameterOf(node: RubyNode): Pick<Guard, 'variable' | 'fallback'> | undefined {
    if (this.isRailsEnv(node)) return RAILS_ENV
    if (!this.is(node, 'CallNode')) return undefined
    const receiver = node.receiver as RubyNode | null
    if (!receiver || !this.is(receiver, 'ConstantReadNode') || receiver.name !== 'ENV') return undefined
    const args = argumentsOf(node)
    const variable = args[0] && this.stringOf(args[0])
    if (variable === undefined) return undefined
    if (node.name === '[]' && args.length === 1) return { variable }
    if (node.name !== 'fetch') return undefined
    const fallback = args[1] && this.stringOf(args[1])
    return fallback === undefined ? { variable } : { variable, fallback: { value: fallback, ifEmpty: false } }
  }

  private isRailsEnv(node: RubyNode): boolean {
    const receiver = node.receiver as RubyNode | null
    return this.is(node, 'CallNode') && node.name === 'env' && receiver !== null && this.is(receiver, 'ConstantReadNode') && receiver.name === 'Rails'
  }

  private stringOf(node: RubyNode): string | undefined {
    return this.is(node, 'StringNode') || this.is(node, 'SymbolNode') ? (node.unescaped as { value: string }).value : undefined
  }

  private is(node: RubyNode, kind: NodeClass): boolean {
    return node instanceof (this.prism[kind] as unknown as abstract new (...args: never[]) => unknown)
  }
}

function argumentsOf(node: RubyNode): RubyNode[] {
  return ((node.arguments_ as RubyNode | null)?.arguments_ as RubyNode[] | undefined) ?? []
}
