import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'
import railway from '../../src/sources/railway/reader.js'
import { deploymentsOf, packageJson, projectOf } from '../helpers/project.js'

const pkg = packageJson({ scripts: { build: 'tsc', start: 'node dist/server.js', seed: 'node prisma/seed.js' }, dependencies: { prisma: '^5.22.0' }, prisma: { seed: 'node prisma/seed.js' } })
const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of({ 'package.json': pkg, ...files }), DEFAULT_CONFIG).findings
const at = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column} ${f.severity}`
const json = (config: object) => JSON.stringify({ $schema: 'https://railway.com/railway.schema.json', ...config }, null, 2) + '\n'

describe('railway.json / railway.toml', () => {
  it('reads preDeployCommand as a string or a list of commands', () => {
    expect(check({ 'railway.json': json({ deploy: { preDeployCommand: 'npm run seed' } }) }).map(at)).toEqual(['railway.json:4:26 error'])
    expect(check({ 'railway.toml': '[deploy]\npreDeployCommand = [\n  "npx prisma migrate deploy",\n  "npm run seed",\n]\n' }).map(at)).toEqual(['railway.toml:4:4 error'])
  })

  it('labels the chain from the config key', () => {
    const [finding] = check({ 'api/railway.toml': '[deploy]\nstartCommand = "npm run seed && npm start"\n', 'api/package.json': pkg })
    expect(finding!.chain.map((h) => h.label).slice(0, 3)).toEqual(['Railway deploy.startCommand in api/railway.toml', 'runs on every deployment start', '`npm run seed`'])
    expect(at(finding!)).toBe('api/railway.toml:2:17 error')
  })

  it.each<[string, object, string[]]>([
    ['an override for production replaces the base command there', { deploy: { startCommand: 'npm run seed && npm start' }, environments: { production: { deploy: { startCommand: 'npm start' } } } }, []],
    ['the pr environment is not production', { environments: { pr: { deploy: { preDeployCommand: ['npm run seed'] } } } }, []],
    ['a staging override is not production', { environments: { staging: { build: { buildCommand: 'npm run seed' } } } }, []],
    ['an override for production seeds', { environments: { production: { deploy: { preDeployCommand: ['npm run seed'] } } } }, ['railway.json:7:12 error']],
    ['an environment named neither way only warns', { environments: { 'us-east': { deploy: { startCommand: 'npm run seed' } } } }, ['railway.json:6:26 warning']],
  ])('%s', (_, config, expected) => {
    expect(check({ 'railway.json': json(config) }).map(at)).toEqual(expected)
  })

  it('runs the detected build and start scripts when no command is named', () => {
    const seeding = packageJson({ scripts: { build: 'prisma generate && prisma db seed && tsc', start: 'node dist/server.js' }, dependencies: { prisma: '^5.22.0' }, prisma: { seed: 'node prisma/seed.js' } })
    expect(check({ 'railway.json': json({ build: { builder: 'RAILPACK' } }), 'package.json': seeding }).map(at)).toEqual(['package.json:3:34 error'])
    // a named build command replaces the detected `build` script
    expect(check({ 'railway.json': json({ build: { buildCommand: 'tsc' } }), 'package.json': seeding })).toEqual([])
    // a Dockerfile decides the build: nothing is detected
    expect(check({ 'railway.json': json({}), Dockerfile: 'FROM node:20\nCMD ["node", "x.js"]\n', 'package.json': seeding })).toEqual([])
  })

  it('lets the config file win over nixpacks.toml', () => {
    const nixpacks = '[phases.build]\ncmds = ["npm run seed"]\n\n[start]\ncmd = "npm run seed && npm start"\n'
    expect(check({ 'nixpacks.toml': nixpacks }).map(at)).toEqual(['nixpacks.toml:2:10 error', 'nixpacks.toml:5:8 error'])
    expect(check({ 'nixpacks.toml': nixpacks, 'railway.toml': '[build]\nbuildCommand = "tsc"\n[deploy]\nstartCommand = "npm start"\n' })).toEqual([])
    // nixpacks.toml is not read by a service built with Railpack
    expect(check({ 'nixpacks.toml': nixpacks, 'railway.json': json({ build: { builder: 'RAILPACK' } }) })).toEqual([])
  })

  it('reads a nixpacks plan inside the config', () => {
    const config = json({ build: { nixpacksPlan: { phases: { setup: { nixPkgs: ['nodejs'] }, seed: { cmds: ['npm run seed'] } } } } })
    expect(check({ 'railway.json': config }).map(at)).toEqual(['railway.json:13:14 error'])
  })

  it('reports each malformed file once, and reads the service from the files that parse', () => {
    const project = projectOf({ 'railway.json': '{ "deploy": { "startCommand": "npm start" ', 'nixpacks.toml': '[start]\ncmd = "npm run seed"\n', 'package.json': pkg })
    expect(railway.read('railway.json', project, DEFAULT_CONFIG, deploymentsOf(project)).problems.map((p) => `${p.rule} ${p.span.start.line}`)).toEqual(['parse-error 1'])
    expect(railway.read('nixpacks.toml', project, DEFAULT_CONFIG, deploymentsOf(project)).contexts.map((c) => c.label)).toContain('Nixpacks start.cmd in nixpacks.toml')
  })
})

describe('Railway: the variables a Docker-built service gets', () => {
  const envOf = (files: Record<string, string>) => deploymentsOf(projectOf({ Dockerfile: 'FROM node:22\nCMD ["node", "index.js"]\n', ...files })).artifacts.images.map((u) => u.env)

  it("Railway's own variables: the environment name where the production environment's is known, the rest set to values only Railway knows", () => {
    const [env] = envOf({ 'railway.toml': '[build]\nbuilder = "DOCKERFILE"\n' })
    expect(env).toMatchObject({ RAILWAY_ENVIRONMENT_NAME: 'production', RAILWAY_ENVIRONMENT: 'production', RAILWAY_SERVICE_NAME: '<secret RAILWAY_SERVICE_NAME, set by Railway>' })
    // no user variable: those are set in the dashboard
    expect(Object.keys(env!).every((k) => k.startsWith('RAILWAY_'))).toBe(true)
  })

  it('an override naming production otherwise leaves the name unknown', () => {
    const [env] = envOf({ 'railway.json': '{"environments": {"live": {"deploy": {"numReplicas": 2}}, "production": {}}}' })
    expect(env!.RAILWAY_ENVIRONMENT_NAME).toBe('<secret RAILWAY_ENVIRONMENT_NAME, set by Railway>')
    expect(envOf({ 'railway.json': '{"environments": {"staging": {}, "production": {}}}' })[0]!.RAILWAY_ENVIRONMENT_NAME).toBe('production')
  })
})

describe("Railway's own variables in the commands config as code names", () => {
  const seedUnless = (test: string) => `#!/bin/sh\nset -e\nnpx prisma migrate deploy\nif ${test}; then\n  npx prisma db seed\nfi\n`

  it("the production deployment's environment name, or the override's own", () => {
    const guarded = { 'scripts/release.sh': seedUnless('[ "$RAILWAY_ENVIRONMENT_NAME" != production ]') }
    expect(check({ ...guarded, 'railway.json': json({ deploy: { preDeployCommand: 'sh scripts/release.sh' } }) })).toEqual([])
    // the override for `live` runs in the environment named live, where the test holds
    expect(check({ ...guarded, 'railway.json': json({ environments: { live: { deploy: { preDeployCommand: 'sh scripts/release.sh' } } } }) }).map(at)).toEqual(['scripts/release.sh:5:3 error'])
  })

  it('a variable Railway always sets never takes the default a test gives it', () => {
    const files = { 'scripts/release.sh': seedUnless('[ "${RAILWAY_REPLICA_REGION:-local}" = local ]'), 'railway.json': json({ deploy: { preDeployCommand: 'sh scripts/release.sh' } }) }
    expect(check(files).map(at)).toEqual(['scripts/release.sh:5:3 warning'])
  })
})
