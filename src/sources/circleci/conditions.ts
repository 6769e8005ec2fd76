// When a CircleCI job runs: workflow job `filters:` (branches/tags, or an expression)
// https://circleci.com/docs/reference/configuration-reference/ , workflow `when:`/`unless:`
// and `when` steps, written as logic statements https://circleci.com/docs/reference/configuration-reference/
// or expressions https://circleci.com/docs/reference/expressions-reference/ . All are decided when
// the config is compiled, from pipeline values and parameters only, never environment variables.
import type { YamlNode, YamlView } from '../../util/yaml.js'
import { branchScenario, type PushedBranch } from '../ci/branches.js'
import { and, anyOf, type Gate, type GateResult, type Outcome, type RefScenario } from '../ci/reach.js'

/** a pipeline of one kind: a push to a default branch, a tag, any other branch (pull requests build their branch) */
export type Scenario = RefScenario

/** the branch CircleCI runs for another branch: a name no config names */
const OTHER = '\0other'

export function scenariosOf(branches: PushedBranch[]): Scenario[] {
  return [
    ...branches.map((b) => branchScenario(b, `pushes to \`${b.branch}\``)),
    { production: true, describe: 'tags', ref: { tag: true as const } },
    { production: false, describe: 'other branches and their pull requests', ref: { branch: OTHER } },
  ]
}

/** a value of a condition in one scenario; undefined: not known when the config is written */
export type Term = string | undefined

/** how a condition reads its values in one scenario: a scalar with its `<< >>` references replaced, a name an expression uses */
export interface Values {
  term(node: YamlNode | undefined): Term
  lookup(name: string): Term
}

/** `pipeline.git.branch` and `pipeline.git.tag` in a scenario; every other pipeline value or parameter is set by the trigger */
export function pipelineValue(name: string, scenario: Scenario): Term {
  if (name === 'pipeline.git.branch') return scenario.ref.tag ? '' : scenario.ref.branch === OTHER ? undefined : scenario.ref.branch
  if (name === 'pipeline.git.tag') return scenario.ref.tag ? undefined : ''
  return undefined
}

/**
 * `filters: branches: only/ignore` and `tags: only/ignore`: a name, a `/regex/` that must match the
 * whole name, or a list of them. Every branch runs without a branch filter; no tag runs without a
 * tag filter.
 */
export function filtersGate(view: YamlView, filters: YamlNode | undefined, values: (scenario: Scenario) => Values): Gate<Scenario> {
  const span = filters ? view.span(filters) : undefined
  const at = span ? { span } : {}
  if (filters && view.string(filters) !== undefined) {
    const expression = view.string(filters)!
    return { outcome: (s) => ({ outcome: logicOutcome(view, filters, values(s)), ...at, detail: `\`filters: ${expression}\`` }) }
  }
  const branches = view.get(filters, 'branches')
  const tags = view.get(filters, 'tags')
  const names = (node: YamlNode | undefined) => view.strings(node)
  const describe = (key: string, node: YamlNode | undefined) => {
    const only = names(view.get(node, 'only'))
    const ignore = names(view.get(node, 'ignore'))
    return [only.length > 0 ? `${key}: only: ${only.join(', ')}` : '', ignore.length > 0 ? `${key}: ignore: ${ignore.join(', ')}` : ''].filter(Boolean).join(', ')
  }
  const detail = [branches ? describe('branches', branches) : '', tags ? describe('tags', tags) : ''].filter(Boolean).join('; ')
  return {
    outcome(scenario): GateResult {
      const result = (outcome: Outcome): GateResult => ({ outcome, ...at, ...(detail ? { detail: `\`filters: ${detail}\`` } : {}) })
      if (scenario.ref.tag) {
        if (!tags) return { ...result('no'), ...(detail ? {} : { detail: 'no tag filter' }) }
        return result(selects(names(view.get(tags, 'only')), names(view.get(tags, 'ignore')), undefined))
      }
      if (!branches) return result('yes')
      return result(selects(names(view.get(branches, 'only')), names(view.get(branches, 'ignore')), scenario.ref.branch))
    },
  }
}

/** `only` is considered before `ignore`; a name undefined is a tag's, not known here */
function selects(only: string[], ignore: string[], name: string | undefined): Outcome {
  const matching = (patterns: string[]) => anyOf(patterns.map((p) => nameMatches(p, name)))
  const kept = only.length > 0 ? matching(only) : 'yes'
  const dropped = ignore.length > 0 ? matching(ignore) : 'no'
  return and(kept, dropped === 'yes' ? 'no' : dropped === 'maybe' ? 'maybe' : 'yes')
}

