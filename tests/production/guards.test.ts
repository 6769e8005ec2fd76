import { describe, expect, it } from 'vitest'
import { acrossBranches, evaluateGuards } from '../../src/production/guards.js'
import { OUTSIDE_ENVIRONMENT, type RuntimeEnvironment } from '../../src/model/runtime.js'
import { negateGuards, type Guard } from '../../src/model/guard.js'
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

  it('a value a file gives only some apps is named, never taken', () => {
    const runtime: RuntimeEnvironment = { ...OUTSIDE_ENVIRONMENT, declared: { APP_ENV: 'review' }, declaredBy: 'apps created from app.json' }
    const judged = evaluateGuards([g('APP_ENV', 'eq', ['review'])], {}, runtime)
    expect(judged.outcome).toBe('unknown')
    expect(judged.reasons[0]?.detail).toBe(`runs only when $APP_ENV == review, and APP_ENV is review only in apps created from app.json; elsewhere it comes from ${OUTSIDE_ENVIRONMENT.label}`)
  })

  it('says who set each value it judged with', () => {
    const runtime: RuntimeEnvironment = { ...heroku, values: { NODE_ENV: 'production', SAMPLE_DATA: 'no' }, valuesBy: { NODE_ENV: "the buildpack's defaults", SAMPLE_DATA: 'app.json `env`' } }
    expect(evaluateGuards([g('SAMPLE_DATA', 'eq', ['yes'])], {}, runtime).reasons[0]?.detail).toBe('guarded by $SAMPLE_DATA == yes, which is false here (SAMPLE_DATA=no, set by app.json `env`)')
    expect(evaluateGuards([g('NODE_ENV', 'eq', ['development'])], {}, runtime).reasons[0]?.detail).toMatch(/set by the buildpack's defaults\)$/)
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

describe('commands on both sides of one test', () => {
  const mode = g('MODE', 'eq', ['worker'])
  const outer = g('SKIP', 'set', [], { negated: true })
  const other = g('REGION', 'eq', ['eu'])
  const covered = (...lists: Guard[][]) => {
    const commands = lists.map((guards, i) => ({ id: i, guards }))
    const found = acrossBranches(commands)
    return commands.map((c) => (found.has(c) ? `${c.id}:${found.get(c)!.guards.map((x) => x.variable).join(',') || 'always'}<>${found.get(c)!.other.id}` : `${c.id}:alone`))
  }

  it('then and else: whichever way the test goes, one runs', () => {
    expect(covered([mode], negateGuards([mode]))).toEqual(['0:always<>1', '1:always<>0'])
  })
  it('keeps the conditions both share', () => {
    expect(covered([outer, mode], [outer, ...negateGuards([mode])])).toEqual(['0:SKIP<>1', '1:SKIP<>0'])
  })
  it('folds an elif chain one branch at a time', () => {
    const [a, b] = [mode, other]
    const chain = covered([a], [...negateGuards([a]), b], [...negateGuards([a]), ...negateGuards([b])])
    expect(chain.every((c) => c.includes(':always<>'))).toBe(true)
  })
  it('a test on both sides of `&&` is negated as a whole', () => {
    expect(covered([mode, other], negateGuards([mode, other]))).toEqual(['0:always<>1', '1:always<>0'])
  })
  it('a branch of several commands is covered as a whole', () => {
    expect(covered([mode], negateGuards([mode]), negateGuards([mode]))).toEqual(['0:always<>1', '1:always<>0', '2:always<>0'])
  })
  it('leaves a branch alone when no other covers the rest', () => {
    expect(covered([mode], [other])).toEqual(['0:alone', '1:alone'])
    expect(covered([mode], [mode])).toEqual(['0:alone', '1:alone'])
    expect(covered([mode])).toEqual(['0:alone'])
  })
})
