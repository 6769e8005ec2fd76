import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'
import { packageJson } from '../helpers/project.js'

const pkg = packageJson({ scripts: { seed: 'node prisma/seed.js' }, prisma: { seed: 'node prisma/seed.js' }, devDependencies: { prisma: '^5.14.0' } })
const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of({ 'package.json': pkg, ...files }), DEFAULT_CONFIG).findings
const at = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column} ${f.severity} ${f.rule}`
const deploy = '  - name: gcr.io/cloud-builders/gcloud\n    args: [run, deploy, orders, --region=us-central1]\n'

describe('Google Cloud Build config', () => {
  it('an official builder runs its tool, located at its name: `gcr.io/cloud-builders/gcloud` with `run deploy` args deploys', () => {
    const text = `steps:\n  - name: gcr.io/cloud-builders/npm\n    args: [run, seed]\n${deploy}`
    const findings = check({ 'cloudbuild.yaml': text })
    expect(findings.map(at)).toEqual(['cloudbuild.yaml:2:33 error seed-in-production'])
    expect(findings[0]!.production?.reasons.map((r) => r.detail)).toContain('`gcloud run deploy` to `orders`')
  })

  it('without an entrypoint, another image runs its args; with one, the entrypoint runs them', () => {
    expect(check({ 'cloudbuild.yaml': `steps:\n  - name: node:20\n    args: [npx, prisma, db, seed]\n${deploy}` }).map(at)).toEqual(['cloudbuild.yaml:3:12 error seed-in-production'])
    expect(check({ 'cloudbuild.yaml': `steps:\n  - name: node:20\n    entrypoint: npx\n    args: [prisma, db, seed]\n${deploy}` }).map(at)).toEqual(['cloudbuild.yaml:3:17 error seed-in-production'])
  })

  it('walks `script:` as sh, or as the shell its #! line names', () => {
    const script = (first: string) => `steps:\n  - name: node:20\n    script: |\n      ${first}\n      npx prisma db {seed,execute}\n${deploy}`
    expect(check({ 'cloudbuild.yaml': script('#!/usr/bin/env bash') }).map(at)).toEqual(['cloudbuild.yaml:5:7 error seed-in-production'])
    expect(check({ 'cloudbuild.yaml': script('set -e') })).toEqual([])
  })

  it('a secretEnv database is a secret named by its Secret Manager secret; without a deploy, the build is only possibly production', () => {
    const text = (secret: string) =>
      `steps:\n  - name: node:20\n    entrypoint: sh\n    args: [-c, 'npx prisma db seed']\n    secretEnv: [DATABASE_URL]\navailableSecrets:\n  secretManager:\n    - versionName: projects/p/secrets/${secret}/versions/latest\n      env: DATABASE_URL\n`
    expect(check({ 'cloudbuild.yaml': text('orders-db') }).map(at)).toEqual(['cloudbuild.yaml:3:17 error seed-in-production'])
    expect(check({ 'cloudbuild.yaml': text('orders-staging-db') })).toEqual([])
    expect(check({ 'cloudbuild.yaml': 'steps:\n  - name: node:20\n    entrypoint: npm\n    args: [run, seed]\n' }).map(at)).toEqual(['cloudbuild.yaml:3:17 warning seed-possibly-in-production'])
  })

  it('`env` KEY=VALUE pairs, from the step and `options`, reach the command: a local database is not production', () => {
    const text = `steps:\n  - name: node:20\n    entrypoint: npm\n    args: [run, seed]\n    env: ['DATABASE_URL=postgres://ci:ci@localhost:5432/ci']\n${deploy}`
    expect(check({ 'cloudbuild.yaml': text })).toEqual([])
    expect(check({ 'cloudbuild.yaml': `${text.replace(/    env: .*\n/, '')}options:\n  env: ['DATABASE_URL=postgres://ci:ci@localhost:5432/ci']\n` })).toEqual([])
  })

  it('runs each step in its `dir`, relative to the repository root', () => {
    const text = `steps:\n  - name: node:20\n    dir: api\n    entrypoint: npm\n    args: [run, seed]\n${deploy}`
    expect(check({ 'cloudbuild.yaml': text, 'api/package.json': pkg }).map((f) => f.chain.at(-1)?.span.file)).toEqual(['api/package.json'])
  })

  it('reads the JSON form with the JSON parser', () => {
    const text = JSON.stringify({ steps: [{ name: 'node:20', entrypoint: 'bash', args: ['-c', 'npm ci && npx prisma db seed'] }, { name: 'gcr.io/cloud-builders/gcloud', args: ['app', 'deploy'] }] }, null, 2)
    expect(check({ 'deploy/cloudbuild.json': text }).map(at)).toEqual(['deploy/cloudbuild.json:8:20 error seed-in-production'])
    expect(check({ 'cloudbuild.json': '{"steps": [' }).map((f) => `${f.severity} ${f.rule}`)).toEqual(['warning parse-error'])
  })

  it('reads a build config under another name, whose name can say which environment it builds', () => {
    const seed = 'steps:\n  - name: node:20\n    entrypoint: npm\n    args: [run, seed]\n'
    const prod = check({ 'cloudbuild-prod.yaml': seed })
    expect(prod.map(at)).toEqual(['cloudbuild-prod.yaml:3:17 error seed-in-production'])
    expect(prod[0]!.production?.reasons.map((r) => r.detail)).toContain('cloudbuild-prod.yaml is the build config kept for production')
    expect(check({ 'deploy/production.cloudbuild.yml': seed }).map(at)).toEqual(['deploy/production.cloudbuild.yml:3:17 error seed-in-production'])
    // another environment's file, even with a deploy in it, is not production's
    expect(check({ 'cloudbuild.staging.yaml': `${seed}${deploy}` })).toEqual([])
    // a name that says nothing of the environment is read all the same: possibly production, never unseen
    expect(check({ 'cloudbuild_tools.yaml': seed }).map(at)).toEqual(['cloudbuild_tools.yaml:3:17 warning seed-possibly-in-production'])
    // not a build config: only the name `cloudbuild` with a separator is
    expect(check({ 'mycloudbuilds.yaml': seed })).toEqual([])
  })
})
