// When a job runs: `rules:` https://docs.gitlab.com/ci/jobs/job_rules/ , `only`/`except`
// https://docs.gitlab.com/ci/yaml/deprecated_keywords/#only--except , `workflow:rules`
// https://docs.gitlab.com/ci/yaml/workflow/ , expressions https://docs.gitlab.com/ci/jobs/job_rules/#cicd-variable-expressions
import { evaluateTokens, safeRegex, SET, UNKNOWN, type Token, type Variable } from '../ci/expression.js'
import { branchScenario, homeBranch, type PushedBranch } from '../ci/branches.js'
import { and, anyOf, type Gate as CiGate, type Outcome, type RefScenario } from '../ci/reach.js'
import { get, spanOf, stringOf, stringsOf, valueOf, type Definitions, type Value } from './merge.js'


/**
 * One kind of pipeline, with the predefined variables GitLab gives it
 * (https://docs.gitlab.com/ci/variables/predefined_variables/): CI_COMMIT_BRANCH is set in branch
 * pipelines only, CI_COMMIT_TAG in tag pipelines only, merge request pipelines have neither.
 */
export interface Scenario extends RefScenario {
  source: string
  vars: Record<string, Variable>
  /** in a child pipeline: the parent pipeline's scenario, where the trigger job is judged */
  parent?: Scenario
}

/** the pipelines that can run a job */
export function scenariosOf(branches: PushedBranch[]): Scenario[] {
  const scenarios: Scenario[] = []
  const home = homeBranch(branches)
  const add = (production: boolean, describe: string, ref: Scenario['ref'], source: string, vars: Record<string, Variable>) => {
    scenarios.push({ production, describe, ref, source, vars: { ...vars, CI_PIPELINE_SOURCE: source } })
  }
  // a branch pipeline of a production branch: pushes, the Run pipeline button, schedules, the API, triggers
  for (const b of branches) {
    const branch = b.branch
    for (const source of ['push', 'web', 'schedule', 'api', 'trigger', 'pipeline']) {
      const describe = source === 'push' ? `pushes to \`${branch}\`` : `\`${source}\` pipelines on \`${branch}\``
      const vars: Record<string, Variable> = { CI_COMMIT_BRANCH: branch, CI_COMMIT_REF_NAME: branch, CI_DEFAULT_BRANCH: b.kind === 'default' ? branch : home, CI_COMMIT_TAG: null, CI_MERGE_REQUEST_IID: null, CI_MERGE_REQUEST_ID: null, CI_OPEN_MERGE_REQUESTS: UNKNOWN, CI_PIPELINE_SOURCE: source }
      scenarios.push({ ...branchScenario(b, describe), source, vars })
    }
  }
  for (const source of ['push', 'web', 'api']) {
    add(true, 'tags', { tag: true }, source, { CI_COMMIT_TAG: SET, CI_COMMIT_REF_NAME: SET, CI_COMMIT_BRANCH: null, CI_DEFAULT_BRANCH: SET, CI_MERGE_REQUEST_IID: null, CI_MERGE_REQUEST_ID: null })
  }
  add(false, 'merge requests', { mergeRequest: true }, 'merge_request_event', { CI_COMMIT_BRANCH: null, CI_COMMIT_TAG: null, CI_DEFAULT_BRANCH: SET, CI_COMMIT_REF_NAME: UNKNOWN, CI_MERGE_REQUEST_IID: SET, CI_MERGE_REQUEST_ID: SET, CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: UNKNOWN, CI_MERGE_REQUEST_TARGET_BRANCH_NAME: UNKNOWN })
  // another branch: a name no config names, so a test for a specific branch does not match it
  add(false, 'other branches', { branch: '\0other' }, 'push', { CI_COMMIT_BRANCH: '\0other', CI_COMMIT_REF_NAME: '\0other', CI_DEFAULT_BRANCH: home, CI_COMMIT_TAG: null, CI_MERGE_REQUEST_IID: null, CI_MERGE_REQUEST_ID: null })
  return scenarios
}

/** the same pipeline as seen from a child pipeline it triggers: same ref, source `parent_pipeline` */
export function asChild(scenario: Scenario): Scenario {
  return { ...scenario, source: 'parent_pipeline', vars: { ...scenario.vars, CI_PIPELINE_SOURCE: 'parent_pipeline' }, parent: scenario }
}

