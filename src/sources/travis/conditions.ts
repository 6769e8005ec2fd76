// When a Travis CI build, stage, job or deploy runs: conditions
// https://docs.travis-ci.com/user/conditions-v1 , `branches:`
// https://docs.travis-ci.com/user/customizing-the-build/#building-specific-branches , deploy `on:`
// https://docs.travis-ci.com/user/deployment-v2/conditional
import { branchScenario, homeBranch, type PushedBranch } from '../ci/branches.js'
import { and, anyOf, type Gate, type GateResult, type Outcome, type RefScenario } from '../ci/reach.js'

/** a value Travis surely has but no file shows (the tag of a tag build) */
const SET = Symbol('set')
/** a value that may be anything, or absent */
const UNKNOWN = Symbol('unknown')
/** a tag build's `branch`: the tag's name, which a branch name written in a condition does not equal */
const TAG_NAME = Symbol('tag name')
type Attribute = string | null | typeof SET | typeof UNKNOWN | typeof TAG_NAME

/** One kind of build, with the attributes a condition reads. */
export interface TravisScenario extends RefScenario {
  attributes: Record<string, Attribute>
}

/** the builds that can run a job: pushes, API and cron builds of a production branch, tags, pull requests, other branches */
export function travisScenarios(branches: PushedBranch[]): TravisScenario[] {
  const scenarios: TravisScenario[] = []
  const push = { fork: 'false', head_branch: null, head_repo: null }
  for (const b of branches) {
    const branch = b.branch
    for (const type of ['push', 'api', 'cron']) {
      scenarios.push({ ...branchScenario(b, type === 'push' ? `pushes to \`${branch}\`` : `\`${type}\` builds of \`${branch}\``), attributes: { ...push, type, branch, tag: null } })
    }
  }
  // a tag build's branch is the tag's name (https://docs.travis-ci.com/user/environment-variables/ TRAVIS_BRANCH)
  scenarios.push({ production: true, describe: 'tags', ref: { tag: true }, attributes: { ...push, type: 'push', branch: TAG_NAME, tag: SET } })
  // a pull request build's branch is the branch it targets, usually the default one
  scenarios.push({ production: false, describe: 'pull requests', ref: { mergeRequest: true }, attributes: { type: 'pull_request', branch: homeBranch(branches), tag: null, fork: UNKNOWN, head_branch: SET, head_repo: SET } })
  scenarios.push({ production: false, describe: 'other branches', ref: { branch: '\0other' }, attributes: { ...push, type: 'push', branch: '\0other', tag: null } })
  return scenarios
}

const always: Gate<TravisScenario> = { outcome: () => ({ outcome: 'yes' }) }

/** an `if:` of the build, a stage or a job; variables are those the YAML gives a known value */
export function ifGate(condition: string | undefined, variables: Record<string, string>, span: GateResult['span']): Gate<TravisScenario> {
  if (condition === undefined) return always
  const detail = `\`if: ${condition}\``
  return { outcome: (scenario) => ({ outcome: evaluate(condition, scenario, variables), detail, ...(span ? { span } : {}) }) }
}

/**
 * `branches: only/except` (a plain list is `only`): names or /regexes/, matched against the
 * build's branch, which is the target branch of a pull request and the tag's name in a tag build;
 * an `only` list without a pattern the tag matches skips tag builds.
 */
export function branchesGate(only: string[] | undefined, except: string[], span: GateResult['span']): Gate<TravisScenario> {
  if (!only && except.length === 0) return always
  const detail = only ? `\`branches: only: ${only.join(', ')}\`` : `\`branches: except: ${except.join(', ')}\``
  return {
    outcome(scenario) {
      const branch = scenario.attributes.branch ?? null
      const matches = (list: string[]) => anyOf(list.map((pattern) => branchMatches(pattern, branch)))
      const included = only ? matches(only) : 'yes'
      const excluded = matches(except)
      return { outcome: and(included, excluded === 'yes' ? 'no' : excluded === 'maybe' ? 'maybe' : 'yes'), detail, ...(span ? { span } : {}) }
    },
  }
}

