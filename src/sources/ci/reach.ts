// Whether a CI job runs where production is deployed from: the default branch or a tag. Each CI
// system describes its pipelines as scenarios (a push to the default branch, a tag, a merge or
// pull request, another branch) and its filters as gates; what they say of production is read here
// once for all of them.
import type { ProductionReason } from '../../model/production.js'
import type { Span } from '../../model/span.js'

export type Outcome = 'yes' | 'no' | 'maybe'

/** one kind of pipeline run */
export interface RefScenario {
  /** what reaches production: the default branch, a tag, a branch named for production */
  production: boolean
  /** a push to a branch named for production, which reaches production only where a gate names it, or to an unnamed branch, which tells whether one does */
  pushedBranch?: 'named-for-production' | 'unnamed'
  describe: string
  ref: { branch?: string; tag?: true; mergeRequest?: true }
}

export interface GateResult {
  outcome: Outcome
  span?: Span
  detail?: string
}

/** whether a job (or a pipeline) runs in a scenario, and the rule or filter that decided it */
export interface Gate<S extends RefScenario = RefScenario> {
  outcome(scenario: S): GateResult
}

export function and(a: Outcome, b: Outcome): Outcome {
  if (a === 'no' || b === 'no') return 'no'
  return a === 'yes' && b === 'yes' ? 'yes' : 'maybe'
}

export function anyOf(outcomes: Outcome[]): Outcome {
  if (outcomes.includes('yes')) return 'yes'
  return outcomes.includes('maybe') ? 'maybe' : 'no'
}

/**
 * Every gate must let the job run; the one that decided is the first that stops it, else the
 * first that may, else the last that names a filter (the job's own rules, the most specific).
 */
export function allOf<S extends RefScenario, K extends string>(gates: { gate: Gate<S>; kind: K }[], scenario: S): { outcome: Outcome; span?: Span; detail?: string; kind?: K } {
  let outcome: Outcome = 'yes'
  let decisive: ({ kind: K } & GateResult) | undefined
  for (const { gate, kind } of gates) {
    const result = { ...gate.outcome(scenario), kind }
    outcome = and(outcome, result.outcome)
    if (result.outcome === 'no') return { ...result, outcome }
    if (decisive?.outcome !== 'maybe' && (result.outcome === 'maybe' || result.detail !== undefined || !decisive)) decisive = result
  }
  return { ...decisive, outcome }
}

/**
 * Each scenario judged by the gates, and those that run the job where production is deployed from.
 * A branch named for production counts only where the gates name it: a job that also runs on an
 * unnamed branch (`except: [main]`) runs on that branch as on any other.
 */
function judge<S extends RefScenario, K extends string>(gates: { gate: Gate<S>; kind: K }[], scenarios: S[]) {
  const judged = scenarios.map((scenario) => ({ scenario, ...allOf(gates, scenario) }))
  const anyBranch = judged.some((j) => j.scenario.pushedBranch === 'unnamed' && j.outcome !== 'no')
  const runs = judged.filter((j) => j.scenario.production && j.outcome !== 'no' && !(j.scenario.pushedBranch === 'named-for-production' && anyBranch))
  return { judged, runs }
}

/** whether the gates let a job (or a pipeline) run where production is deployed from */
export function reachesProduction<S extends RefScenario, K extends string>(gates: { gate: Gate<S>; kind: K }[], scenarios: S[]): Outcome {
  return anyOf(judge(gates, scenarios).runs.map((j) => j.outcome))
}

/**
 * What the gates say of production: a reason towards it when the default branch or a tag can run
 * the job, a reason against when only merge requests or other branches can. `unfiltered` names
 * what a job without any filter lacks (GitLab: no `rules:` or `only:`).
 */
export function reachReasons<S extends RefScenario>(gates: { gate: Gate<S>; kind: 'trigger' | 'condition' }[], scenarios: S[], fallback: Span, unfiltered: string): ProductionReason[] {
  const { judged, runs } = judge(gates, scenarios)
  // a branch named for production is listed only when neither the default branch nor a tag runs the job
  const usual = runs.filter((j) => j.scenario.pushedBranch === undefined)
  const production = usual.length > 0 ? usual : runs
  if (production.length > 0) {
    const first = production[0]!
    // one description per ref: a push to it where a push runs the job, else the first source that does
    const perRef = new Map<string, string>()
    for (const j of production) if (!perRef.has(j.scenario.ref.branch ?? 'tags')) perRef.set(j.scenario.ref.branch ?? 'tags', j.scenario.describe)
    const where = [...perRef.values()].join(', ')
    return [{ kind: first.kind ?? 'condition', towards: true, detail: `${first.detail ?? unfiltered}: runs for ${where}`, span: first.span ?? fallback }]
  }
  const blocked = judged.find((j) => j.scenario.production)!
  const others = [...new Set(judged.filter((j) => j.outcome !== 'no' && j.scenario.pushedBranch === undefined).map((j) => j.scenario.describe))]
  const detail = others.length > 0 ? `runs only for ${others.join(', ')}, never on the default branch or a tag` : 'never runs on the default branch or a tag'
  return [{ kind: blocked.kind ?? 'condition', towards: false, detail: `${blocked.detail ?? 'its rules'} ${detail}`, span: blocked.span ?? fallback }]
}
