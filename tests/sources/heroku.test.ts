import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'

const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of(files), DEFAULT_CONFIG)
const located = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column}-${f.primary.end.line}:${f.primary.end.column} ${f.severity} [${f.rule}]`
const pkg = (scripts: Record<string, string>, extra: object = {}) => JSON.stringify({ name: 'app', scripts, ...extra }, null, 2) + '\n'

describe('the Heroku Node.js buildpack', () => {
  it('runs heroku-postbuild instead of build, with the buildpack as the first hop', () => {
    const { findings } = check({
      Procfile: 'web: node server.js\n',
      'package.json': pkg({ build: 'node scripts/seed.js', 'heroku-postbuild': 'tsc && knex seed:run' }),
    })
    expect(findings.map(located)).toEqual(['package.json:5:33-5:46 error [seed-in-production]'])
    expect(findings[0]!.chain.map((h) => h.label)).toEqual([
      'Heroku Node.js buildpack build of package.json',
      'the Heroku Node.js buildpack runs `heroku-postbuild`',
      'package.json `heroku-postbuild`',
      '`knex seed:run`',
    ])
  })

  it('runs build when there is no heroku-postbuild, and heroku-prebuild and heroku-cleanup around it', () => {
    const { findings } = check({
      'app.json': '{ "buildpacks": [{ "url": "heroku/nodejs" }] }\n',
      'package.json': pkg({ 'heroku-prebuild': 'echo prebuild', build: 'tsc', 'heroku-cleanup': 'npm run seed', seed: 'knex seed:run' }),
    })
    expect(findings.map(located)).toEqual(['package.json:6:24-6:36 error [seed-in-production]'])
  })

  it('sets NODE_ENV=production for the build, so a development-only postinstall stays silent', () => {
    const { findings } = check({
      Procfile: 'web: node server.js\n',
      'package.json': pkg({ postinstall: '[ "$NODE_ENV" = production ] || knex seed:run' }),
    })
    expect(findings).toEqual([])
  })

  it('is not assumed without a Heroku marker, nor when app.json lists other buildpacks, nor for a container build', () => {
    const seeding = pkg({ postinstall: 'knex seed:run' })
    expect(check({ 'package.json': seeding }).findings).toEqual([])
    expect(check({ 'package.json': seeding, 'app.json': '{ "buildpacks": [{ "url": "heroku/ruby" }] }\n' }).findings).toEqual([])
    expect(check({ 'package.json': seeding, 'heroku.yml': 'build:\n  docker:\n    web: Dockerfile\n' }).findings).toEqual([])
  })
})

describe('the Heroku PHP buildpack', () => {
  const composer = (scripts: Record<string, string[]>) => JSON.stringify({ require: { 'laravel/framework': '^11.0' }, scripts }, null, 2) + '\n'

  it('runs composer install with its event scripts on every build, then `composer compile`', () => {
    const { findings } = check({ Procfile: 'web: vendor/bin/heroku-php-nginx public/\n', artisan: '', 'composer.json': composer({ 'post-install-cmd': ['@php artisan db:seed --force'] }) })
    expect(findings.map(located)).toEqual(['composer.json:7:9-7:36 error [seed-in-production]'])
    expect(findings[0]!.chain.map((h) => h.label)).toEqual([
      // the buildpack's own commands stand at the file's start, with the build: one hop there
      'Heroku PHP buildpack build of composer.json (`composer install`)',
      'composer.json script `post-install-cmd`',
      '`php artisan db:seed --force`',
    ])
  })

  it('is uncertain beside a package.json with no buildpack list (Heroku detects Node.js first), and absent when app.json lists other buildpacks', () => {
    const files = { Procfile: 'web: vendor/bin/heroku-php-nginx public/\n', artisan: '', 'composer.json': composer({ compile: ['@php artisan db:seed --force'] }) }
    expect(check({ ...files, 'package.json': pkg({ build: 'vite build' }) }).findings.map(located)).toEqual(['composer.json:7:9-7:36 warning [seed-possibly-in-production]'])
    expect(check({ ...files, 'app.json': '{ "buildpacks": [{ "url": "heroku/nodejs" }] }\n' }).findings).toEqual([])
    expect(check({ 'composer.json': files['composer.json'], artisan: '' }).findings).toEqual([])
  })
})

describe('heroku.yml', () => {
  it('release.command as one string runs in a shell', () => {
    const { findings } = check({ 'heroku.yml': 'build:\n  docker:\n    web: Dockerfile\nrelease:\n  command:\n    - bin/rails db:seed\n' })
    expect(findings.map(located)).toEqual(['heroku.yml:6:7-6:24 error [seed-in-production]'])
    expect(findings[0]!.chain[0]!.label).toBe('Heroku release phase (heroku.yml `release`) in heroku.yml')
  })

  it('release.command as single words is an exec form', () => {
    const { findings } = check({ 'heroku.yml': 'release:\n  command: ["bin/rails", "db:seed"]\n' })
    expect(findings.map(located)).toEqual(['heroku.yml:2:14-2:35 error [seed-in-production]'])
  })

  it('run entries are dynos', () => {
    const { findings } = check({ 'heroku.yml': 'run:\n  web: bin/rails db:seed && bin/rails server\n  worker:\n    command:\n      - bundle exec sidekiq\n' })
    expect(findings.map(located)).toEqual(['heroku.yml:2:8-2:25 error [seed-in-production]'])
  })

  it('invalid YAML is a located parse-error', () => {
    expect(check({ 'heroku.yml': 'release:\n  command: [bin/rails db:seed\n' }).findings.map(located)).toEqual([expect.stringMatching(/^heroku\.yml:\d+:\d+-\d+:\d+ warning \[parse-error\]$/)])
  })
})

describe('app.json', () => {
  it('postdeploy may run in production (a Heroku Button app); pr-predestroy and Heroku CI scripts do not', () => {
    const appJson = JSON.stringify({ scripts: { postdeploy: 'bin/rails db:seed', 'pr-predestroy': 'bin/rails db:seed' }, environments: { test: { scripts: { test: 'bin/rails db:seed' } } } })
    const result = check({ 'app.json': appJson, Procfile: 'web: bundle exec puma\n' })
    expect(result.findings.map((f) => `${f.severity} [${f.rule}] ${f.chain[0]!.label}`)).toEqual(['warning [seed-possibly-in-production] Heroku Button / review app `postdeploy` (app.json) in app.json'])
    expect(result.findings[0]!.production?.reasons.map((r) => r.detail)).toEqual([expect.stringMatching(/runs once after an app is created from app.json: review apps and Heroku Button deploys/)])
    expect(result.stats.contexts).toBe(4)
  })

  it('postdeploy sees the config vars app.json gives a new app; a process of any app only names them', () => {
    const appJson = JSON.stringify({ env: { DEMO: { value: 'off' }, KEY: { generator: 'secret' }, NODE_ENV: 'staging' }, scripts: { postdeploy: '[ "$DEMO" = on ] && npm run seed' } })
    const files = { 'app.json': appJson, 'package.json': pkg({ seed: 'knex seed:run' }), Procfile: 'web: node server.js\nrelease: [ "$NODE_ENV" = staging ] && npm run seed\n' }
    const findings = check(files).findings
    expect(findings.map((f) => `${f.primary.file} ${f.severity}`)).toEqual(['Procfile warning'])
    expect(findings[0]!.production?.reasons.at(-1)?.detail).toMatch(/NODE_ENV is staging only in apps created from app.json .*; elsewhere it comes from the app's config vars/)
    expect(check({ ...files, 'app.json': appJson.replace('"off"', '"on"') }).findings.map((f) => `${f.primary.file} ${f.severity}`)).toEqual(['app.json warning', 'Procfile warning'])
    // beside a Procfile, an app.json with nothing but `env` is Heroku's too
    const bare = check({ ...files, 'app.json': JSON.stringify({ name: 'app', env: { NODE_ENV: 'staging' } }) }).findings
    expect(bare[0]!.production?.reasons.at(-1)?.detail).toMatch(/NODE_ENV is staging only in apps created from app.json/)
  })

  it('Dokku runs scripts.dokku.predeploy on every deploy', () => {
    const appJson = '{\n  "scripts": {\n    "dokku": { "predeploy": "python manage.py loaddata initial.json" }\n  }\n}\n'
    expect(check({ 'app.json': appJson }).findings.map(located)).toEqual(['app.json:3:30-3:68 error [seed-in-production]'])
  })

  it('an app.json of another tool is not judged, even when it does not parse', () => {
    expect(check({ 'app.json': '{ "expo": { "name": "x" } }\n' }).findings).toEqual([])
    expect(check({ 'app.json': '{ "expo": ' }).findings).toEqual([])
    expect(check({ 'app.json': '{ "scripts": ', Procfile: 'web: x\n' }).findings.map((f) => f.rule)).toEqual(['parse-error'])
  })
})
