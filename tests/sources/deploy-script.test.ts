import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'

const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of(files), DEFAULT_CONFIG).findings
const located = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column} ${f.severity} [${f.rule}]`
const pkg = { 'package.json': '{"prisma":{"seed":"node prisma/seed.js"},"devDependencies":{"prisma":"^6.2.0"}}\n' }
const script = (...lines: string[]) => ['#!/usr/bin/env bash', 'set -e', ...lines, ''].join('\n')

describe('scripts named for deploying, as entry points of their own', () => {
  it.each<[string, string, string[]]>([
    ['a production deploy script', 'scripts/deploy-prod.sh', ['scripts/deploy-prod.sh:4:1 error [seed-in-production]']],
    ['a script that starts the production app', 'start-production.sh', ['start-production.sh:4:1 error [seed-in-production]']],
    ["Render's build-script convention", 'bin/render-build.sh', ['bin/render-build.sh:4:1 error [seed-in-production]']],
    ['a deploy script that names no environment: uncertain', 'deploy.sh', ['deploy.sh:4:1 warning [seed-possibly-in-production]']],
    ['bin/deploy without an extension', 'bin/deploy', ['bin/deploy:4:1 warning [seed-possibly-in-production]']],
    ['a staging deploy script', 'scripts/deploy-staging.sh', []],
    ['a script that seeds production on purpose, by hand, is no deploy', 'scripts/seed-prod.sh', []],
    ['a script named for nothing of the kind', 'scripts/setup.sh', []],
  ])('%s', (_, file, expected) => {
    expect(check({ ...pkg, [file]: script('npx prisma generate', 'npx prisma db seed') }).map(located)).toEqual(expected)
  })

  it('a deploy script that migrates a database migrates the deployed one: production, whatever runs it', () => {
    const [finding] = check({ ...pkg, 'deploy.sh': script('npx prisma migrate deploy', 'npx prisma db seed') })
    expect(finding && located(finding)).toBe('deploy.sh:4:1 error [seed-in-production]')
    expect(finding?.production?.reasons.map((r) => r.detail)).toContain("deploy.sh is named for deploying and migrates a database (`npx prisma migrate deploy`): the database a deploy migrates is the deployed app's")
    // a staging deploy script migrates staging
    expect(check({ ...pkg, 'deploy-staging.sh': script('npx prisma migrate deploy', 'npx prisma db seed') })).toEqual([])
  })

  it('a script named for nothing of the kind is one by what it does, uncertain: who runs it is not in the files', () => {
    const rails = { Gemfile: 'gem "rails"\n', 'db/seeds.rb': 'Plan.create!\n' }
    const launch = script('RAILS_ENV=production bin/rails db:seed', 'exec bin/rails server -e production')
    const [finding] = check({ ...rails, 'bin/launch': launch })
    expect(finding && located(finding)).toBe('bin/launch:3:1 warning [seed-possibly-in-production]')
    expect(finding?.production?.reasons.map((r) => r.detail)).toContain('bin/launch starts the server with -e production (`bin/rails server -e production`); who runs it is not in the files')
    // a name for development keeps it out; so does a development setup script
    expect(check({ ...rails, 'bin/launch-dev': launch })).toEqual([])
    expect(check({ ...rails, 'bin/setup': script('bundle install', 'bin/rails db:prepare', 'bin/rails db:seed', 'exec bin/dev') })).toEqual([])
    // a setup script that updates the checkout and its stack is a developer's
    const compose = { 'docker-compose.yml': 'services:\n  web:\n    image: ruby:3.3\n' }
    const update = script('git pull', 'docker compose up -d', 'docker compose exec web bin/rails db:seed')
    expect(check({ ...rails, ...compose, 'script/bootstrap': update })).toEqual([])
    expect(check({ ...rails, ...compose, 'script/refresh': update }).map(located)).toEqual(['script/refresh:5:1 warning [seed-possibly-in-production]'])
  })

  it('a deploy script that deploys (ssh to the server) is production', () => {
    const findings = check({ ...pkg, 'deploy.sh': script('npx prisma db seed', 'ssh deploy@app.example.com "docker compose pull && docker compose up -d"') })
    expect(findings.map(located)).toEqual(['deploy.sh:3:1 error [seed-in-production]'])
    expect(findings[0]!.chain[0]!.label).toBe('deploy script deploy.sh')
  })

  it('the chain names the script once: the step that runs it is the whole context', () => {
    const [finding] = check({ ...pkg, 'deploy-prod.sh': script('npx prisma db seed') })
    expect(finding!.chain.map((h) => h.label)).toEqual(['deploy script deploy-prod.sh', '`npx prisma db seed`', 'Prisma seed command `node prisma/seed.js`'])
  })

  it('a script another entry point runs is judged there, with the environment that one gives it', () => {
    // Heroku's Node.js buildpack sets NODE_ENV=production: the release phase never seeds
    const release = script('npx prisma migrate deploy', 'if [ "$NODE_ENV" != production ]; then npx prisma db seed; fi')
    expect(check({ ...pkg, 'release.sh': release, Procfile: 'release: ./release.sh\nweb: node server.js\n' })).toEqual([])
    // alone, nothing shows NODE_ENV: undecided
    expect(check({ ...pkg, 'release.sh': release }).map(located)).toEqual(['release.sh:4:40 warning [seed-possibly-in-production]'])
  })
})
