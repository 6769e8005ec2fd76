import { describe, expect, it } from 'vitest'
import { decideProduction } from '../../src/production/decision.js'
import type { ProductionReason, ReasonKind } from '../../src/model/production.js'

const r = (kind: ReasonKind, towards: boolean, weak?: boolean): ProductionReason => ({ kind, towards, detail: kind, ...(weak && { weak }) })

describe('weighing production evidence', () => {
  it.each<[string, ProductionReason[], string]>([
    ['a production environment', [r('environment', true)], 'production/high'],
    ['a platform release phase', [r('platform-phase', true)], 'production/high'],
    ['a phase that runs only sometimes', [r('platform-phase', true, true)], 'unknown/low'],
    ['a staging environment beats a prod deploy', [r('environment', false), r('trigger', true), r('deploy-command', true)], 'not-production/high'],
    ['a local database beats a production environment', [r('environment', true), r('database', false)], 'not-production/high'],
    ['push to main and a production deploy', [r('trigger', true), r('deploy-command', true)], 'production/medium'],
    ['push to main and a secret database', [r('trigger', true), r('database', true)], 'production/medium'],
    ['push to main alone', [r('trigger', true)], 'not-production/low'],
    ['a secret database alone', [r('database', true)], 'unknown/low'],
    ['push to main and NODE_ENV=production', [r('trigger', true), r('env-var', true)], 'unknown/low'],
    ['only preview deploys', [r('trigger', true), r('deploy-command', false)], 'not-production/medium'],
    ['nothing', [], 'not-production/low'],
  ])('%s', (_, reasons, expected) => {
    const verdict = decideProduction(reasons)
    expect(`${verdict.verdict}/${verdict.confidence}`).toBe(expected)
  })
})