function nameMatches(pattern: string, name: string | undefined): Outcome {
  const regex = /^\/(.*)\/$/s.exec(pattern)
  if (regex && /^(\.\*|\.\+)$/.test(regex[1]!)) return 'yes'
  if (name === undefined || name === OTHER) return 'maybe'
  if (!regex) return pattern === name ? 'yes' : 'no'
  const compiled = safeRegex(`^(?:${regex[1]!})$`)
  return compiled ? (compiled.test(name) ? 'yes' : 'no') : 'maybe'
}

function safeRegex(source: string): RegExp | undefined {
  try {
    return new RegExp(source)
  } catch {
    return undefined
  }
}

/**
 * A logic statement: a value (truthy unless false, null, 0, NaN or empty), `equal`, `and`, `or`,
 * `not`, `matches: { pattern, value }`; or an expression string.
 */
export function logicOutcome(view: YamlView, node: YamlNode | undefined, values: Values): Outcome {
  const text = view.string(node)
  if (text !== undefined || view.deref(node) === undefined) {
    const value = values.term(node)
    if (value === undefined) return 'maybe'
    if (/==|!=|\bstarts-with\b|\band\b|\bor\b|\bnot\b|\bpipeline\./.test(value)) return expressionOutcome(value, values.lookup)
    return truthy(value) ? 'yes' : 'no'
  }
  const term = values.term
  const entries = view.entries(node)
  if (entries.length !== 1) return 'maybe'
  const { key, value } = entries[0]!
  const items = view.items(value)
  switch (key) {
    case 'and':
      return items.map((i) => logicOutcome(view, i, values)).reduce(and, 'yes' as Outcome)
    case 'or':
      return anyOf(items.map((i) => logicOutcome(view, i, values)))
    case 'not':
      return negate(logicOutcome(view, value, values))
    case 'equal': {
      const compared = items.map((i) => term(i))
      if (compared.some((v) => v === undefined)) return 'maybe'
      return compared.every((v) => v === compared[0]) ? 'yes' : 'no'
    }
    case 'matches': {
      const pattern = term(view.get(value, 'pattern'))
      const subject = term(view.get(value, 'value'))
      if (pattern === undefined || subject === undefined) return 'maybe'
      const compiled = safeRegex(`^(?:${pattern.replace(/^\/(.*)\/$/s, '$1')})$`)
      return compiled ? (compiled.test(subject) ? 'yes' : 'no') : 'maybe'
    }
    default:
      return 'maybe'
  }
}

function truthy(value: string): boolean {
  return !['', 'false', 'null', '0', 'NaN', '~'].includes(value.trim())
}

export function negate(outcome: Outcome): Outcome {
  return outcome === 'yes' ? 'no' : outcome === 'no' ? 'yes' : 'maybe'
}

/**
 * An expression: `pipeline.git.branch == "main" or pipeline.git.branch starts-with "release/"`,
 * with `==`, `!=`, `starts-with`, `and`, `or`, `not`, parentheses, strings and booleans. A value
 * `lookup` does not know, or anything else, makes the outcome `maybe`.
 */
export function expressionOutcome(expression: string, lookup: (name: string) => Term): Outcome {
  const tokens = [...expression.matchAll(/\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|==|!=|\(|\)|[A-Za-z_][\w.-]*)\s*/gy)].map((m) => m[1]!)
  if (tokens.join('').length !== expression.replace(/\s+/g, '').length) return 'maybe'
  let at = 0
  const value = (): { text: Term } | undefined => {
    const token = tokens[at++]
    if (token === undefined) return undefined
    if (/^["']/.test(token)) return { text: token.slice(1, -1) }
    if (token === 'true' || token === 'false') return { text: token }
    return { text: lookup(token) }
  }
  const comparison = (): Outcome | undefined => {
    if (tokens[at] === 'not') {
      at++
      const inner = comparison()
      return inner && negate(inner)
    }
    if (tokens[at] === '(') {
      at++
      const inner = or()
      return tokens[at++] === ')' ? inner : undefined
    }
    const left = value()
    if (!left) return undefined
    const op = tokens[at]
    if (op !== '==' && op !== '!=' && op !== 'starts-with') return left.text === undefined ? 'maybe' : truthy(left.text) ? 'yes' : 'no'
    at++
    const right = value()
    if (!right) return undefined
    if (left.text === undefined || right.text === undefined) return 'maybe'
    const holds = op === 'starts-with' ? left.text.startsWith(right.text) : left.text === right.text
    return holds === (op !== '!=') ? 'yes' : 'no'
  }
  const conjunction = (): Outcome | undefined => {
    let outcome = comparison()
    while (outcome && tokens[at] === 'and') {
      at++
      const next = comparison()
      outcome = next && and(outcome, next)
    }
    return outcome
  }
  function or(): Outcome | undefined {
    let outcome = conjunction()
    while (outcome && tokens[at] === 'or') {
      at++
      const next = conjunction()
      outcome = next && anyOf([outcome, next])
    }
    return outcome
  }
  const outcome = or()
  return outcome === undefined || at !== tokens.length ? 'maybe' : outcome
}
