import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'

const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of(files), DEFAULT_CONFIG).findings
const located = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column}-${f.primary.end.line}:${f.primary.end.column} ${f.severity} [${f.rule}]`
const pkg = JSON.stringify({ scripts: { start: 'node app.js' }, dependencies: { knex: '^3.1.0' } })

describe('Elastic Beanstalk platform hooks', () => {
  it('a predeploy hook runs on every deployment, the production one included', () => {
    const findings = check({ 'package.json': pkg, '.platform/hooks/predeploy/01_seed.sh': '#!/bin/bash\ncd /var/app/staging\nnpx knex seed:run\n' })
    expect(findings.map(located)).toEqual(['.platform/hooks/predeploy/01_seed.sh:3:1-3:18 error [seed-in-production]'])
    expect(findings[0]!.chain.map((h) => h.label)).toEqual(['Elastic Beanstalk `predeploy` hook', '`npx knex seed:run`'])
  })

  it('prebuild, postdeploy and configuration hooks too; other folders and interpreters are not read', () => {
    const hook = '#!/bin/sh\nnpx knex seed:run\n'
    for (const path of ['.platform/hooks/prebuild/a.sh', '.platform/hooks/postdeploy/a', '.platform/confighooks/postdeploy/a.sh', 'api/.platform/hooks/predeploy/a.sh']) {
      expect(check({ 'package.json': pkg, 'api/package.json': pkg, [path]: hook }).map((f) => `${f.primary.file} ${f.severity}`)).toEqual([`${path} error`])
    }
    expect(check({ 'package.json': pkg, '.platform/hooks/predeploy/nested/a.sh': hook })).toEqual([])
    expect(check({ 'package.json': pkg, '.platform/hooks/enact/a.sh': hook })).toEqual([])
    expect(check({ 'package.json': pkg, '.platform/hooks/predeploy/a.py': '#!/usr/bin/env python3\nimport os\nos.system("npx knex seed:run")\n' })).toEqual([])
  })

  it('a guard on NODE_ENV no file sets is undecided: a warning naming the variable, never silence', () => {
    const hook = '#!/bin/bash\nif [ "$NODE_ENV" != production ]; then\n  npx knex seed:run\nfi\n'
    const findings = check({ 'package.json': pkg, '.platform/hooks/postdeploy/seed.sh': hook })
    expect(findings.map((f) => f.severity)).toEqual(['warning'])
    expect(findings[0]!.production!.reasons.at(-1)!.detail).toMatch(/no file of this path sets NODE_ENV/)
  })
})

describe('Elastic Beanstalk .ebextensions', () => {
  it('a leader_only container command runs on every deployment: located at the command text', () => {
    const config = 'container_commands:\n  01_migrate:\n    command: "npx knex migrate:latest"\n    leader_only: true\n  02_seed:\n    command: "npx knex seed:run"\n    leader_only: true\n'
    const findings = check({ 'package.json': pkg, '.ebextensions/db.config': config })
    expect(findings.map(located)).toEqual(['.ebextensions/db.config:6:15-6:32 error [seed-in-production]'])
    expect(findings[0]!.chain[0]!.label).toBe('Elastic Beanstalk container command `02_seed` in .ebextensions/db.config')
    expect(findings[0]!.production!.reasons[0]!.detail).toContain('leader_only')
  })

  it('`commands` as a string or a list (no shell), block scalars keep their positions', () => {
    const config = 'commands:\n  seed:\n    command: ["npx", "knex", "seed:run"]\ncontainer_commands:\n  block:\n    command: |\n      echo seeding\n      npx knex seed:run --specific=admin.js\n'
    expect(check({ 'package.json': pkg, '.ebextensions/a.config': config }).map(located)).toEqual([
      '.ebextensions/a.config:3:16-3:40 error [seed-in-production]',
      '.ebextensions/a.config:8:7-8:44 error [seed-in-production]',
    ])
  })

  it('a `test:` is a guard: an opt-in flag makes a warning, a runtime check silences it where the environment properties make it fail', () => {
    const config = (test: string) => `container_commands:\n  seed:\n    command: npx knex seed:run\n    test: '${test}'\n`
    expect(check({ 'package.json': pkg, '.ebextensions/a.config': config('[ "$SEED_DEMO" = true ]') }).map(located)).toEqual(['.ebextensions/a.config:3:14-3:31 warning [seed-possibly-in-production]'])
    const development = config('[ "$NODE_ENV" = development ]')
    expect(check({ 'package.json': pkg, '.ebextensions/a.config': development }).map((f) => f.severity)).toEqual(['warning'])
    const production = 'option_settings:\n  aws:elasticbeanstalk:application:environment:\n    NODE_ENV: production\n'
    expect(check({ 'package.json': pkg, '.ebextensions/a.config': development, '.ebextensions/env.config': production })).toEqual([])
  })

  it('environment properties from option_settings (both forms) and `env:` reach the command', () => {
    const command = 'container_commands:\n  seed:\n    command: \'[ "$SEED_DEMO" = true ] && npx knex seed:run; true\'\n'
    const map = 'option_settings:\n  aws:elasticbeanstalk:application:environment:\n    SEED_DEMO: "true"\n'
    const list = 'option_settings:\n  - namespace: aws:elasticbeanstalk:application:environment\n    option_name: SEED_DEMO\n    value: "false"\n'
    expect(check({ 'package.json': pkg, '.ebextensions/a.config': command }).map((f) => f.severity)).toEqual(['warning'])
    expect(check({ 'package.json': pkg, '.ebextensions/a.config': command, '.ebextensions/env.config': map }).map((f) => f.severity)).toEqual(['error'])
    expect(check({ 'package.json': pkg, '.ebextensions/a.config': command, '.ebextensions/env.config': list })).toEqual([])
    expect(check({ 'package.json': pkg, '.ebextensions/a.config': `${command}    env:\n      SEED_DEMO: "true"\n` }).map((f) => f.severity)).toEqual(['error'])
  })

  it('a configuration file that does not parse is a located parse error', () => {
    expect(check({ '.ebextensions/a.config': 'container_commands:\n  seed:\n    command: "npx knex seed:run\n' }).map((f) => `${f.primary.file}:${f.primary.start.line} ${f.rule}`)).toEqual(['.ebextensions/a.config:3 parse-error'])
  })
})
