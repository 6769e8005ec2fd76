// When a Buildkite step is added to a build: step `branches:` https://buildkite.com/docs/pipelines/configure/workflows/branch-configuration
// and `if:` conditionals https://buildkite.com/docs/pipelines/configure/conditionals , both
// evaluated when the pipeline is uploaded.
import type { Span } from '../../model/span.js'
import { DISTINCT, evaluateTokens, SET, UNKNOWN, type Token, type Truth, type Variable } from '../ci/expression.js'
import { branchScenario, homeBranch, type PushedBranch } from '../ci/branches.js'
import type { Gate, GateResult, Outcome, RefScenario } from '../ci/reach.js'

export interface BuildkiteScenario extends RefScenario {
  vars: Record<string, Variable>
}

/**
 * The builds that can add a step. A tag build's `build.branch` is the tag's name
 * (BUILDKITE_BRANCH=v1.2.0), so a branch filter is matched against it.
 */
export function scenariosOf(branches: PushedBranch[]): BuildkiteScenario[] {
  const home = homeBranch(branches)
  const scenarios: BuildkiteScenario[] = branches.map((b) => ({
    ...branchScenario(b, `builds of \`${b.branch}\``),
    vars: { 'build.branch': b.branch, 'pipeline.default_branch': b.kind === 'default' ? b.branch : home, 'build.tag': null, 'build.pull_request.id': null },
  }))
  scenarios.push({ production: true, describe: 'tags', ref: { tag: true }, vars: { 'build.branch': DISTINCT, 'pipeline.default_branch': home, 'build.tag': SET, 'build.pull_request.id': null } })
  scenarios.push({ production: false, describe: 'pull requests', ref: { mergeRequest: true }, vars: { 'build.branch': UNKNOWN, 'pipeline.default_branch': home, 'build.tag': null, 'build.pull_request.id': SET } })
  scenarios.push({ production: false, describe: 'other branches', ref: { branch: '\0other' }, vars: { 'build.branch': '\0other', 'pipeline.default_branch': home, 'build.tag': null, 'build.pull_request.id': null } })
  return scenarios
}

/** `*` matches any characters; `!` before a pattern excludes the branches it matches */
function patternRegex(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)
}

/** step `branches: "main release/* !release/old"`: a branch any positive pattern (or none) takes and no `!` pattern excludes */
export function branchesGate(filter: string, span: Span): Gate<BuildkiteScenario> {
  const patterns = filter.split(/\s+/).filter(Boolean)
  const positive = patterns.filter((p) => !p.startsWith('!')).map(patternRegex)
  const negative = patterns.filter((p) => p.startsWith('!')).map((p) => patternRegex(p.slice(1)))
  const detail = `\`branches: ${filter}\``
  const ofName = (name: Variable): Outcome => {
    if (typeof name !== 'string' || name.startsWith('\0')) {
      // a tag's name is matched as a branch's: `v*` may take it, `main` does not
      // a name no file shows: only a pattern with a wildcard (or none at all) may take it
      const some = positive.length === 0 || patterns.some((p) => !p.startsWith('!') && p.includes('*'))
      return some ? 'maybe' : 'no'
    }
    const taken = positive.length === 0 || positive.some((r) => r.test(name))
    return taken && !negative.some((r) => r.test(name)) ? 'yes' : 'no'
  }
  return { outcome: (scenario) => ({ outcome: ofName(scenario.vars['build.branch'] ?? UNKNOWN), span, detail }) }
}

/** step `if:`: the expressions seedguard can decide on the build's ref; anything else may hold or not */
export function ifGate(expression: string, span: Span): Gate<BuildkiteScenario> {
  const detail = `\`if: ${expression}\``
  return {
    outcome(scenario): GateResult {
      const value = evaluate(expression, scenario)
      return { outcome: value === 'unknown' ? 'maybe' : value ? 'yes' : 'no', span, detail }
    },
  }
}

/** an `if:` expression on the build's variables (`build.branch`, `build.tag`, `build.pull_request.id`, `pipeline.default_branch`); others are unknown */
export function evaluate(expression: string, scenario: BuildkiteScenario): Truth {
  const tokens = tokenize(expression)
  return tokens ? evaluateTokens(tokens, (name) => (name in scenario.vars ? scenario.vars[name]! : UNKNOWN)) : 'unknown'
}

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = []
  const pattern = /\s*(?:([A-Za-z_][\w.]*)|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|\/((?:[^/\\]|\\.)*)\/([a-z]*)|(\(|\)|&&|\|\||==|!=|=~|!~|!))\s*/y
  let at = 0
  while (at < text.length) {
    pattern.lastIndex = at
    const m = pattern.exec(text)
    if (!m || m[0].length === 0) return text.slice(at).trim() === '' ? tokens : undefined
    at = pattern.lastIndex
    if (m[1] !== undefined) {
      // a function call (`build.env("X")`) or a method is not decided here
      if (text[at] === '(') return undefined
      tokens.push(m[1] === 'null' ? { kind: 'null', text: m[1] } : m[1] === 'true' || m[1] === 'false' ? { kind: 'bool', text: m[1] } : { kind: 'var', text: m[1] })
    } else if (m[2] !== undefined) tokens.push({ kind: 'string', text: m[2] })
    else if (m[3] !== undefined) tokens.push({ kind: 'string', text: m[3] })
    else if (m[4] !== undefined) tokens.push({ kind: 'regex', text: m[4], flags: m[5] ?? '' })
    else tokens.push({ kind: m[6] as Token['kind'], text: m[6]! })
  }
  return tokens
}
