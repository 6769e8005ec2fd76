// When a stage runs: `when { … }` https://www.jenkins.io/doc/book/pipeline/syntax/#when , judged
// for each kind of build a multibranch pipeline makes. A multibranch project runs the Jenkinsfile
// for every branch and pull request it discovers, and for tags where tag builds are set up
// (https://www.jenkins.io/doc/book/pipeline/multibranch/), with BRANCH_NAME, CHANGE_ID and
// TAG_NAME (https://plugins.jenkins.io/branch-api/ , "env-vars.html" of any Jenkins).
import type { Span } from '../../model/span.js'
import { branchScenario, type PushedBranch } from '../ci/branches.js'
import { and, anyOf, type Gate, type GateResult, type Outcome, type RefScenario } from '../ci/reach.js'
import type { Arg, Expr, Statement } from './parse.js'
import { stringValue, variableOf } from './strings.js'

export interface Scenario extends RefScenario {
  /** BRANCH_NAME: the branch; for a pull request a name such as `PR-24`; for a tag, the tag's name */
  branchName: string | 'change-request' | 'tag'
}

// the names the common branch sources give a pull request's build (GitHub, Bitbucket: PR-24; GitLab: MR-24)
const CHANGE_REQUEST_NAMES = ['PR-1', 'MR-1']

/** the builds of a multibranch pipeline: the production branches, a tag, a pull request, another branch */
export function scenariosOf(branches: PushedBranch[]): Scenario[] {
  return [
    ...branches.map((b): Scenario => ({ ...branchScenario(b, `pushes to \`${b.branch}\``), branchName: b.branch })),
    { production: true, describe: 'tags', ref: { tag: true }, branchName: 'tag' },
    { production: false, describe: 'pull requests', ref: { mergeRequest: true }, branchName: 'change-request' },
    // a name no pattern of a Jenkinsfile spells, so only a wildcard matches it
    { production: false, describe: 'other branches', ref: { branch: '\0other' }, branchName: '\0other' },
  ]
}

type Comparator = 'GLOB' | 'REGEXP' | 'EQUALS'

type Matcher = (value: string) => boolean

/**
 * Declarative's comparators (pipeline-model-definition `when/utils/Comparator.java`): GLOB is Ant's
 * path match, case-insensitive; REGEXP must match the whole value; EQUALS is exact.
 */
function matcher(pattern: string, comparator: Comparator): Matcher | undefined {
  if (comparator === 'EQUALS') return (value) => value === pattern
  try {
    const regex = comparator === 'REGEXP' ? new RegExp(`^(?:${pattern})$`) : antGlob(pattern)
    return (value) => regex.test(value)
  } catch {
    return undefined
  }
}

/** Ant's path pattern: `**` any directories, `*` and `?` within one */
function antGlob(pattern: string): RegExp {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    if (pattern.startsWith('**/', i)) {
      source += '(?:.*/)?'
      i += 2
    } else if (pattern.startsWith('**', i)) {
      source += '.*'
      i++
    } else if (pattern[i] === '*') source += '[^/]*'
    else if (pattern[i] === '?') source += '[^/]'
    else source += pattern[i]!.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${source}$`, 'i')
}

function comparatorOf(value: string | undefined, fallback: Comparator): Comparator {
  const upper = value?.toUpperCase()
  return upper === 'GLOB' || upper === 'REGEXP' || upper === 'EQUALS' ? upper : fallback
}

/** a pattern every name matches */
function matchesAll(m: Matcher): boolean {
  return m('\0') && m('v1.0.0') && m('release/1.0')
}

// what tags are commonly named: a branch pattern that matches none of them is not meant for tags
const TAG_NAMES = ['v1.0.0', '1.0.0']

/** whether BRANCH_NAME matches; in a tag's build it is the tag's name, which no file shows */
function branchMatches(scenario: Scenario, m: Matcher): Outcome {
  if (scenario.branchName === 'tag') return matchesAll(m) ? 'yes' : TAG_NAMES.some(m) ? 'maybe' : 'no'
  if (scenario.branchName === 'change-request') return outcomeOfSamples(CHANGE_REQUEST_NAMES.map(m))
  return m(scenario.branchName) ? 'yes' : 'no'
}

function outcomeOfSamples(results: boolean[]): Outcome {
  return results.every(Boolean) ? 'yes' : results.some(Boolean) ? 'maybe' : 'no'
}

const named = (args: Arg[], name: string) => args.find((a) => a.name === name)?.value
const positional = (args: Arg[]) => args.find((a) => a.name === undefined)?.value

/** one condition of a `when` block, judged in a scenario */
type Condition = (scenario: Scenario) => Outcome

interface Read {
  condition: Condition
  text: string
}

/**
 * The gate of one `when` block: every condition in it must hold. `environment` holds the values
 * the pipeline and the stage give, for `environment name:` conditions.
 */
export function whenGate(block: Statement[], environment: Record<string, string>, span: Span): Gate<Scenario> {
  const conditions = conditionsIn(block, environment)
  const detail = `\`when { ${conditions.map((c) => c.text).join('; ')} }\``
  return {
    outcome: (scenario): GateResult => ({ outcome: conditions.reduce<Outcome>((o, c) => and(o, c.condition(scenario)), 'yes'), span, detail }),
  }
}

