import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'
import { packageJson } from '../helpers/project.js'

const pkg = packageJson({ scripts: { seed: 'node prisma/seed.js' }, dependencies: { prisma: '^5.22.0' } })
const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of({ 'package.json': pkg, ...files }), DEFAULT_CONFIG).findings
const at = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column} ${f.severity} ${f.rule}`
const config = (run: string) => `version: 1.0\nruntime: nodejs18\nbuild:\n  commands:\n    build:\n      - npm ci\n      - npx tsc\nrun:\n${run}`

describe('App Runner apprunner.yaml', () => {
  it('reads every build phase, pre-run and the start command', () => {
    const findings = check({ 'apprunner.yaml': config('  pre-run:\n    - npm run seed\n  command: npm run seed && node server.js\n').replace('npx tsc', 'npm run seed') })
    expect(findings.map(at)).toEqual(['apprunner.yaml:7:9 error seed-in-production', 'apprunner.yaml:10:7 error seed-in-production', 'apprunner.yaml:11:12 error seed-in-production'])
    expect(findings[0]!.chain.map((h) => h.label).slice(0, 2)).toEqual(['App Runner `build` in apprunner.yaml', '`build` #2'])
  })

  it.each([
    ['a start command that only starts', config('  command: node server.js\n')],
    ['a run env naming a staging runtime', config('  command: npm run seed && node server.js\n  env:\n    - name: APP_ENV\n      value: staging\n')],
  ])('stays silent for %s', (_, text) => {
    expect(check({ 'apprunner.yaml': text })).toEqual([])
  })
})
