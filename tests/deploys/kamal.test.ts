import { describe, expect, it } from 'vitest'
import { splitArgs } from '../../src/deploys/argv.js'
import kamal from '../../src/deploys/kamal.js'

const cmd = (line: string) => ({ argv: splitArgs(line), env: {}, cwd: '.' })

describe('kamal', () => {
  it.each([
    ['kamal deploy', 'production'],
    ['kamal setup', 'production'],
    ['kamal redeploy --version abc123', 'production'],
    ['bin/kamal deploy', 'production'],
    ['bundle exec kamal deploy', 'production'],
    ['kamal deploy -d production', 'production'],
    ['kamal deploy -d staging', 'not-production'],
    ['kamal deploy --destination=staging', 'not-production'],
    ['kamal -d staging deploy', 'not-production'],
    ['bundle exec kamal setup --destination qa', 'not-production'],
    ['kamal app logs', undefined],
    ['kamal rollback abc123', undefined],
    ['kamal build push', undefined],
    ['bundle exec rails db:seed', undefined],
    ['kamal', undefined],
  ] as const)('%s → %s', (line, target) => {
    expect(kamal.match(cmd(line))?.target).toBe(target)
  })
})
