import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'
import { packageJson } from '../helpers/project.js'

const pkg = packageJson({ scripts: { seed: 'node prisma/seed.js' }, dependencies: { prisma: '^5.22.0' } })
const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of({ 'package.json': pkg, ...files }), DEFAULT_CONFIG).findings
const at = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column} ${f.severity} ${f.rule}`
const appYaml = (head = '') => `runtime: nodejs20\n${head}entrypoint: npm run seed && node server.js\n`

describe('App Engine app.yaml', () => {
  it('reads entrypoint as run on every instance start of the service', () => {
    const [finding, ...rest] = check({ 'app.yaml': appYaml() })
    expect(rest).toEqual([])
    expect(at(finding!)).toBe('app.yaml:2:13 error seed-in-production')
    expect(finding!.chain[0]!.label).toBe('App Engine `entrypoint` of service `default` in app.yaml')
  })

  it.each([
    ['a staging service', { 'app.yaml': appYaml('service: api-staging\n') }],
    ['a file named for staging', { 'app-staging.yaml': appYaml() }],
    ['env_variables naming a staging runtime', { 'app.yaml': appYaml('env_variables:\n  APP_ENV: staging\n') }],
    ['an app.yaml without runtime', { 'app.yaml': 'name: x\nentrypoint: npm run seed\n' }],
    ['a DigitalOcean app spec', { 'app.yaml': 'name: x\nruntime: node\nservices:\n- name: web\n  run_command: node server.js\n' }],
  ])('stays silent for %s', (_, files) => {
    expect(check(files)).toEqual([])
  })
})

describe('App Engine custom runtime', () => {
  const dockerfile = 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD npm run seed && node server.js\n'
  it('runs the Dockerfile beside app.yaml as the service', () => {
    expect(check({ 'app.yaml': 'runtime: custom\nenv: flex\n', Dockerfile: dockerfile }).map(at)).toEqual(['Dockerfile:4:5 error seed-in-production'])
    expect(check({ 'app.yaml': 'runtime: custom\nenv: flex\nservice: api-staging\n', Dockerfile: dockerfile })).toEqual([])
  })
})
