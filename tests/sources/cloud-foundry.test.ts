import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'
import { packageJson } from '../helpers/project.js'

const pkg = packageJson({ scripts: { seed: 'node prisma/seed.js' }, dependencies: { prisma: '^5.22.0' } })
const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of({ 'package.json': pkg, ...files }), DEFAULT_CONFIG).findings
const at = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column} ${f.severity} ${f.rule}`
const manifest = (app: string, extra = '') => `applications:\n- name: ${app}\n  command: npx prisma migrate deploy && npm run seed && node server.js\n${extra}`

describe('Cloud Foundry manifest.yml', () => {
  it('reads the start command of every app, its processes and sidecars', () => {
    const processes = '  processes:\n  - type: worker\n    command: npm run seed\n  sidecars:\n  - name: loader\n    process_types: [web]\n    command: npm run seed\n'
    const findings = check({ 'manifest.yml': manifest('shop', processes) })
    expect(findings.map(at)).toEqual(['manifest.yml:3:41 error seed-in-production', 'manifest.yml:6:14 error seed-in-production', 'manifest.yml:10:14 error seed-in-production'])
    expect(findings[0]!.chain.map((h) => h.label).slice(0, 2)).toEqual(['Cloud Foundry start `command` of app `shop` in manifest.yml', '`command`'])
  })

  it.each([
    ['an app named for staging', { 'manifest.yml': manifest('shop-staging') }],
    ['a manifest named for staging', { 'manifest-staging.yml': manifest('shop') }],
    ['an env naming a staging runtime', { 'manifest.yml': manifest('shop', '  env:\n    APP_ENV: staging\n') }],
    ['a manifest.yml of another tool', { 'manifest.yml': 'version: 1\ncommand: npm run seed\n' }],
    ['a list of applications without names', { 'manifest.yml': 'applications:\n- command: npm run seed\n' }],
  ])('stays silent for %s', (_, files) => {
    expect(check(files)).toEqual([])
  })

  it('warns where the app name is filled in at push time', () => {
    expect(check({ 'manifest.yml': manifest('shop-((space))') }).map(at)).toEqual(['manifest.yml:3:41 warning seed-possibly-in-production'])
  })
})
