// https://docs.python.org/3/library/os.html#os.environ: the tests Python code makes on its environment, read as guards
import type { Node } from 'web-tree-sitter'
import { anyOf, negateGuards, type Guard } from '../../model/guard.js'
import type { LineIndex } from '../../util/line-index.js'
import type { SettingsField } from './python-settings.js'

/** What a module-level name stands for: a variable of the environment (with its default), or a test of it. */
type Alias = { parameter: Pick<Guard, 'variable' | 'fallback'> & { folded?: boolean } } | { test: Node }

/**
 * The tests a Python module makes on its environment, as the shell's guards: `os.getenv("X") == "v"`,
 * `os.environ.get("X", "d") != "v"`, `os.environ["X"] in ("a", "b")`, `os.getenv("X")` (set),
 * `not`, `and`/`or` of them, and the module-level names bound to them (`ENV = os.getenv("ENV", "dev")`,
 * `IS_DEV = ENV == "dev"`), and the string fields of pydantic settings read from the environment
 * (`settings.ENVIRONMENT == "local"`, facts/python-settings.ts). A test that reads the environment or
 * the app's settings in a way no guard expresses (a settings class of its own, a .env file, a field
 * of another type) is kept as an opaque guard: it may hold or not, never certainly. A test of anything else
 * (`if not User.query.first():`) is no guard: it holds on a database production starts with too.
 */
export class PythonEnvTests {
  private readonly aliases = new Map<string, Alias>()

  /** `settingsOf(object)`: the fields of a settings instance (facts/python-settings.ts) a name stands for */
  constructor(
    private readonly lines: LineIndex,
    private readonly settingsOf: (object: string) => ReadonlyMap<string, SettingsField> | undefined = () => undefined,
  ) {}

  /** a module-level `NAME = <value>`: an alias where the value reads the environment */
  declare(name: string, value: Node): void {
    const parameter = this.parameterOf(value)
    if (parameter) this.aliases.set(name, { parameter })
    else if (this.guardsWhen(value)) this.aliases.set(name, { test: value })
  }

  /** The guards a test establishes when true; undefined where it is no test of the environment a guard can say. */
  guardsWhen(test: Node): Guard[] | undefined {
    switch (test.type) {
      case 'parenthesized_expression':
        return test.namedChildren[0] ? this.guardsWhen(test.namedChildren[0]) : undefined
      case 'not_operator': {
        const inner = test.childForFieldName('argument')
        const when = inner ? this.guardsWhen(inner) : undefined
        return when && negateGuards(when)
      }
      case 'boolean_operator': {
        const [left, right] = [test.childForFieldName('left'), test.childForFieldName('right')]
        if (!left || !right) return undefined
        const [l, r] = [this.guardsWhen(left) ?? this.opaqueIfEnv(left), this.guardsWhen(right) ?? this.opaqueIfEnv(right)]
        if (!l || !r) return undefined
        if (test.childForFieldName('operator')?.type === 'and') return [...l, ...r]
        const either = anyOf([l, r])
        return either.length > 0 ? either : undefined
      }
      case 'identifier': {
        const alias = this.aliases.get(test.text)
        if (alias && 'test' in alias) return this.guardsWhen(alias.test)
        break
      }
      case 'comparison_operator':
        return this.comparison(test)
    }
    const parameter = this.parameterOf(test)
    return parameter && [{ variable: parameter.variable, ...(parameter.fallback && { fallback: parameter.fallback }), op: 'set', values: [], negated: false, span: this.span(test) }]
  }

  /** The guards under which code goes on past `if test: return`: the test is false. */
  guardsUnless(test: Node): Guard[] | undefined {
    const when = this.guardsWhen(test)
    if (when) return negateGuards(when)
    return this.mentionsEnv(test) ? [this.opaque(test, true)] : undefined
  }

  /** a test on the environment or the settings no guard expresses, as an opaque guard; undefined where it reads neither */
  opaqueIfEnv(test: Node): Guard[] | undefined {
    return this.mentionsEnv(test) ? [this.opaque(test, false)] : undefined
  }

  /** `X == "v"`, `X != "v"` (either side), `X in ("a", "b")`, `X not in [...]`; one operator only */
  private comparison(test: Node): Guard[] | undefined {
    const operands = test.namedChildren.filter((n): n is Node => n !== null)
    const operator = test.children.filter((n) => n !== null && !n.isNamed).map((n) => n!.text).join(' ')
    if (operands.length !== 2) return undefined
    const [left, right] = operands as [Node, Node]
    const named = this.parameterOf(left) ?? this.parameterOf(right)
    if (!named) return undefined
    const other = this.parameterOf(left) ? right : left
    const values = operator === 'in' || operator === 'not in' ? stringsOf(other) : ['==', '!='].includes(operator) ? stringsOf(other, true) : undefined
    if (!values) return undefined
    // `.lower() == "production"`: the spellings a deploy sets
    const spelled = named.folded ? [...new Set(values.flatMap((v) => [v, v.toUpperCase(), v.charAt(0).toUpperCase() + v.slice(1)]))] : values
    const { variable, fallback } = named
    return [{ variable, ...(fallback && { fallback }), op: 'eq', values: spelled, negated: operator === '!=' || operator === 'not in', span: this.span(test) }]
  }

