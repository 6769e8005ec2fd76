import type { ProductionReason } from '../model/production.js'
import { OUTSIDE_ENVIRONMENT, RUNTIME_ENV_VARIABLES, setterOf, unknownBecause, type RuntimeEnvironment } from '../model/runtime.js'
import { eitherBranch, isPositional, sameGuards, valueSeen, type Guard } from '../model/guard.js'
import { matchesPattern } from '../shell/patterns.js'

// production platforms and images conventionally set these, so where the environment comes from
// outside the repository their value cannot be assumed, not even the default a test gives them
const RUNTIME_ENV = new Set(RUNTIME_ENV_VARIABLES)

export interface GuardOutcome {
  /** always: the guards hold on this path; never: they cannot; unknown: they depend on a value this path cannot know */
  outcome: 'always' | 'never' | 'unknown'
  /** always: why each guard holds; never: the guard that fails; unknown: the guard left undecided */
  reasons: ProductionReason[]
  /** a guard holds because it runs the seed where the deploy says it is production: the seed is meant for production */
  meantForProduction?: string
  /** the seed runs through seedguard's runtime check: refused where the database is marked production, run anywhere else */
  runtimeGuard?: Guard
}

type Seen = { value: string; why: string } | { unknown: string }

/**
 * Evaluates the shell conditions around a seed (`if [ "$NODE_ENV" != production ]`) with the values
 * the context really gives each variable: what its files set, what its runtime sets (CI=true on a
 * runner), and for everything else what the runtime does with an unset variable. On a GitHub-hosted
 * runner that is empty, so `[ "$NODE_ENV" != production ]` is true and the seed runs. Where the
 * environment comes from outside the repository a runtime variable (NODE_ENV, RAILS_ENV, …) cannot
 * be known, and the outcome is unknown, never "safe"; any other variable takes the default the test
 * gives it (`${RUN_SEED:-true}`: what runs unless someone sets it), and without one (an opt-in flag)
 * is unknown too. A positional parameter is known only where the parser bound it to a known command line.
 * Each outcome says what decided it, in the values it was judged with.
 */
export function evaluateGuards(guards: Guard[], env: Record<string, string>, runtime: RuntimeEnvironment = OUTSIDE_ENVIRONMENT): GuardOutcome {
  let unknown: { guard: Guard; why: string } | undefined
  const passed: ProductionReason[] = []
  let meantForProduction: string | undefined
  const runtimeGuard = guards.find((guard) => guard.op === 'runtime')
  const found = runtimeGuard ? { runtimeGuard } : {}
  for (const guard of guards) {
    // decided by the database at run time: said apart, never counted as a test that holds or fails here
    if (guard.op === 'runtime') continue
    const judged = judge(guard, env, runtime)
    if ('unknown' in judged) {
      unknown ??= { guard, why: judged.unknown }
      continue
    }
    if (!judged.holds) return { outcome: 'never', reasons: [{ kind: 'condition', towards: false, detail: `guarded by ${describe(guard)}, which is false here (${judged.why})`, span: guard.span }] }
    if (judged.meantForProduction) meantForProduction ??= describe(guard)
    const detail = judged.meantForProduction ? `runs only when ${describe(guard)}, ${judged.why}` : `the test \`${describe(guard)}\` passes: ${judged.why}`
    passed.push({ kind: 'condition', towards: true, detail, span: guard.span })
  }
  if (unknown) return { outcome: 'unknown', reasons: [{ kind: 'condition', towards: false, detail: `runs only when ${describe(unknown.guard)}, and ${unknown.why}`, span: unknown.guard.span }], ...found }
  return { outcome: 'always', reasons: passed, ...(meantForProduction !== undefined && { meantForProduction }), ...found }
}

type Judged = { holds: boolean; why: string; meantForProduction?: boolean } | { unknown: string }

/** Whether one guard holds with the values the context gives, and which values decided it. */
function judge(guard: Guard, env: Record<string, string>, contextRuntime: RuntimeEnvironment): Judged {
  const runtime = guard.runtime ?? contextRuntime
  if (guard.op === 'opaque') return { unknown: 'seedguard cannot evaluate that test' }
  if (guard.op === 'runtime') return { unknown: 'that depends on the database it meets' }
  if (guard.op === 'any') {
    const each = (guard.alternatives ?? []).map((g) => judge(g, env, runtime))
    const holding = each.find((j): j is Extract<Judged, { holds: boolean }> => 'holds' in j && j.holds)
    if (holding) return holding
    const undecided = each.find((j): j is Extract<Judged, { unknown: string }> => 'unknown' in j)
    if (undecided) return undecided
    return { holds: false, why: each.map((j) => ('why' in j ? j.why : '')).join('; ') }
  }
  const seen = valueIn(env, guard, runtime)
  if ('unknown' in seen) return aimedAtProduction(guard, env, runtime) ? { holds: true, why: `which production deploys set: the seed is meant for production`, meantForProduction: true } : seen
  return { holds: holds(guard, seen.value) !== guard.negated, why: seen.why }
}

