import type { RuntimeEnvironment } from './runtime.js'
import type { Span } from './span.js'

/**
 * A condition on a variable (or a script's positional parameter) that a command runs under, e.g. the
 * `[[ $NODE_ENV == production ]]` around a `knex seed:run`. The analysis evaluates guards against
 * the environment a production path sets, so a seed behind `[ "$NODE_ENV" != production ]` is not
 * reported for a production deploy, and one behind an opt-in flag nobody sets is only uncertain.
 */
export interface Guard {
  /** a variable name, or a positional parameter: `1` for `$1`, `#` for `$#` */
  variable: string
  /**
   * eq: the value equals one of values; match: it matches one of the shell patterns in values
   * (patterns.ts); set: it is non-empty; any: one of `alternatives` holds (`variable` is the first's);
   * opaque: a test on the environment that cannot be evaluated (`isFriday()`), said as `text`;
   * runtime: seedguard's own check at run time (`seedguard guard --`, `await assertSafeToSeed()`,
   * said as `text`), which refuses a database marked production: whether it lets the command run
   * depends on the database, never on anything in the repository
   */
  op: 'eq' | 'match' | 'set' | 'any' | 'opaque' | 'runtime'
  values: string[]
  negated: boolean
  /** `${X:-d}` / `${X-d}`: the value the test sees when X is unset, and with the colon when X is empty too */
  fallback?: { value: string; ifEmpty: boolean }
  /** the value the test sees, where the script itself tells: a positional parameter of a known command line */
  bound?: string
  /** op any: the guards one of which holds */
  alternatives?: Guard[]
  /** op opaque: the test as written */
  text?: string
  /**
   * op opaque: the test is the truth of a parameter of the function it is in (Python `if drop:`), so
   * a call that passes a constant, or leaves a constant default, decides it (seeds/start-walk.ts):
   * the test holds where the parameter's truth is `truthy`
   */
  parameter?: CodeParameter
  span: Span
  /** the environment the test runs in where it is not the context's: a command sent to a server (`ssh host '…'`) */
  runtime?: RuntimeEnvironment
}

/** a function's parameter: its place among the positional ones (none for keyword-only), and the truth of a constant default */
export interface CodeParameter {
  name: string
  position?: number
  fallback?: boolean
  truthy: boolean
}

const POSITIONAL = /^([1-9]\d*|#)$/

/** `$1`…, `$#`: set by the command line that runs the script or function, never by the environment */
export function isPositional(variable: string): boolean {
  return POSITIONAL.test(variable)
}

/** The value a guard's test sees when its variable is `raw` (undefined: unset), after `${X:-d}`. */
export function valueSeen(guard: Guard, raw: string | undefined): string | undefined {
  if (!guard.fallback) return raw
  return raw === undefined || (raw === '' && guard.fallback.ifEmpty) ? guard.fallback.value : raw
}

/**
 * Binds guards on positional parameters to the arguments of the command line that ran the script
 * or function; undefined arguments (a computed command line) leave them unknown.
 */
export function bindArguments(guards: Guard[], args: readonly string[] | undefined): Guard[] {
  if (!args) return guards
  return guards.map((guard) => {
    if (!isPositional(guard.variable)) return guard
    const raw = guard.variable === '#' ? String(args.length) : args[Number(guard.variable) - 1]
    // an unset positional parameter expands to the empty word
    return { ...guard, bound: valueSeen(guard, raw) ?? '' }
  })
}

/**
 * Binds guards on variables the script itself assigned before the test (`NODE_ENV=production` on a
 * line of its own, `export APP_ENV=staging`): the test reads that value, whatever the environment says.
 */
export function bindVariables(guards: Guard[], vars: ReadonlyMap<string, string>): Guard[] {
  if (vars.size === 0) return guards
  return guards.map((guard) => {
    const value = guard.bound === undefined && !isPositional(guard.variable) ? vars.get(guard.variable) : undefined
    return value === undefined ? guard : { ...guard, bound: valueSeen(guard, value) ?? '' }
  })
}

/** One of these conditions holds; each must be a single guard, or nothing certain follows. */
export function anyOf(conditions: Guard[][]): Guard[] {
  if (conditions.length === 0 || conditions.some((c) => c.length !== 1)) return []
  const alternatives = conditions.map((c) => c[0]!)
  return [{ ...alternatives[0]!, op: 'any', values: [], negated: false, alternatives, span: { ...alternatives[0]!.span, end: alternatives.at(-1)!.span.end } }]
}

export function negateGuards(guards: Guard[]): Guard[] {
  // not (a and b) is (not a) or (not b)
  if (guards.length > 1) return [{ ...guards[0]!, op: 'any', values: [], negated: false, alternatives: guards.flatMap((g) => negateGuards([g])) }]
  const [guard] = guards
  if (!guard) return []
  // not (a or b) is (not a) and (not b)
  if (guard.op === 'any') return (guard.alternatives ?? []).flatMap((g) => negateGuards([g]))
  return [{ ...guard, negated: !guard.negated }]
}

/** The same conditions, wherever they are written. */
export function sameGuards(a: readonly Guard[], b: readonly Guard[]): boolean {
  return a.length === b.length && a.every((g, i) => sameGuard(g, b[i]!))
}

function sameGuard(a: Guard, b: Guard): boolean {
  return (
    a.variable === b.variable &&
    a.op === b.op &&
    a.negated === b.negated &&
    a.bound === b.bound &&
    a.text === b.text &&
    a.values.length === b.values.length &&
    a.values.every((v, i) => v === b.values[i]) &&
    a.fallback?.value === b.fallback?.value &&
    a.fallback?.ifEmpty === b.fallback?.ifEmpty &&
    sameGuards(a.alternatives ?? [], b.alternatives ?? [])
  )
}

/**
 * The conditions two commands share when the rest of each is the other's negation, as the `then`
 * and `else` of one test are (`if [ "$MODE" = worker ]; then a; else b; fi`): whichever way that
 * test goes, one of the two runs wherever the shared part holds. Undefined when they are not so.
 */
export function eitherBranch(a: readonly Guard[], b: readonly Guard[]): Guard[] | undefined {
  let common = 0
  while (common < a.length && common < b.length && sameGuard(a[common]!, b[common]!)) common++
  const restA = a.slice(common)
  const restB = b.slice(common)
  if (restA.length === 0 || restB.length === 0) return undefined
  return sameGuards(negateGuards(restA), restB) || sameGuards(negateGuards(restB), restA) ? a.slice(0, common) : undefined
}