  /**
   * `os.getenv("X"[, "d"])`, `os.environ.get("X"[, "d"])`, `environ.get(…)`/`getenv(…)` imported from
   * os, `os.environ["X"]`, `<one of them> or "d"`, `.lower()`/`.upper()`/`.strip()` of one, or a name bound to one
   */
  private parameterOf(node: Node): (Pick<Guard, 'variable' | 'fallback'> & { folded?: boolean }) | undefined {
    if (node.type === 'identifier') {
      const alias = this.aliases.get(node.text)
      return alias && 'parameter' in alias ? alias.parameter : undefined
    }
    if (node.type === 'boolean_operator' && node.childForFieldName('operator')?.type === 'or') {
      const inner = this.parameterOf(node.childForFieldName('left')!)
      const fallback = stringOf(node.childForFieldName('right'))
      // `or` replaces an empty value too
      return inner && !inner.fallback && fallback !== undefined ? { ...inner, fallback: { value: fallback, ifEmpty: true } } : undefined
    }
    if (node.type === 'subscript') {
      const variable = isEnviron(node.childForFieldName('value')) ? stringOf(node.childForFieldName('subscript')) : undefined
      return variable === undefined ? undefined : { variable }
    }
    if (node.type === 'attribute') {
      const field = this.settingsOf(node.childForFieldName('object')!.text)?.get(node.childForFieldName('attribute')!.text)
      return field && { variable: field.variable, ...(field.fallback && { fallback: field.fallback }) }
    }
    if (node.type !== 'call') return undefined
    const fn = node.childForFieldName('function')
    const args = argumentsOf(node)
    if (fn?.type === 'attribute' && ['lower', 'upper', 'strip', 'casefold'].includes(fn.childForFieldName('attribute')?.text ?? '') && args.length === 0) {
      const inner = this.parameterOf(fn.childForFieldName('object')!)
      return inner && { ...inner, folded: inner.folded || fn.childForFieldName('attribute')!.text !== 'strip' }
    }
    const reads = fn?.type === 'attribute' ? (fn.childForFieldName('attribute')?.text === 'get' && isEnviron(fn.childForFieldName('object'))) || fn.text === 'os.getenv' : fn?.text === 'getenv'
    const variable = reads ? stringOf(args[0]) : undefined
    if (variable === undefined || args.length > 2) return undefined
    if (args.length === 1) return { variable }
    const fallback = stringOf(args[1])
    // a default that is no string (`None`) leaves the variable unset in the test
    return fallback === undefined ? (args[1]?.type === 'none' ? { variable } : undefined) : { variable, fallback: { value: fallback, ifEmpty: false } }
  }

  /** reads the environment, a name bound to it, or the app's settings (`settings.X`, `app_settings.X`, `app.config["X"]`, `app.debug`) */
  private mentionsEnv(node: Node): boolean {
    const text = node.text
    return /\bos\.environ\b|\bgetenv\b|\benviron\b|(?:settings|config|conf|cfg|configuration)\b\s*(?:\.|\[)|\.(?:debug|testing|env)\b/i.test(text) || [...this.aliases.keys()].some((name) => new RegExp(`\\b${name}\\b`).test(text))
  }

  /** a test no guard expresses, said as written */
  opaque(node: Node, negated: boolean): Guard {
    return { variable: 'os.environ', op: 'opaque', values: [], negated, text: node.text.replace(/\s+/g, ' '), span: this.span(node) }
  }

  private span(node: Node): Guard['span'] {
    return this.lines.span(node.startIndex, node.endIndex)
  }
}

function isEnviron(node: Node | null): boolean {
  return node?.text === 'os.environ' || node?.text === 'environ'
}

/** the positional and keyword arguments of a call, in order */
export function argumentsOf(call: Node): Node[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter((n): n is Node => n !== null && n.type !== 'comment')
}

/** a plain string literal's value: no interpolation, no concatenation */
export function stringOf(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'string' || node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined
  const content = node.namedChildren.filter((c) => c?.type === 'string_content')
  if (content.length > 1 || node.namedChildren.some((c) => c?.type === 'escape_sequence')) return undefined
  return content[0]?.text ?? ''
}

/** the strings of a tuple, list or set literal, or the one string (`single`) */
function stringsOf(node: Node, single = false): string[] | undefined {
  if (single) {
    const value = stringOf(node)
    return value === undefined ? undefined : [value]
  }
  if (!['tuple', 'list', 'set', 'parenthesized_expression'].includes(node.type)) return undefined
  const values = node.namedChildren.map((c) => stringOf(c))
  return values.every((v) => v !== undefined) ? (values as string[]) : undefined
}
