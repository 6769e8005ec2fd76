import type { ProductionReason, ProductionVerdict } from '../model/production.js'
import type { Guard } from '../shell/guards.js'

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
 * "production"; any other unset variable (an opt-in flag) leaves the outcome unknown.
 */
export function evaluateGuards(guards: Guard[], env: Record<string, string>, verdict: ProductionVerdict): GuardOutcome {
  let unknown: Guard | undefined
  for (const guard of guards) {
    let value = env[guard.variable]
    if (value === undefined && RUNTIME_ENV.has(guard.variable) && verdict.verdict === 'production') value = 'production'
    if (value === undefined || value.includes('<secret') || value.includes('${{')) {
      unknown ??= guard
      continue
    }
    const holds = guard.op === 'set' ? value !== '' : guard.values.includes(value)
    if (holds === guard.negated) {
      return { outcome: 'never', reason: { kind: 'condition', towards: false, detail: `guarded by ${describe(guard)}, which is false here (${guard.variable}=${value})`, span: guard.span } }
    }
  }
  if (unknown) return { outcome: 'unknown', reason: { kind: 'condition', towards: false, detail: `runs only when ${describe(unknown)}, and this path does not set ${unknown.variable}`, span: unknown.span } }
  return { outcome: 'always' }
}

function describe(guard: Guard): string {
  if (guard.op === 'set') return `$${guard.variable} is ${guard.negated ? 'empty' : 'set'}`
  return `$${guard.variable} ${guard.negated ? '!=' : '=='} ${guard.values.join('|')}`
}
