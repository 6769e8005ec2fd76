import { describe, expect, it } from 'vitest'
import { splitArgs } from '../../src/deploys/argv.js'
import serverless from '../../src/deploys/serverless.js'

const cmd = (line: string, env: Record<string, string> = {}) => ({ argv: splitArgs(line), env, cwd: '.' })

describe('serverless', () => {
  it.each([
    ['serverless deploy --stage prod', 'production'],
    ['sls deploy --stage production', 'production'],
    ['sls deploy -s prod --region eu-west-1', 'production'],
    ['serverless deploy --stage=production --verbose', 'production'],
    ['serverless deploy function -f api --stage prod', 'production'],
    ['serverless deploy', 'not-production'],
    ['sls deploy --stage staging', 'not-production'],
    ['sls deploy -s dev', 'not-production'],
    ['sls deploy --stage pr-12', 'not-production'],
    ['sls deploy --stage eu', 'not-production'],
    ['sls deploy --stage $STAGE', 'unknown'],
    ['sls deploy --stage ${{ inputs.stage }}', 'unknown'],
    ['sls deploy --stage ${{ inputs.stage }}', 'unknown'],
    ['serverless deploy list', undefined],
    ['serverless package --stage prod', undefined],
    ['sls offline start', undefined],
    ['sls remove --stage prod', undefined],
  ] as const)('%s → %s', (line, target) => {
    expect(serverless.match(cmd(line))?.target).toBe(target)
  })

  it('expands a stage variable the environment sets', () => {
    expect(serverless.match(cmd('sls deploy --stage $STAGE', { STAGE: 'prod' }))?.target).toBe('production')
    expect(serverless.match(cmd('sls deploy --stage $STAGE', { STAGE: '<secret STAGE>' }))?.target).toBe('unknown')
    expect(serverless.match(cmd('serverless deploy'))?.detail).toContain('default stage dev')
  })
})