/** whether a job (or a pipeline) runs in a GitLab pipeline of a scenario */
export type Gate = CiGate<Scenario>

/** YAML `variables:` the expressions can read: known values, but predefined ones win */
type Known = Record<string, string>

/** `workflow: rules:` or a job's `rules:` / `only:` / `except:`; none of them: every branch and tag pipeline */
export function gateOf(defs: Definitions, job: Value | undefined, known: Known): Gate {
  const rules = defs.dereferenced(get(job, 'rules'))
  if (rules) return rulesGate(defs, rules, known)
  const only = defs.dereferenced(get(job, 'only'))
  const except = defs.dereferenced(get(job, 'except'))
  return onlyExceptGate(defs, only, except, known)
}

export function workflowGate(defs: Definitions, known: Known): Gate | undefined {
  const rules = defs.dereferenced(get(defs.resolved('workflow'), 'rules'))
  return rules ? rulesGate(defs, rules, known) : undefined
}

/** the first rule whose `if:` (and `changes:`/`exists:`) holds decides; no rule matching: the job is not added */
function rulesGate(defs: Definitions, rules: Value, known: Known): Gate {
  const list = ruleList(defs, rules)
  type Result = ReturnType<Gate['outcome']>
  const from = (i: number, scenario: Scenario): Result => {
    const rule = list[i]
    if (!rule) return { outcome: 'no', ...(spanOf(rules) ? { span: spanOf(rules)! } : {}), detail: 'no rule of `rules:` matches' }
    const condition = stringOf(get(rule, 'if'))
    let holds: boolean | 'unknown' = condition === undefined ? true : evaluate(condition, scenario, known)
    // changed files and files that exist are not known for a pipeline that has not run
    if (holds !== false && (get(rule, 'changes') || get(rule, 'exists'))) holds = 'unknown'
    if (holds === false) return from(i + 1, scenario)
    const here: Result = { outcome: stringOf(get(rule, 'when')) === 'never' ? 'no' : 'yes', span: spanOf(get(rule, 'if')) ?? spanOf(rule)!, detail: condition === undefined ? '`rules:` entry without `if:`' : `\`rules: if: ${condition}\`` }
    if (holds === true) return here
    // the rule may match or not: what the following rules say counts as well
    const rest = from(i + 1, scenario)
    return { ...here, outcome: rest.outcome === here.outcome ? here.outcome : 'maybe' }
  }
  return { outcome: (scenario) => from(0, scenario) }
}

/** the rules of a `rules:` list, with `!reference [.x, rules]` entries spliced in */
function ruleList(defs: Definitions, rules: Value): Value[] {
  if (rules.kind !== 'node') return []
  return rules.view.items(rules.node).flatMap((node) => {
    const rule = defs.dereferenced(valueOf(rules.view, node, rules.from))
    if (rule?.kind === 'node') return rule.view.items(rule.node).map((n) => defs.dereferenced(valueOf(rule.view, n, rule.from))).filter((r): r is Value => r?.kind === 'map')
    return rule ? [rule] : []
  })
}

// the pipeline sources an `only:`/`except:` keyword names
const REF_SOURCES: Record<string, string[]> = {
  api: ['api'],
  chat: ['chat'],
  external: ['external'],
  external_pull_requests: ['external_pull_request_event'],
  pipelines: ['pipeline', 'parent_pipeline'],
  pushes: ['push'],
  schedules: ['schedule'],
  triggers: ['trigger'],
  web: ['web'],
}

