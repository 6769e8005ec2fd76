import { describe, expect, it } from 'vitest'
import { splitArgs } from '../../src/deploys/argv.js'
import fly from '../../src/deploys/fly.js'

const cmd = (line: string, env: Record<string, string> = {}) => ({ argv: splitArgs(line), env, cwd: '.' })

describe('fly', () => {
  it.each([
    ['fly deploy', 'production'],
    ['flyctl deploy --remote-only', 'production'],
    ['$HOME/.fly/bin/flyctl deploy --remote-only', 'production'],
    ['fly deploy --app shop-prod', 'production'],
    ['fly deploy -a shop', 'production'],
    ['fly deploy --config fly.toml', 'production'],
    ['fly deploy --app shop-staging', 'not-production'],
    ['fly deploy -a shop-pr-42', 'not-production'],
    ['fly deploy --app=shop-dev', 'not-production'],
    ['fly deploy -c fly.staging.toml', 'not-production'],
    ['flyctl deploy --config=deploy/fly.preview.toml --remote-only', 'not-production'],
    ['fly logs', undefined],
    ['fly status --app shop', undefined],
    ['fly secrets set KEY=value', undefined],
    ['fly apps create shop-staging', undefined],
  ] as const)('%s → %s', (line, target) => {
    expect(fly.match(cmd(line))?.target).toBe(target)
  })

  it('reads FLY_APP from the environment', () => {
    expect(fly.match(cmd('fly deploy', { FLY_APP: 'shop-staging' }))?.target).toBe('not-production')
    expect(fly.match(cmd('fly deploy --app $APP', { APP: 'shop-test' }))).toEqual({ target: 'not-production', detail: '`fly deploy` to `$APP`' })
  })

  it.each([
    ['superfly/flyctl-actions@1.5', { args: 'deploy --remote-only' }, 'production'],
    ['superfly/flyctl-actions@master', { args: 'deploy -a shop-staging' }, 'not-production'],
    ['superfly/flyctl-actions@1.5', { args: 'status' }, undefined],
    ['superfly/flyctl-actions/setup-flyctl@master', {}, undefined],
    ['superfly/fly-pr-review-apps@1.2.1', {}, 'not-production'],
  ] as const)('%s %j → %s', (uses, inputs, target) => {
    expect(fly.matchAction?.(uses, inputs)?.target).toBe(target)
  })
})