function branchMatches(pattern: string, branch: Attribute): Outcome {
  const regex = /^\/(.*)\/$/.exec(pattern)
  if (branch === TAG_NAME) return regex ? 'maybe' : 'no'
  if (branch === SET || branch === UNKNOWN) return 'maybe'
  if (branch === null || branch.startsWith('\0')) return 'no'
  if (!regex) return pattern === branch ? 'yes' : 'no'
  const compiled = safeRegex(regex[1]!)
  return compiled ? (compiled.test(branch) ? 'yes' : 'no') : 'maybe'
}

export interface DeployOn {
  branches?: string[]
  allBranches: boolean
  tags?: boolean
  condition: string[]
}

/**
 * A deploy's `on:`. Without `branch`, `all_branches` or `tags: true` it deploys from `master` only
 * (or the branches its per-branch options name): travis-build lib/travis/build/addons/conditional.rb
 * `branch_condition`, `default_branches`; `tags: true` drops the branch condition. A pull request
 * build never deploys.
 */
export function deployGate(on: DeployOn, variables: Record<string, string>, span: GateResult['span']): Gate<TravisScenario> {
  const branches = on.allBranches || on.tags === true ? undefined : (on.branches ?? ['master'])
  const parts = [on.allBranches ? 'all_branches: true' : '', on.branches ? `branch: ${on.branches.join(', ')}` : '', on.tags !== undefined ? `tags: ${on.tags}` : '', ...on.condition.map((c) => `condition: ${c}`)].filter(Boolean)
  const detail = parts.length > 0 ? `deploy \`on: ${parts.join(', ')}\`` : 'a deploy without `on:` (master only)'
  return {
    outcome(scenario) {
      const result = (outcome: Outcome) => ({ outcome, detail, ...(span ? { span } : {}) })
      if (scenario.attributes.type === 'pull_request') return result('no')
      const tag = scenario.attributes.tag ?? null
      let outcome: Outcome = 'yes'
      if (on.tags === true) outcome = tag === null ? 'no' : 'yes'
      if (on.tags === false && tag !== null) outcome = 'no'
      // a tag build's branch is its tag's name, which a branch list rarely names
      if (branches) outcome = and(outcome, anyOf(branches.map((b) => branchMatches(b, scenario.attributes.branch ?? null))))
      for (const condition of on.condition) outcome = and(outcome, bashTest(condition, scenario, variables))
      return result(outcome)
    },
  }
}

/**
 * `condition:` is a Bash test, `if [[ <condition> ]]`: comparisons of TRAVIS_BRANCH, TRAVIS_TAG,
 * TRAVIS_EVENT_TYPE and the YAML's own variables (`=`, `==`, `!=`, `=~`, `-n`, `-z`, `&&`, `||`)
 * are read as the condition language reads them; anything else (a glob, a command, a variable of
 * the repository settings) may hold or not.
 */
