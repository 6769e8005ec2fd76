import { describe, expect, it } from 'vitest'
import type { Finding, RuleId } from '../../src/model/finding.js'
import type { ProductionReason } from '../../src/model/production.js'
import { reporters } from '../../src/report/index.js'
import { renderChain, renderMessage, renderReasons, ruleHelp, ruleIds } from '../../src/report/message.js'
import { options, result, seedInProduction, seedPossibly, spanOf } from './result.js'

const other = (rule: RuleId, detail?: string): Finding => ({
  rule,
  severity: 'warning',
  primary: spanOf('package.json', '"build"'),
  chain: [],
  confidence: 'high',
  ...(detail !== undefined && { detail }),
})

describe('renderMessage', () => {
  it.each<[Finding, string]>([
    [seedInProduction, '`prisma db seed` (Prisma) seeds the database on a production path: deploy job `prod` (environment: production) → step `Build`: `npm run build` → package.json `build` → `prisma db seed`'],
    [
      seedPossibly,
      '`prisma db seed` (Prisma) may seed the database on a production path: job `migrate` → `npx prisma db seed`; unsure it is production (for: push, pull_request — against: DATABASE_URL comes from secret STAGING_DATABASE_URL, named for a non-production database)',
    ],
    [other('unresolved-on-production-path', '`npm run $TARGET` names no static script'), 'a command on a production path could not be followed: `npm run $TARGET` names no static script; a seed command behind it would go unnoticed'],
    [other('parse-error', 'unexpected end of the stream at 4:1'), 'could not parse this file: unexpected end of the stream at 4:1; its commands were not checked'],
    [{ ...other('script-cycle'), chain: seedInProduction.chain.slice(2, 3).concat(seedInProduction.chain.slice(2, 3)) }, 'package scripts run each other in a cycle: package.json `build` → package.json `build`'],
    [other('suppression-without-reason'), 'this suppression gives no reason; say why the seed command is safe here'],
    [other('config-error', '`ignore` must be a list'), 'invalid seedguard configuration: `ignore` must be a list'],
  ])('%#: %s', (finding, expected) => {
    expect(renderMessage(finding)).toBe(expected)
  })

  it('names the only hop once', () => {
    expect(renderMessage({ ...seedInProduction, chain: seedInProduction.chain.slice(0, 1) })).toMatch(/path: deploy job `prod` \(environment: production\)$/)
  })
})

describe('renderChain and renderReasons', () => {
  it('joins every hop label', () => {
    expect(renderChain(seedInProduction)).toBe('deploy job `prod` (environment: production) → step `Build`: `npm run build` → package.json `build` → `prisma db seed`')
  })

  it('says when there is no evidence', () => {
    expect(renderReasons({ verdict: 'unknown', confidence: 'low', reasons: [] })).toBe('no evidence either way')
    expect(renderReasons(seedInProduction.production!)).toBe('for: environment `production`; push to main')
  })

  it('says evidence found at several places once', () => {
    const detail = '`ssh` runs it in the deployed app `deploy@shop`'
    const atEachSsh: ProductionReason[] = [0, 1, 2].map((nth) => ({ kind: 'deploy-command', towards: true, detail, span: spanOf('package.json', '"', nth) }))
    expect(renderReasons({ verdict: 'production', confidence: 'medium', reasons: atEachSsh })).toBe('for: `ssh` runs it in the deployed app `deploy@shop`')
  })
})

describe('ruleHelp', () => {
  it('documents every rule at its README anchor', () => {
    for (const rule of ruleIds) {
      const help = ruleHelp(rule)
      expect(help.helpUri).toBe(`https://github.com/seedguard/seedguard#rule-${rule}`)
      expect(help.title.length).toBeGreaterThan(0)
    }
    expect(ruleIds).toHaveLength(12)
  })
})

describe('reporters', () => {
  it('render the same message for a finding in every format', () => {
    const message = renderMessage(seedInProduction)
    for (const format of ['text', 'json', 'sarif', 'github'] as const) expect(reporters[format](result, options)).toContain(message)
  })
})