/** `only:`/`except:` refs (branches, tags, merge_requests, names, /regexes/) and `variables:` */
function onlyExceptGate(defs: Definitions, only: Value | undefined, except: Value | undefined, known: Known): Gate {
  const refsOf = (value: Value | undefined) => (value?.kind === 'map' ? stringsOf(defs.dereferenced(get(value, 'refs'))) : stringsOf(value))
  const variablesOf = (value: Value | undefined) => (value?.kind === 'map' ? stringsOf(defs.dereferenced(get(value, 'variables'))) : [])
  const onlyRefs = only ? refsOf(only) : ['branches', 'tags']
  const onlyVariables = variablesOf(only)
  const exceptRefs = refsOf(except)
  const exceptVariables = variablesOf(except)
  // without either, the job runs in every branch and tag pipeline: nothing to name
  const detail = only ? `\`only: ${onlyRefs.join(', ')}\`` : except ? `\`except: ${exceptRefs.join(', ')}\`` : undefined
  const span = spanOf(only) ?? spanOf(except)
  return {
    outcome(scenario) {
      const refMatch = (refs: string[]) => anyOf(refs.map((ref) => refMatches(ref, scenario)))
      let onlyHolds = refMatch(onlyRefs)
      if (onlyVariables.length > 0) onlyHolds = and(onlyHolds, anyOf(onlyVariables.map((e) => toOutcome(evaluate(e, scenario, known)))))
      let excluded: Outcome = exceptRefs.length > 0 ? refMatch(exceptRefs) : 'no'
      if (exceptVariables.length > 0) excluded = anyOf([excluded, anyOf(exceptVariables.map((e) => toOutcome(evaluate(e, scenario, known))))])
      const outcome = and(onlyHolds, excluded === 'yes' ? 'no' : excluded === 'maybe' ? 'maybe' : 'yes')
      return { outcome, ...(span ? { span } : {}), ...(detail ? { detail } : {}) }
    },
  }
}

function refMatches(ref: string, scenario: Scenario): Outcome {
  if (ref === 'branches') return scenario.ref.branch !== undefined ? 'yes' : 'no'
  if (ref === 'tags') return scenario.ref.tag ? 'yes' : 'no'
  if (ref === 'merge_requests') return scenario.ref.mergeRequest ? 'yes' : 'no'
  const sources = REF_SOURCES[ref]
  if (sources) return sources.includes(scenario.source) ? 'yes' : 'no'
  if (scenario.ref.mergeRequest) return 'no'
  // `main@group/project`: the ref in that project only, which is this one unless it is a fork
  const name = ref.replace(/@[^@]*$/, '')
  const regex = /^\/(.*)\/([a-z]*)$/.exec(name)
  if (scenario.ref.tag) return regex ? 'maybe' : 'no'
  const branch = scenario.ref.branch!
  if (branch.startsWith('\0')) return 'no'
  if (!regex) return name === branch ? 'yes' : 'no'
  const compiled = safeRegex(regex[1]!, regex[2]!)
  return compiled ? (compiled.test(branch) ? 'yes' : 'no') : 'maybe'
}



function toOutcome(value: boolean | 'unknown'): Outcome {
  return value === 'unknown' ? 'maybe' : value ? 'yes' : 'no'
}



/**
 * A CI/CD variable expression: `$VAR`, `==`, `!=`, `=~`, `!~`, `&&`, `||`, parentheses, quoted
 * strings, /regex/ and `null`. A variable neither GitLab nor the YAML gives a known value makes
 * the result unknown; so does anything this reader cannot parse.
 */
export function evaluate(expression: string, scenario: Scenario, known: Known): boolean | 'unknown' {
  const tokens = tokenize(expression)
  // SET: a variable GitLab surely sets to a value no file shows (the tag of a tag pipeline);
  // UNKNOWN: one the project's CI/CD settings or a trigger's payload may set or not
  return tokens ? evaluateTokens(tokens, (name) => (name in scenario.vars ? scenario.vars[name]! : name in known ? known[name]! : UNKNOWN)) : 'unknown'
}

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = []
  const pattern = /\s*(?:\$\{?([A-Za-z_][\w]*)\}?|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|\/((?:[^/\\]|\\.)*)\/([a-z]*)|(null)\b|(\(|\)|&&|\|\||==|!=|=~|!~))\s*/y
  let at = 0
  while (at < text.length) {
    pattern.lastIndex = at
    const m = pattern.exec(text)
    if (!m || m[0].length === 0) return text.slice(at).trim() === '' ? tokens : undefined
    at = pattern.lastIndex
    if (m[1] !== undefined) tokens.push({ kind: 'var', text: m[1] })
    else if (m[2] !== undefined) tokens.push({ kind: 'string', text: m[2] })
    else if (m[3] !== undefined) tokens.push({ kind: 'string', text: m[3] })
    else if (m[4] !== undefined) tokens.push({ kind: 'regex', text: m[4], flags: m[5] ?? '' })
    else if (m[6] !== undefined) tokens.push({ kind: 'null', text: 'null' })
    else tokens.push({ kind: m[7] as Token['kind'], text: m[7]! })
  }
  return tokens
}
