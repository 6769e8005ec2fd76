import type { ProductionReason, ProductionVerdict } from '../model/production.js'
import { isPositional, valueSeen, type Guard } from '../shell/guards.js'
import { matchesPattern } from '../shell/patterns.js'

// variables that name the runtime environment: on a production path they say "production"
const RUNTIME_ENV = new Set(['NODE_ENV', 'RAILS_ENV', 'RACK_ENV', 'APP_ENV', 'MIX_ENV', 'DJANGO_ENV', 'ENVIRONMENT', 'ENV', 'STAGE', 'DEPLOY_ENV'])

export interface GuardOutcome {
  /** always: the guards hold on this path; never: they cannot; unknown: they depend on a variable this path does not set */
  outcome: 'always' | 'never' | 'unknown'
  reason?: ProductionReason
}

/**
 * Evaluates the shell conditions around a seed (`if [ "$NODE_ENV" != production ]`) against the
 * environment the path sets. On a production path an unset runtime variable is taken to be
 * "production"; any other variable the path does not set takes the default the test gives it
 * (`${RUN_SEED:-true}`), and without one (an opt-in flag) leaves the outcome unknown. A positional
 * parameter is known only where the parser bound it to a known command line.
 */
export function evaluateGuards(guards: Guard[], env: Record<string, string>, verdict: ProductionVerdict): GuardOutcome {
  let unknown: Guard | undefined
  for (const guard of guards) {
    const value = guard.bound ?? (isPositional(guard.variable) ? undefined : valueIn(env, guard, verdict))
    if (value === undefined || value.includes('<secret') || value.includes('${{')) {
      unknown ??= guard
      continue
    }
    if (holds(guard, value) === guard.negated) {
      return { outcome: 'never', reason: { kind: 'condition', towards: false, detail: `guarded by ${describe(guard)}, which is false here (${guard.variable}=${value})`, span: guard.span } }
    }
  }
  if (unknown) {
    const why = isPositional(unknown.variable) ? 'the command line that runs it is not known' : `this path does not set ${unknown.variable}`
    return { outcome: 'unknown', reason: { kind: 'condition', towards: false, detail: `runs only when ${describe(unknown)}, and ${why}`, span: unknown.span } }
  }
  return { outcome: 'always' }
}

function valueIn(env: Record<string, string>, guard: Guard, verdict: ProductionVerdict): string | undefined {
  const value = env[guard.variable]
  if (value === undefined && RUNTIME_ENV.has(guard.variable) && verdict.verdict === 'production') return 'production'
  return valueSeen(guard, value)
}

function holds(guard: Guard, value: string): boolean {
  if (guard.op === 'set') return value !== ''
  return guard.op === 'match' ? guard.values.some((pattern) => matchesPattern(pattern, value)) : guard.values.includes(value)
}

function describe(guard: Guard): string {
  if (guard.op === 'set') return `$${guard.variable} is ${guard.negated ? 'empty' : 'set'}`
  if (guard.op === 'match') return `$${guard.variable} ${guard.negated ? 'matches none of' : 'matches'} ${guard.values.join('|')}`
  return `$${guard.variable} ${guard.negated ? '!=' : '=='} ${guard.values.join('|')}`
}
