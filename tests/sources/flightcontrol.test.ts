import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'
import { packageJson } from '../helpers/project.js'

const pkg = packageJson({ scripts: { seed: 'node prisma/seed.js' }, dependencies: { prisma: '^5.22.0' } })
const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of({ 'package.json': pkg, ...files }), DEFAULT_CONFIG).findings
const at = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column} ${f.severity} ${f.rule}`
const config = (environment: string, service: string) =>
  `{\n  "environments": [\n    {\n      ${environment},\n      "services": [\n        { "id": "web", "type": "fargate", ${service} }\n      ]\n    }\n  ]\n}\n`

describe('flightcontrol.json', () => {
  it.each(['installCommand', 'buildCommand', 'preDeployCommand', 'postDeployCommand', 'startCommand'])('reads %s of a production environment', (key) => {
    expect(check({ 'flightcontrol.json': config('"id": "production", "source": { "branch": "main" }', `"${key}": "npm run seed"`) }).map(at)).toEqual([`flightcontrol.json:6:${48 + key.length} error seed-in-production`])
  })

  it('reads an argv preDeployCommand', () => {
    expect(check({ 'flightcontrol.json': config('"id": "prod"', '"preDeployCommand": ["npm", "run", "seed"]') }).map((f) => `${f.severity} ${f.rule}`)).toEqual(['error seed-in-production'])
  })

  it('takes the environment deploying the default branch as production, and warns for another branch', () => {
    expect(check({ 'flightcontrol.json': config('"id": "app", "source": { "branch": "main" }', '"startCommand": "npm run seed"') }).map((f) => f.severity)).toEqual(['error'])
    expect(check({ 'flightcontrol.json': config('"id": "app", "source": { "branch": "next" }', '"startCommand": "npm run seed"') }).map((f) => f.severity)).toEqual(['warning'])
  })

  it.each([
    ['a staging environment', '"id": "staging", "source": { "branch": "main" }'],
    ['a preview environment', '"id": "pr", "source": { "pr": true }'],
  ])('stays silent for %s', (_, environment) => {
    expect(check({ 'flightcontrol.json': config(environment, '"startCommand": "npm run seed"') })).toEqual([])
  })

  it('runs the Dockerfile a docker service builds, as production as its environment', () => {
    const dockerfile = 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD npm run seed && node server.js\n'
    const docker = '"buildType": "docker", "dockerfilePath": "Dockerfile"'
    expect(check({ Dockerfile: dockerfile, 'flightcontrol.json': config('"id": "production"', docker) }).map((f) => `${f.primary.file} ${f.severity}`)).toEqual(['Dockerfile error'])
    expect(check({ Dockerfile: dockerfile, 'flightcontrol.json': config('"id": "staging"', docker) })).toEqual([])
  })
})
