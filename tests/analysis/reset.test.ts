import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG, type SeedguardConfig } from '../../src/config/types.js'
import { isSelected } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'
import { renderMessage } from '../../src/report/message.js'
import { packageJson } from '../helpers/project.js'

// a Heroku release phase running a script, with the Prisma version and seed setting under test
const check = (script: string, pkg: object, config: SeedguardConfig = DEFAULT_CONFIG) =>
  runCheck('/repo', MemoryFiles.of({ Procfile: 'release: bash ./bin/release.sh\n', 'package.json': packageJson(pkg), 'bin/release.sh': script }), config).findings
const prisma5 = { devDependencies: { prisma: '^5.22.0' }, prisma: { seed: 'node prisma/seed.js' } }
const prisma7 = { devDependencies: { prisma: '^7.0.0' } }

describe('a reset on a production path', () => {
  it('is one finding naming both effects where it seeds after wiping (Prisma 5 with a seed configured)', () => {
    const [finding, ...rest] = check('npx prisma migrate deploy\nnpx prisma migrate reset --force\n', prisma5)
    expect(rest).toEqual([])
    expect(finding?.rule).toBe('reset-in-production')
    expect(finding?.seed?.effects).toEqual(['seed', 'wipe'])
    expect(renderMessage(finding!)).toMatch(/^`prisma migrate reset --force` \(prisma\) wipes and re-seeds the database on a production path/)
  })

  it('names the wipe alone where the version no longer seeds (Prisma 7)', () => {
    const [finding] = check('npx prisma migrate reset --force\n', prisma7)
    expect(finding?.seed?.effects).toEqual(['wipe'])
    expect(renderMessage(finding!)).toMatch(/\(prisma\) wipes the database on a production path/)
  })

  it('is still suppressed by a seed-in-production marker written when it was reported as a seed', () => {
    const findings = check('# seedguard-ignore[seed-in-production]: the demo app is rebuilt on every release\nnpx prisma migrate reset --force\n', prisma5)
    expect(findings.map((f) => [f.rule, f.suppressed !== undefined])).toEqual([['reset-in-production', true]])
  })

  it('is not suppressed by a seed marker where it only wipes: that marker was not written for it', () => {
    const findings = check('# seedguard-ignore[seed-in-production]: demo data\nnpx prisma migrate reset --force\n', prisma7)
    expect(findings.map((f) => [f.rule, f.suppressed !== undefined])).toEqual([
      ['reset-in-production', false],
      ['unused-suppression', false],
    ])
  })

  it('is allowed by a config entry naming the reset rule', () => {
    // a script that does nothing but reset: the finding is at the Procfile line that runs it
    const config = { ...DEFAULT_CONFIG, allow: [{ file: 'Procfile', rule: 'reset-in-production', reason: 'demo database' }] }
    expect(check('npx prisma migrate reset --force\n', prisma7, config).map((f) => f.suppressed?.reason)).toEqual(['demo database'])
  })
})

describe('--rules selection', () => {
  const findings = check('npx prisma db seed\nnpx prisma db push --force-reset\nnpx prisma migrate reset --force\nnpm run $TASK\n', prisma5)
  const selected = (groups: ('seed' | 'reset')[]) => findings.filter((f) => isSelected(f, groups)).map((f) => `${f.rule} ${f.seed?.command ?? ''}`.trim())

  it('keeps a seed for `seed`, a wipe for `reset`, a reset that seeds for both, and what hides either always', () => {
    expect(selected(['seed'])).toEqual(['seed-in-production prisma db seed', 'reset-in-production prisma migrate reset --force', 'unresolved-on-production-path'])
    expect(selected(['reset'])).toEqual(['reset-in-production prisma db push --force-reset', 'reset-in-production prisma migrate reset --force', 'unresolved-on-production-path'])
    expect(selected(['seed', 'reset'])).toHaveLength(4)
  })
})