const unknownCondition = (text: string): Read => ({ condition: () => 'maybe', text })

function conditionsIn(block: Statement[], environment: Record<string, string>): Read[] {
  return block.flatMap((s) => (s.kind === 'expr' ? [conditionOf(s.value, environment)] : s.kind === 'other' ? [unknownCondition(s.word)] : []))
}

// `when` options, not conditions: https://www.jenkins.io/doc/book/pipeline/syntax/#evaluating-when-before-the-agent
const OPTIONS = new Set(['beforeAgent', 'beforeInput', 'beforeOptions'])

function conditionOf(expr: Expr, environment: Record<string, string>): Read {
  if (expr.kind !== 'call') return unknownCondition('…')
  const name = expr.path.join('.')
  const args = expr.args
  const children = () => conditionsIn(expr.closure?.body ?? [], environment)
  switch (name) {
    case 'branch':
    case 'tag': {
      const pattern = stringValue(named(args, 'pattern') ?? positional(args), environment)
      if (pattern === undefined) return unknownCondition(name)
      const comparator = comparatorOf(stringValue(named(args, 'comparator'), environment), 'GLOB')
      const m = matcher(pattern, comparator)
      const text = `${name} '${pattern}'${comparator !== 'GLOB' ? ` (${comparator})` : ''}`
      if (!m) return unknownCondition(text)
      if (name === 'branch') return { text, condition: (s) => (pattern === '' ? 'no' : branchMatches(s, m)) }
      // an empty pattern asks for any tag (TagConditional.tagMatches)
      return { text, condition: (s) => (s.branchName !== 'tag' ? 'no' : pattern === '' || matchesAll(m) ? 'yes' : 'maybe') }
    }
    case 'buildingTag':
      return { text: 'buildingTag()', condition: (s) => (s.branchName === 'tag' ? 'yes' : 'no') }
    case 'changeRequest':
      // any further argument (target, author, branch…) narrows which pull requests: maybe
      return { text: 'changeRequest()', condition: (s) => (s.branchName !== 'change-request' ? 'no' : args.length === 0 ? 'yes' : 'maybe') }
    case 'environment': {
      const variable = stringValue(named(args, 'name'), environment)
      const value = stringValue(named(args, 'value'), environment)
      if (variable === undefined || value === undefined) return unknownCondition('environment')
      const text = `environment name: '${variable}', value: '${value}'`
      const flag = named(args, 'ignoreCase')
      const ignoreCase = flag?.kind === 'literal' && flag.text === 'true'
      const m = matcher(ignoreCase ? value.toLowerCase() : value, comparatorOf(stringValue(named(args, 'comparator'), environment), 'EQUALS'))
      if (!m) return unknownCondition(text)
      const judged: Matcher = ignoreCase ? (v) => m(v.toLowerCase()) : m
      return { text, condition: (s) => variableOutcome(variable, s, environment, judged) }
    }
    case 'not': {
      const inner = children()
      const only = inner[0]
      if (inner.length !== 1 || !only) return unknownCondition('not')
      return { text: `not { ${only.text} }`, condition: (s) => negate(only.condition(s)) }
    }
    case 'allOf':
    case 'anyOf': {
      const inner = children()
      const text = `${name} { ${inner.map((c) => c.text).join('; ')} }`
      if (name === 'allOf') return { text, condition: (s) => inner.reduce<Outcome>((o, c) => and(o, c.condition(s)), 'yes') }
      return { text, condition: (s) => anyOf(inner.map((c) => c.condition(s))) }
    }
    case 'expression':
      return expressionCondition(expr.closure?.body ?? [], environment)
    default:
      if (OPTIONS.has(name)) return { text: name, condition: () => 'yes' }
      // changeset, changelog, triggeredBy, isRestartedRun, equals, a plugin's: unknown before the build runs
      return unknownCondition(name)
  }
}