/** The value a guard's test sees on this path, and where it comes from. */
function valueIn(env: Record<string, string>, guard: Guard, runtime: RuntimeEnvironment): Seen {
  const { variable } = guard
  if (guard.bound !== undefined) return { value: guard.bound, why: isPositional(variable) ? `the command line that runs it gives $${variable} ${shown(guard.bound)}` : `the script sets ${variable} to ${shown(guard.bound)} before the test` }
  if (isPositional(variable)) return { unknown: 'the command line that runs it is not known' }
  const raw = env[variable] ?? runtime.values?.[variable]
  if (raw !== undefined) {
    const value = valueSeen(guard, raw)!
    if (value.includes('<secret') || value.includes('${{')) return { unknown: `${variable} comes from a secret or an expression whose value is not in the repository` }
    const by = env[variable] !== undefined ? 'this path' : setterOf(runtime, variable)
    return { value, why: value === raw ? `${variable}=${raw}${env[variable] !== undefined ? '' : `, set by ${by}`}` : `${variable} defaults to ${value} in the test, and ${by} sets it empty` }
  }
  if (runtime.provides?.(variable)) return { unknown: `${variable} is set by ${runtime.label} to a value no file shows` }
  const fallback = valueSeen(guard, undefined)
  const defaults = fallback === undefined ? '' : `${variable} defaults to ${fallback} in the test, and `
  if (runtime.unset === 'empty') return { value: fallback ?? '', why: `${defaults}${fallback === undefined ? variable : 'it'} is unset on ${runtime.label}` }
  if (fallback !== undefined && !RUNTIME_ENV.has(variable)) return { value: fallback, why: `${defaults}no file of this path sets it` }
  return { unknown: unknownBecause(runtime, variable) }
}

function shown(value: string): string {
  return value === '' ? 'nothing' : value
}

/**
 * `[ "$NODE_ENV" = production ] && seed` where no file shows NODE_ENV: the test holds where the
 * deploy says it is production, which is what production deploys say of themselves (and unset it
 * may fail or, through a default, hold too). The seed is meant for production: on a production path it runs.
 */
function aimedAtProduction(guard: Guard, env: Record<string, string>, runtime: RuntimeEnvironment): boolean {
  if (!RUNTIME_ENV.has(guard.variable) || env[guard.variable] !== undefined || runtime.unset !== 'unknown' || guard.op === 'set') return false
  return holds(guard, 'production') !== guard.negated
}

function holds(guard: Guard, value: string): boolean {
  if (guard.op === 'set') return value !== ''
  return guard.op === 'match' ? guard.values.some((pattern) => matchesPattern(pattern, value)) : guard.values.includes(value)
}

function describe(guard: Guard): string {
  if (guard.op === 'opaque') return `\`${guard.text}\` is ${guard.negated ? 'false' : 'true'}`
  if (guard.op === 'runtime') return `\`${guard.text}\` lets it run`
  if (guard.op === 'any') return (guard.alternatives ?? []).map(describe).join(' or ')
  if (guard.op === 'set') return `$${guard.variable} is ${guard.negated ? 'empty' : 'set'}`
  if (guard.op === 'match') return `$${guard.variable} ${guard.negated ? 'matches none of' : 'matches'} ${guard.values.join('|')}`
  return `$${guard.variable} ${guard.negated ? '!=' : '=='} ${guard.values.join('|')}`
}

/**
 * The guards under which some command of a group runs, where the group covers both branches of a
 * test: an `if`/`else` (or `elif` chain, or the arms of a `case` with a default) whose every branch
 * seeds is a seed, whatever its test says. Each command gets the conditions that still decide
 * whether one of them runs, and the command on the other side.
 */
export function acrossBranches<T extends { guards: Guard[] }>(commands: readonly T[]): Map<T, { guards: Guard[]; other: T }> {
  // groups of commands that together run whenever `guards` hold; an `elif` chain folds one branch
  // at a time: the last two first, then their group with the branch before
  const groups: { members: T[]; guards: Guard[] }[] = []
  // commands of one branch share its conditions
  for (const command of commands) {
    const branch = groups.find((g) => sameGuards(g.guards, command.guards))
    if (branch) branch.members.push(command)
    else groups.push({ members: [command], guards: command.guards })
  }
  for (let merged = true; merged; ) {
    merged = false
    for (const a of groups) {
      const b = groups.find((g) => g !== a && eitherBranch(a.guards, g.guards) !== undefined)
      if (!b) continue
      a.guards = eitherBranch(a.guards, b.guards)!
      a.members.push(...b.members)
      groups.splice(groups.indexOf(b), 1)
      merged = true
      break
    }
  }
  const covered = new Map<T, { guards: Guard[]; other: T }>()
  for (const { members, guards } of groups) {
    // the command on the other side of the test: the first one whose conditions differ
    for (const command of members) {
      const other = members.find((m) => !sameGuards(m.guards, command.guards))
      if (other) covered.set(command, { guards, other })
    }
  }
  return covered
}
