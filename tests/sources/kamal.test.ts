import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'
import { deploymentsOf, projectOf } from '../helpers/project.js'

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

describe('Kamal: the environment a role gives the image', () => {
  const images = (files: Record<string, string>) =>
    deploymentsOf(projectOf({ Dockerfile: 'FROM ruby:3.3\nCMD ["bin/rails", "server"]\n', ...files })).artifacts.images.map((u) => ({ detail: u.detail, production: u.production, env: u.env, command: u.command?.source.text }))

  it('clear values as written, secrets from .kamal/secrets where it writes them literally', () => {
    const deploy = `${deployYml}env:\n  clear:\n    RAILS_ENV: production\n    WEB_CONCURRENCY: 2\n  secret:\n    - RAILS_MASTER_KEY\n    - SEED_MODE\n    - DATABASE_URL:MAIN_DATABASE_URL\n`
    const secrets = 'RAILS_MASTER_KEY=$(cat config/master.key)\nSEED_MODE=off\nMAIN_DATABASE_URL=$MAIN_DATABASE_URL\n'
    expect(images({ 'config/deploy.yml': deploy, '.kamal/secrets': secrets }).map((u) => u.env)).toEqual([
      { RAILS_ENV: 'production', WEB_CONCURRENCY: '2', RAILS_MASTER_KEY: '<secret RAILS_MASTER_KEY>', SEED_MODE: 'off', DATABASE_URL: '<secret DATABASE_URL>' },
    ])
    // the simple form is all clear
    expect(images({ 'config/deploy.yml': `${deployYml}env:\n  RAILS_ENV: production\n` })[0]!.env).toEqual({ RAILS_ENV: 'production' })
  })

  it("a role's env merges over the root env, each role its own", () => {
    const deploy = 'service: shop\nimage: example/shop\nservers:\n  web:\n    - 10.0.0.1\n  jobs:\n    hosts: [10.0.0.2]\n    cmd: bin/jobs\n    env:\n      clear:\n        RAILS_ENV: staging\n      secret: [JOBS_TOKEN]\nenv:\n  clear:\n    RAILS_ENV: production\n    LOG_LEVEL: info\n'
    expect(images({ 'config/deploy.yml': deploy }).map((u) => [u.command, u.env])).toEqual([
      [undefined, { RAILS_ENV: 'production', LOG_LEVEL: 'info' }],
      ['bin/jobs', { RAILS_ENV: 'staging', LOG_LEVEL: 'info', JOBS_TOKEN: '<secret JOBS_TOKEN>' }],
    ])
  })

  it('an env tag changes its variables on tagged hosts only: unknown for the role', () => {
    const deploy = 'service: shop\nimage: example/shop\nservers:\n  web:\n    - 10.0.0.1\n    - 10.0.0.2: canary\nenv:\n  clear:\n    RAILS_ENV: production\n    REGION: eu\n  tags:\n    canary:\n      RAILS_ENV: development\n      REGION: eu\n'
    expect(images({ 'config/deploy.yml': deploy })[0]!.env).toEqual({ RAILS_ENV: '<secret RAILS_ENV: set per host by env tag `canary`>', REGION: 'eu' })
  })

  it('each destination merges its file over deploy.yml, with its own secrets; staging is not production', () => {
    const files = {
      'config/deploy.yml': `${deployYml}env:\n  clear:\n    LOG_LEVEL: info\n  secret: [RAILS_MASTER_KEY]\n`,
      'config/deploy.production.yml': 'env:\n  clear:\n    RAILS_ENV: production\n  secret: [RAILS_MASTER_KEY]\n',
      'config/deploy.staging.yml': 'servers:\n  web:\n    hosts: [10.0.1.1]\n    cmd: bin/rails server -p 4000\nenv:\n  clear:\n    RAILS_ENV: staging\n',
      '.kamal/secrets': 'RAILS_MASTER_KEY=from-default-file\n',
      '.kamal/secrets.production': 'RAILS_MASTER_KEY=$(op read key)\n',
      '.kamal/secrets-common': 'RAILS_MASTER_KEY=common\n',
    }
    expect(images(files)).toEqual([
      { detail: 'Kamal builds and deploys it for role `web` (kamal deploy -d production, config/deploy.yml)', production: 'production', env: { LOG_LEVEL: 'info', RAILS_ENV: 'production', RAILS_MASTER_KEY: '<secret RAILS_MASTER_KEY>' }, command: undefined },
      { detail: 'Kamal builds and deploys it for role `web` (kamal deploy -d staging, config/deploy.yml)', production: 'not-production', env: { LOG_LEVEL: 'info', RAILS_ENV: 'staging', RAILS_MASTER_KEY: 'common' }, command: 'bin/rails server -p 4000' },
    ])
  })
})
