import { describe, expect, it } from 'vitest'
import { actionName, booleanInput, classifyName, expandVars, flagValue, hasFlag, input, isCommand, isDynamic, matchNames, positionals, splitArgs } from '../../src/deploys/argv.js'

describe('flagValue', () => {
  it.each([
    ['--stage prod', 'prod'],
    ['--stage=prod', 'prod'],
    ['-s dev', 'dev'],
    ['-s=dev', 'dev'],
    ['--stage dev --stage prod', 'prod'],
    ['--stage --verbose', undefined],
    ['--stagex prod', undefined],
    ['-- --stage prod', undefined],
    ['deploy', undefined],
  ] as const)('%s → %s', (line, value) => {
    expect(flagValue(splitArgs(line), ['--stage', '-s'])).toBe(value)
  })
})

describe('hasFlag', () => {
  it.each([
    ['--prod', true],
    ['--prod=true', true],
    ['--prod=false', false],
    ['--production', false],
    ['-- --prod', false],
  ] as const)('%s → %s', (line, value) => {
    expect(hasFlag(splitArgs(line), ['--prod'])).toBe(value)
  })
})

describe('positionals', () => {
  it('skips the values of valued flags only', () => {
    expect(positionals(splitArgs('--token x deploy --prod dist'), ['--token'])).toEqual(['deploy', 'dist'])
    expect(positionals(splitArgs('--region=eu ecs update-service --cluster c'), () => true)).toEqual(['ecs', 'update-service'])
    expect(positionals(splitArgs('a -- -b c'), [])).toEqual(['a', '-b', 'c'])
  })
})

describe('classifyName', () => {
  it.each([
    ['myapp-staging', 'not-production'],
    ['myAppStaging', 'not-production'],
    ['app_stg2', 'not-production'],
    ['${{ secrets.STAGING_HOST }}', 'not-production'],
    ['fly.staging.toml', 'not-production'],
    ['myapp-pr-42', 'not-production'],
    ['non-prod', 'not-production'],
    ['api-dev', 'not-production'],
    ['<secret STAGING_APP>', 'not-production'],
    ['$STAGE', 'unknown'],
    ['${{ inputs.target }}', 'unknown'],
    ['myapp-prod', 'production'],
    ['production', 'production'],
    ['latest', 'unknown'],
    ['devtools', 'unknown'],
    ['contest-app', 'unknown'],
    ['myapp', 'unknown'],
    ['', 'unknown'],
  ] as const)('%s → %s', (name, kind) => {
    expect(classifyName(name)).toBe(kind)
  })

  it('reads variables from the environment', () => {
    expect(classifyName('$APP', { APP: 'shop-staging' })).toBe('not-production')
    expect(classifyName('${{ env.STAGE }}', { STAGE: 'prod' })).toBe('production')
    expect(expandVars('${UNSET}-x', {})).toBe('${UNSET}-x')
  })

  it.each([
    ['$STAGE', {}, true],
    ['$STAGE', { STAGE: 'prod' }, false],
    ['$STAGE', { STAGE: '<secret STAGE>' }, true],
    ['${{ x }}', {}, true],
    ['prod', {}, false],
  ] as const)('isDynamic(%s, %j) → %s', (value, env, dynamic) => {
    expect(isDynamic(value, env)).toBe(dynamic)
  })
})

describe('matchNames', () => {
  it('lets a preview name beat a production one', () => {
    expect(matchNames('kubectl apply', ['prod-cluster', 'staging'], {}, 'production')).toEqual({ target: 'not-production', detail: '`kubectl apply` to `staging`' })
    expect(matchNames('fly deploy', [undefined, 'shop'], {}, 'production')).toEqual({ target: 'production', detail: '`fly deploy` to `shop`' })
    expect(matchNames('ssh', [], {}, 'unknown')).toEqual({ target: 'unknown', detail: '`ssh`' })
  })
})

describe('actions and argv0', () => {
  it('normalises uses and inputs', () => {
    expect(actionName('Superfly/flyctl-actions/setup-flyctl@v1')).toBe('superfly/flyctl-actions/setup-flyctl')
    expect(input({ production: 'false' }, 'PRODUCTION')).toBe('false')
    expect(booleanInput(undefined, true)).toBe(true)
    expect(booleanInput('False', true)).toBe(false)
    expect(booleanInput("${{ github.ref == 'refs/heads/main' }}", false)).toBeUndefined()
    expect(splitArgs(`deploy "--app my app" '--x'`)).toEqual(['deploy', '--app my app', '--x'])
    expect(isCommand('$HOME/.fly/bin/flyctl', ['flyctl'])).toBe(true)
    expect(isCommand('flyctl-helper', ['flyctl'])).toBe(false)
  })
})
