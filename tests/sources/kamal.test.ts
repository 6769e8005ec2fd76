import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'

const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of(files), DEFAULT_CONFIG).findings
const located = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column}-${f.primary.end.line}:${f.primary.end.column} ${f.severity} [${f.rule}]`
const deployYml = 'service: shop\nimage: example/shop\nservers:\n  - 10.0.0.1\n'

describe('Kamal hooks', () => {
  it('a post-deploy hook of a repository deploying with Kamal is production', () => {
    const findings = check({ 'config/deploy.yml': deployYml, '.kamal/hooks/post-deploy': '#!/bin/sh\nbin/rails db:seed\n' })
    expect(findings.map(located)).toEqual(['.kamal/hooks/post-deploy:2:1-2:18 error [seed-in-production]'])
    expect(findings[0]!.chain.map((h) => h.label)).toEqual(['Kamal `post-deploy` hook', '`bin/rails db:seed`'])
  })

  it('a guard on KAMAL_DESTINATION is evaluated per destination', () => {
    const hook = (dest: string) => `#!/bin/sh\nif [ "$KAMAL_DESTINATION" = "${dest}" ]; then\n  bin/rails db:seed\nfi\n`
    const destinations = { 'config/deploy.yml': deployYml, 'config/deploy.production.yml': 'servers: [10.0.0.1]\n', 'config/deploy.staging.yml': 'servers: [10.0.1.1]\n' }
    expect(check({ ...destinations, '.kamal/hooks/pre-deploy': hook('staging') })).toEqual([])
    expect(check({ ...destinations, '.kamal/hooks/pre-deploy': hook('production') }).map((f) => f.severity)).toEqual(['error'])
    // without destinations, `kamal deploy` has none: a hook for `production` never runs
    expect(check({ 'config/deploy.yml': deployYml, '.kamal/hooks/pre-deploy': hook('production') })).toEqual([])
  })

  it('sample hooks, other languages and proxy hooks', () => {
    expect(check({ 'config/deploy.yml': deployYml, '.kamal/hooks/post-deploy.sample': '#!/bin/sh\nbin/rails db:seed\n' })).toEqual([])
    expect(check({ 'config/deploy.yml': deployYml, '.kamal/hooks/post-deploy': '#!/usr/bin/env ruby\nsystem("bin/rails db:seed")\n' })).toEqual([])
    expect(check({ 'config/deploy.yml': deployYml, '.kamal/hooks/post-proxy-reboot': '#!/bin/sh\nbin/rails db:seed\n' }).map((f) => f.severity)).toEqual(['warning'])
  })

  it('hooks_path moves the hooks', () => {
    const files = { 'config/deploy.yml': `${deployYml}hooks_path: ops/hooks\n`, 'ops/hooks/post-deploy': '#!/bin/sh\nbin/rails db:seed\n', '.kamal/hooks/post-deploy': '#!/bin/sh\nbin/rails db:seed\n' }
    expect(check(files).map((f) => f.primary.file)).toEqual(['ops/hooks/post-deploy'])
  })

  it('a hook without a Kamal config beside it only might run', () => {
    expect(check({ 'config/deploy.yml': 'targets: [prod]\n', '.kamal/hooks/post-deploy': '#!/bin/sh\nbin/rails db:seed\n' }).map((f) => f.severity)).toEqual(['warning'])
    expect(check({ '.kamal/hooks/post-deploy': '#!/bin/sh\nbin/rails db:seed\n' }).map((f) => f.severity)).toEqual(['warning'])
  })

  // needs src/shell/remote-exec.ts to know `kamal app exec` (and `bin/kamal`, `bundle exec kamal`):
  // today the walker does not follow the command into the app container, so nothing is found
  it('`kamal app exec` runs the command in the production app', () => {
    const findings = check({ 'config/deploy.yml': deployYml, '.kamal/hooks/post-deploy': '#!/bin/sh\nbin/kamal app exec --reuse "bin/rails db:seed"\n' })
    expect(findings.map(located)).toEqual(['.kamal/hooks/post-deploy:2:1-2:47 error [seed-in-production]'])
  })
})
