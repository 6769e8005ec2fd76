import { describe, expect, it } from 'vitest'
import { splitArgs } from '../../src/deploys/argv.js'
import railway from '../../src/deploys/railway.js'

const cmd = (line: string) => ({ argv: splitArgs(line), env: {}, cwd: '.' })

describe('railway', () => {
  it.each([
    ['railway up', 'production'],
    ['railway up --detach --service api', 'production'],
    ['railway up -e production', 'production'],
    ['railway up --environment=prod --ci', 'production'],
    ['railway redeploy --service api --yes', 'production'],
    ['railway up -e staging', 'not-production'],
    ['railway up --service api --environment preview', 'not-production'],
    ['railway up -e dev', 'not-production'],
    ['railway up -e eu-west', 'unknown'],
    ['railway up -e ${{ inputs.environment }}', 'unknown'],
    ['railway deploy -t postgres', undefined],
    ['railway logs', undefined],
    ['railway run npm test', undefined],
    ['railway link --environment production', undefined],
  ] as const)('%s → %s', (line, target) => {
    expect(railway.match(cmd(line))?.target).toBe(target)
  })
})
