import { describe, expect, it } from 'vitest'
import { evaluateGuards } from '../../src/production/guards.js'
import { OUTSIDE_ENVIRONMENT, type RuntimeEnvironment } from '../../src/model/runtime.js'
import type { Guard } from '../../src/model/guard.js'
import { runnerEnvironment } from '../../src/sources/github/runner.js'

const at = { file: 'run.sh', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } }
const g = (variable: string, op: Guard['op'], values: string[], more: Partial<Guard> = {}): Guard => ({ variable, op, values, negated: false, span: at, ...more })
const runner = runnerEnvironment(['ubuntu-latest'], false, {})
const heroku: RuntimeEnvironment = { unset: 'unknown', label: "the app's config vars", values: { NODE_ENV: 'production' } }

describe('evaluating guards with the environment the context really has', () => {
  it.each<[string, Guard, Record<string, string>, RuntimeEnvironment, string]>([
    // where the environment comes from outside the repository (a platform, a server, an image)
    ['an unset flag with a default that runs', g('RUN_SEED', 'eq', ['true'], { fallback: { value: 'true', ifEmpty: true } }), {}, OUTSIDE_ENVIRONMENT, 'always'],
    ['an unset flag with a default that does not', g('RUN_SEED', 'eq', ['true'], { fallback: { value: 'false', ifEmpty: true } }), {}, OUTSIDE_ENVIRONMENT, 'never'],
    ['a flag set by the path beats its default', g('RUN_SEED', 'eq', ['true'], { fallback: { value: 'true', ifEmpty: true } }), { RUN_SEED: 'false' }, OUTSIDE_ENVIRONMENT, 'never'],
    ['`${X:-d}` takes the default for an empty value', g('RUN_SEED', 'eq', ['true'], { fallback: { value: 'true', ifEmpty: true } }), { RUN_SEED: '' }, OUTSIDE_ENVIRONMENT, 'always'],
    ['`${X-d}` keeps an empty value', g('RUN_SEED', 'eq', ['true'], { fallback: { value: 'true', ifEmpty: false } }), { RUN_SEED: '' }, OUTSIDE_ENVIRONMENT, 'never'],
    ['an unset flag without a default', g('RUN_SEED', 'eq', ['true']), {}, OUTSIDE_ENVIRONMENT, 'unknown'],
    ['NODE_ENV no file sets is not assumed to be production', g('NODE_ENV', 'eq', ['production'], { negated: true }), {}, OUTSIDE_ENVIRONMENT, 'unknown'],
    ["nor is a runtime variable's default taken: the platform may set it", g('NODE_ENV', 'eq', ['development'], { fallback: { value: 'development', ifEmpty: true } }), {}, OUTSIDE_ENVIRONMENT, 'unknown'],
    ['NODE_ENV a file sets', g('NODE_ENV', 'eq', ['production'], { negated: true }), { NODE_ENV: 'production' }, OUTSIDE_ENVIRONMENT, 'never'],
    ['a seed meant for production runs where production says so', g('NODE_ENV', 'eq', ['production']), {}, OUTSIDE_ENVIRONMENT, 'always'],
    ['a production case arm, likewise', g('RAILS_ENV', 'match', ['prod*']), {}, OUTSIDE_ENVIRONMENT, 'always'],
    ['a seed meant for development is undecided where no file shows the variable', g('NODE_ENV', 'eq', ['development']), {}, OUTSIDE_ENVIRONMENT, 'unknown'],
    ['NODE_ENV the platform sets (Heroku Node.js buildpack)', g('NODE_ENV', 'eq', ['production'], { negated: true }), {}, heroku, 'never'],
    ['a case arm for production, NODE_ENV set by the platform', g('NODE_ENV', 'match', ['prod*']), {}, heroku, 'always'],
    ['every other case arm', g('NODE_ENV', 'match', ['prod*', 'live'], { negated: true }), {}, heroku, 'never'],
    ['a value from a secret', g('NODE_ENV', 'eq', ['production'], { negated: true }), { NODE_ENV: '<secret NODE_ENV>' }, runner, 'unknown'],
    // a GitHub-hosted runner sets no NODE_ENV, RAILS_ENV or APP_ENV: unset is empty
    ['NODE_ENV on a hosted runner is empty: `!= production` holds', g('NODE_ENV', 'eq', ['production'], { negated: true }), {}, runner, 'always'],
    ['RAILS_ENV on a hosted runner', g('RAILS_ENV', 'eq', ['production'], { negated: true }), {}, runner, 'always'],
    ['`-z "$APP_ENV"` on a hosted runner', g('APP_ENV', 'set', [], { negated: true }), {}, runner, 'always'],
    ['an opt-in flag nobody sets on a hosted runner', g('SEED_DEMO_DATA', 'eq', ['1']), {}, runner, 'never'],
    ["a runtime variable's default on a hosted runner", g('NODE_ENV', 'eq', ['development'], { fallback: { value: 'development', ifEmpty: true } }), {}, runner, 'always'],
    ['CI is true on a runner', g('CI', 'eq', ['true'], { negated: true }), {}, runner, 'never'],
    ['GITHUB_REF is set by the runner to a value no file shows', g('GITHUB_REF', 'eq', ['refs/heads/main']), {}, runner, 'unknown'],
    ['a positional parameter of an unknown command line', g('1', 'eq', ['--seed'], { fallback: { value: '', ifEmpty: true } }), {}, runner, 'unknown'],
    ['a positional parameter of a known command line', g('1', 'eq', ['--seed'], { bound: '' }), {}, OUTSIDE_ENVIRONMENT, 'never'],
    ['the environment never sets a positional parameter', g('1', 'eq', ['--seed']), { '1': '--seed' }, OUTSIDE_ENVIRONMENT, 'unknown'],
  ])('%s', (_, guard, env, runtime, expected) => {
    expect(evaluateGuards([guard], env, runtime).outcome).toBe(expected)
  })

  it('names the variable it could not know, and where its value comes from', () => {
    expect(evaluateGuards([g('NODE_ENV', 'eq', ['production'], { negated: true })], {}, OUTSIDE_ENVIRONMENT).reasons[0]?.detail).toBe(
      `runs only when $NODE_ENV != production, and no file of this path sets NODE_ENV: its value comes from ${OUTSIDE_ENVIRONMENT.label}`,
    )
  })

  it('says why a positional parameter is unknown', () => {
    expect(evaluateGuards([g('1', 'eq', ['--seed'])], {}, runner).reasons[0]?.detail).toBe('runs only when $1 == --seed, and the command line that runs it is not known')
  })
})

describe('the environment of a workflow job', () => {
  it.each<[string, string[], boolean, RuntimeEnvironment['unset']]>([
    ['ubuntu-latest', ['ubuntu-latest'], false, 'empty'],
    ['windows-2022', ['windows-2022'], false, 'empty'],
    ['macos-14-arm64', ['macos-14-arm64'], false, 'empty'],
    ['self-hosted', ['self-hosted', 'linux'], false, 'unknown'],
    ['a custom label', ['deploy-box'], false, 'unknown'],
    ['a hosted runner with a job container', ['ubuntu-latest'], true, 'unknown'],
    ['an expression it cannot resolve', ['${{ inputs.runner }}'], false, 'unknown'],
  ])('%s', (_, runsOn, container, unset) => {
    expect(runnerEnvironment(runsOn, container, {}).unset).toBe(unset)
  })

  it('resolves a matrix label', () => {
    expect(runnerEnvironment(['${{ matrix.os }}'], false, { matrix: { os: ['ubuntu-latest'] } }).unset).toBe('empty')
  })
})
