import { describe, expect, it } from 'vitest'
import { evaluateGuards } from '../../src/analysis/guard-eval.js'
import type { ProductionVerdict } from '../../src/model/production.js'
import type { Guard } from '../../src/shell/guards.js'

const production: ProductionVerdict = { verdict: 'production', confidence: 'high', reasons: [] }
const at = { file: 'run.sh', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } }
const g = (variable: string, op: Guard['op'], values: string[], more: Partial<Guard> = {}): Guard => ({ variable, op, values, negated: false, span: at, ...more })

describe('evaluating guards on a production path', () => {
  it.each<[string, Guard, Record<string, string>, string]>([
    ['an unset flag with a default that runs', g('RUN_SEED', 'eq', ['true'], { fallback: { value: 'true', ifEmpty: true } }), {}, 'always'],
    ['an unset flag with a default that does not', g('RUN_SEED', 'eq', ['true'], { fallback: { value: 'false', ifEmpty: true } }), {}, 'never'],
    ['a flag set by the path beats its default', g('RUN_SEED', 'eq', ['true'], { fallback: { value: 'true', ifEmpty: true } }), { RUN_SEED: 'false' }, 'never'],
    ['`${X:-d}` takes the default for an empty value', g('RUN_SEED', 'eq', ['true'], { fallback: { value: 'true', ifEmpty: true } }), { RUN_SEED: '' }, 'always'],
    ['`${X-d}` keeps an empty value', g('RUN_SEED', 'eq', ['true'], { fallback: { value: 'true', ifEmpty: false } }), { RUN_SEED: '' }, 'never'],
    ['an unset flag without a default', g('RUN_SEED', 'eq', ['true']), {}, 'unknown'],
    ['the runtime variable is production before its default', g('NODE_ENV', 'eq', ['development'], { fallback: { value: 'development', ifEmpty: true } }), {}, 'never'],
    ['a case arm for production', g('NODE_ENV', 'match', ['prod*']), {}, 'always'],
    ['every other case arm', g('NODE_ENV', 'match', ['prod*', 'live'], { negated: true }), {}, 'never'],
    ['a positional parameter of an unknown command line', g('1', 'eq', ['--seed'], { fallback: { value: '', ifEmpty: true } }), {}, 'unknown'],
    ['a positional parameter of a known command line', g('1', 'eq', ['--seed'], { bound: '' }), {}, 'never'],
    ['the environment never sets a positional parameter', g('1', 'eq', ['--seed']), { '1': '--seed' }, 'unknown'],
  ])('%s', (_, guard, env, expected) => {
    expect(evaluateGuards([guard], env, production).outcome).toBe(expected)
  })

  it('says why a positional parameter is unknown', () => {
    expect(evaluateGuards([g('1', 'eq', ['--seed'])], {}, production).reason?.detail).toBe('runs only when $1 == --seed, and the command line that runs it is not known')
  })
})
