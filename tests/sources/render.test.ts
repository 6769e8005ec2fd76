import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'

const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of(files), DEFAULT_CONFIG).findings
const located = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column}-${f.primary.end.line}:${f.primary.end.column} ${f.severity} [${f.rule}]`
const service = (lines: string) => `services:\n  - type: web\n    name: api\n${lines}`

describe('render.yaml', () => {
  it('a preDeployCommand that only seeds is the finding, labelled with its service', () => {
    const findings = check({ 'render.yaml': service('    runtime: node\n    preDeployCommand: npx prisma db seed\n'), 'package.json': '{ "devDependencies": { "prisma": "^6.1.0" }, "prisma": { "seed": "node prisma/seed.js" } }' })
    expect(findings.map(located)).toEqual(['render.yaml:5:23-5:41 error [seed-in-production]'])
    expect(findings[0]!.chain[0]!.label).toBe('Render preDeployCommand of service `api` in render.yaml')
  })

  it('startCommand runs from rootDir', () => {
    const findings = check({
      'render.yaml': service('    runtime: node\n    rootDir: server\n    startCommand: npm run seed && npm start\n'),
      'server/package.json': '{ "scripts": { "seed": "knex seed:run", "start": "node ." } }',
    })
    expect(findings.map(located)).toEqual(['render.yaml:6:19-6:31 error [seed-in-production]'])
  })

  it('env groups and a staging RAILS_ENV say the service is not production', () => {
    const yaml = `envVarGroups:\n  - name: stage\n    envVars:\n      - key: RAILS_ENV\n        value: staging\n${service('    runtime: ruby\n    startCommand: bin/rails db:seed && bin/rails s\n    envVars:\n      - fromGroup: stage\n')}`
    expect(check({ 'render.yaml': yaml })).toEqual([])
  })

  it('a seed behind an opt-in flag the Blueprint does not set is only possible', () => {
    const yaml = service('    runtime: node\n    startCommand: \'[ "$SEED" = true ] && npx knex seed:run; node .\'\n    envVars:\n      - key: NODE_ENV\n        value: production\n')
    expect(check({ 'render.yaml': yaml }).map((f) => f.severity)).toEqual(['warning'])
  })

  it('a database from the Blueprint is not a local one', () => {
    const yaml = service('    runtime: node\n    startCommand: npx knex seed:run && node .\n    envVars:\n      - key: DATABASE_URL\n        fromDatabase:\n          name: main\n          property: connectionString\n')
    expect(check({ 'render.yaml': yaml }).map(located)).toEqual(['render.yaml:5:19-5:36 error [seed-in-production]'])
  })
})

describe('what a production Render service sees', () => {
  it('IS_PULL_REQUEST is false outside pull request previews', () => {
    const start = (test: string) => check({ 'render.yaml': service(`    runtime: node\n    startCommand: '${test} && npx knex seed:run; node .'\n`) }).map((f) => f.severity)
    expect(start('[ "$IS_PULL_REQUEST" = true ]')).toEqual([])
    expect(start('[ "$IS_PULL_REQUEST" != true ]')).toEqual(['error'])
  })
})