function negate(outcome: Outcome): Outcome {
  return outcome === 'yes' ? 'no' : outcome === 'no' ? 'yes' : 'maybe'
}

/** what the build's variables say of a test on one of them; one no build or file shows is unknown */
function variableOutcome(variable: string, scenario: Scenario, environment: Record<string, string>, m: Matcher): Outcome {
  if (variable in environment) return m(environment[variable]!) ? 'yes' : 'no'
  if (variable === 'BRANCH_NAME') return branchMatches(scenario, m)
  if (variable === 'TAG_NAME') return scenario.branchName !== 'tag' ? 'no' : 'maybe'
  if (variable === 'CHANGE_ID' || variable === 'CHANGE_TARGET' || variable === 'CHANGE_BRANCH') return scenario.branchName !== 'change-request' ? 'no' : 'maybe'
  return 'maybe'
}

/**
 * `expression { … }` is Groovy run at build time. The common tests of the build's branch are read:
 * `env.BRANCH_NAME == 'main'`, `!=`, `==~ /re/`, `&&`, `||`, `!`, `return`, `true`/`false`; anything else
 * is unknown.
 */
function expressionCondition(body: Statement[], environment: Record<string, string>): Read {
  const only = body.length === 1 ? body[0] : undefined
  const expr = only?.kind === 'expr' || only?.kind === 'return' ? only.value : undefined
  const judged = expr ? judge(expr, environment) : undefined
  return judged ? { text: 'expression { … }', condition: judged } : unknownCondition('expression { … }')
}

function judge(expr: Expr, environment: Record<string, string>): Condition | undefined {
  // `expression { false }`: a stage switched off
  if (expr.kind === 'literal' && (expr.text === 'true' || expr.text === 'false')) return () => (expr.text === 'true' ? 'yes' : 'no')
  if (expr.kind === 'unary' && expr.op === '!') {
    const inner = judge(expr.operand, environment)
    return inner && ((s) => negate(inner(s)))
  }
  if (expr.kind !== 'binary') return undefined
  if (expr.op === '&&' || expr.op === '||') {
    const left = judge(expr.left, environment)
    const right = judge(expr.right, environment)
    if (!left || !right) return undefined
    return expr.op === '&&' ? (s) => and(left(s), right(s)) : (s) => anyOf([left(s), right(s)])
  }
  if (expr.op !== '==' && expr.op !== '!=' && expr.op !== '==~') return undefined
  const [variableSide, valueSide] = variableOf(expr.left) !== undefined ? [expr.left, expr.right] : [expr.right, expr.left]
  const variable = variableOf(variableSide)
  const value = stringValue(valueSide, environment)
  if (variable === undefined || value === undefined) return undefined
  const m = matcher(value, expr.op === '==~' ? 'REGEXP' : 'EQUALS')
  if (!m) return undefined
  return (s) => {
    const outcome = variableOutcome(variable, s, environment, m)
    return expr.op === '!=' ? negate(outcome) : outcome
  }
}