function bashTest(test: string, scenario: TravisScenario, variables: Record<string, string>): Outcome {
  const text = test.trim().replace(/^\[\[\s*(.*?)\s*\]\]$/s, '$1')
  // a pattern on the right of `==` is a glob, of `=~` a regex, which the condition language reads alike
  if (/[`*?]|\$\(|(^|\s)-(?![nz]\s)[a-z]+\s/.test(text.replace(/=~\s*\S+/g, '=~'))) return 'maybe'
  const variable = (name: string) => ({ TRAVIS_BRANCH: 'branch', TRAVIS_TAG: 'tag', TRAVIS_EVENT_TYPE: 'type' })[name] ?? `env(${name})`
  const translated = text
    // a pull request build never deploys, so the deploy sees TRAVIS_PULL_REQUEST=false
    .replace(/"?\$\{?TRAVIS_PULL_REQUEST\}?"?\s*(==?|!=)\s*"?false"?/g, (_, op: string) => (op === '!=' ? 'type = pull_request' : 'type != pull_request'))
    .replace(/-([nz])\s+("?)\$\{?(\w+)\}?\2/g, (_, flag: string, _q, name: string) => `${variable(name)} IS ${flag === 'n' ? 'present' : 'blank'}`)
    .replace(/("?)\$\{?(\w+)\}?\1/g, (_, _q, name: string) => variable(name))
  return evaluate(translated, scenario, variables)
}

// ---------------------------------------------------------------------------------------------
// The condition language: `NOT`, `AND`, `OR` (also `!`, `&&`, `||`), parentheses, `=`, `==`, `!=`,
// `=~`, `!~`, `IS [NOT] present|blank`, `[NOT] IN (…)`, attributes and `env(NAME)`; keywords are
// case-insensitive. What cannot be read makes the result `maybe`.
// ---------------------------------------------------------------------------------------------

type Token = { kind: 'word' | 'string' | 'regex' | 'op' | '(' | ')' | ','; text: string }

export function evaluate(condition: string, scenario: TravisScenario, variables: Record<string, string>): Outcome {
  const parsed = tokenize(condition)
  if (!parsed) return 'maybe'
  const tokens = parsed
  let at = 0
  const keyword = (...words: string[]) => tokens[at]?.kind === 'word' && words.includes(tokens[at]!.text.toUpperCase())
  const operand = (): Attribute | undefined => {
    const token = tokens[at++]
    if (!token) return undefined
    if (token.kind === 'string' || token.kind === 'regex') return token.text
    if (token.kind !== 'word') return undefined
    const env = /^env\((\w+)\)$/i.exec(token.text)
    if (env) return variables[env[1]!] ?? UNKNOWN
    const name = token.text.toLowerCase()
    if (ATTRIBUTES.has(name)) return name in scenario.attributes ? scenario.attributes[name]! : UNKNOWN
    return token.text
  }
  const term = (): Outcome | undefined => {
    if (keyword('NOT') || tokens[at]?.text === '!') {
      at++
      const inner = term()
      return inner && negate(inner)
    }
    if (tokens[at]?.kind === '(') {
      at++
      const inner = or()
      if (tokens[at++]?.kind !== ')') return undefined
      return inner
    }
    const left = operand()
    if (left === undefined) return undefined
    if (keyword('IS')) {
      at++
      const not = keyword('NOT') ? (at++, true) : false
      const which = tokens[at++]?.text.toLowerCase()
      if (which !== 'present' && which !== 'blank') return undefined
      const present = presence(left)
      const holds = which === 'present' ? present : negate(present)
      return not ? negate(holds) : holds
    }
    const notIn = keyword('NOT') && tokens[at + 1]?.text.toUpperCase() === 'IN'
    if (notIn || keyword('IN')) {
      at += notIn ? 2 : 1
      if (tokens[at++]?.kind !== '(') return undefined
      const values: Attribute[] = []
      while (tokens[at] && tokens[at]!.kind !== ')') {
        if (tokens[at]!.kind === ',') at++
        else values.push(operand()!)
      }
      at++
      const holds = anyOf(values.map((v) => equals(left, v)))
      return notIn ? negate(holds) : holds
    }
    const op = tokens[at]?.kind === 'op' ? tokens[at]!.text : undefined
    if (!op) return presence(left)
    at++
    const right = operand()
    if (right === undefined) return undefined
    if (op === '=' || op === '==') return equals(left, right)
    if (op === '!=') return negate(equals(left, right))
    const matched = matches(left, right)
    return op === '=~' ? matched : negate(matched)
  }
  const all = (): Outcome | undefined => {
    let value = term()
    while (value !== undefined && (keyword('AND') || tokens[at]?.text === '&&')) {
      at++
      const next = term()
      value = next === undefined ? undefined : and(value, next)
    }
    return value
  }
  function or(): Outcome | undefined {
    let value = all()
    while (value !== undefined && (keyword('OR') || tokens[at]?.text === '||')) {
      at++
      const next = all()
      value = next === undefined ? undefined : anyOf([value, next])
    }
    return value
  }
  const result = or()
  return result === undefined || at !== tokens.length ? 'maybe' : result
}

const ATTRIBUTES = new Set(['type', 'repo', 'branch', 'tag', 'commit_message', 'sender', 'fork', 'head_repo', 'head_branch', 'os', 'language', 'sudo', 'dist', 'group'])

function negate(outcome: Outcome): Outcome {
  return outcome === 'yes' ? 'no' : outcome === 'no' ? 'yes' : 'maybe'
}

function presence(value: Attribute): Outcome {
  if (value === UNKNOWN) return 'maybe'
  return value === SET || value === TAG_NAME || (value !== null && value !== '') ? 'yes' : 'no'
}

function equals(a: Attribute, b: Attribute): Outcome {
  if (a === UNKNOWN || b === UNKNOWN) return 'maybe'
  if (a === TAG_NAME || b === TAG_NAME) return 'no'
  if (a === SET || b === SET) return a === null || b === null ? 'no' : 'maybe'
  if (a === null || b === null) return a === b ? 'yes' : 'no'
  // a name no configuration can hold (another branch) equals nothing written
  return a === b && !a.startsWith('\0') ? 'yes' : 'no'
}

function matches(value: Attribute, pattern: Attribute): Outcome {
  if (value === UNKNOWN || value === SET || value === TAG_NAME || typeof pattern !== 'string') return pattern === null ? 'no' : 'maybe'
  if (value === null || pattern === null) return 'no'
  if (value.startsWith('\0')) return 'no'
  const regex = safeRegex(pattern)
  return regex ? (regex.test(value) ? 'yes' : 'no') : 'maybe'
}

/** Travis evaluates with Ruby regexes; one JavaScript cannot compile leaves the result unknown */
function safeRegex(source: string): RegExp | undefined {
  try {
    return new RegExp(source)
  } catch {
    return undefined
  }
}

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = []
  let at = 0
  while (at < text.length) {
    const rest = text.slice(at)
    const space = /^\s+/.exec(rest)
    if (space) {
      at += space[0].length
      continue
    }
    const previous = tokens.at(-1)
    const afterMatch = previous?.kind === 'op' && (previous.text === '=~' || previous.text === '!~')
    const m =
      /^"((?:[^"\\]|\\.)*)"/.exec(rest) ?? /^'((?:[^'\\]|\\.)*)'/.exec(rest) ?? (afterMatch ? /^\/((?:[^/\\]|\\.)*)\//.exec(rest) : null)
    if (m) {
      tokens.push({ kind: m[0].startsWith('/') ? 'regex' : 'string', text: m[1]! })
      at += m[0].length
      continue
    }
    if (afterMatch) {
      // an unquoted regex runs to the next space; parentheses it does not open close the group around it
      let word = /^\S+/.exec(rest)![0]
      while (word.endsWith(')') && (word.match(/\(/g)?.length ?? 0) < (word.match(/\)/g)?.length ?? 0)) word = word.slice(0, -1)
      tokens.push({ kind: 'regex', text: word })
      at += word.length
      continue
    }
    const op = /^(==|!=|=~|!~|&&|\|\||=|!)/.exec(rest)
    if (op) {
      tokens.push({ kind: op[0] === '&&' || op[0] === '||' || op[0] === '!' ? 'word' : 'op', text: op[0] })
      at += op[0].length
      continue
    }
    if (rest[0] === '(' || rest[0] === ')' || rest[0] === ',') {
      tokens.push({ kind: rest[0], text: rest[0] })
      at++
      continue
    }
    const word = /^(?:env\(\w+\)|[^\s()=!~,&|"']+)/i.exec(rest)
    if (!word) return undefined
    tokens.push({ kind: 'word', text: word[0] })
    at += word[0].length
  }
  return tokens
}
