import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'
import { packageJson } from '../helpers/project.js'

const pkg = packageJson({ scripts: { seed: 'node prisma/seed.js' }, dependencies: { prisma: '^5.22.0' } })
const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of({ 'package.json': pkg, ...files }), DEFAULT_CONFIG).findings
const at = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column} ${f.severity} ${f.rule}`
const hooks = (key: string, body: string) => `name: shop\ntype: nodejs:20\nhooks:\n  ${key}: |\n    ${body}\n`

describe('Platform.sh / Upsun hooks', () => {
  it('reads deploy and post_deploy hooks as run in production', () => {
    expect(check({ '.platform.app.yaml': hooks('deploy', 'npm run seed') }).map(at)).toEqual(['.platform.app.yaml:5:5 error seed-in-production'])
    expect(check({ '.platform.app.yaml': hooks('post_deploy', 'npm run seed') }).map(at)).toEqual(['.platform.app.yaml:5:5 error seed-in-production'])
  })

  it('does not read the build hook: no service is reachable while it runs', () => {
    expect(check({ '.platform.app.yaml': hooks('build', 'npm run seed') })).toEqual([])
  })

  it('judges the production deploy with PLATFORM_ENVIRONMENT_TYPE=production', () => {
    expect(check({ '.platform.app.yaml': hooks('deploy', '[ "$PLATFORM_ENVIRONMENT_TYPE" != production ] && npm run seed') })).toEqual([])
    expect(check({ '.platform.app.yaml': hooks('deploy', 'if [ "$PLATFORM_ENVIRONMENT_TYPE" = production ]; then npm run seed; fi') }).map(at)).toEqual(['.platform.app.yaml:5:60 error seed-in-production'])
  })

  it('reads every app of .platform/applications.yaml and .upsun/config.yaml from its source.root', () => {
    const files = { 'api/package.json': pkg, '.platform/applications.yaml': '- name: api\n  source:\n    root: api\n  hooks:\n    deploy: npm run seed\n' }
    expect(check(files).map(at)).toEqual(['.platform/applications.yaml:5:13 error seed-in-production'])
    const upsun = { 'api/package.json': pkg, '.upsun/config.yaml': 'applications:\n  api:\n    source:\n      root: api\n    hooks:\n      post_deploy: npm run seed\n' }
    expect(check(upsun).map(at)).toEqual(['.upsun/config.yaml:6:20 error seed-in-production'])
  })
})
