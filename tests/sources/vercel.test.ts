import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'

const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of(files), DEFAULT_CONFIG).findings
const located = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column}-${f.primary.end.line}:${f.primary.end.column} ${f.severity} [${f.rule}]`
const pkg = (scripts: Record<string, string>) => JSON.stringify({ scripts, devDependencies: { prisma: '^5.22.0' }, prisma: { seed: 'node prisma/seed.js' } }, null, 2)

describe('Vercel builds', () => {
  it('vercel.json buildCommand runs for production deployments', () => {
    const findings = check({ 'vercel.json': '{ "buildCommand": "npx prisma db seed && next build" }', 'package.json': pkg({ build: 'next build' }) })
    expect(findings.map(located)).toEqual(['vercel.json:1:20-1:38 error [seed-in-production]'])
    expect(findings[0]!.chain.map((h) => h.label).slice(0, 2)).toEqual(['Vercel build of the project (vercel.json)', '`buildCommand`'])
  })

  it('without a buildCommand, vercel-build wins over now-build and build', () => {
    const scripts = { build: 'prisma db seed', 'now-build': 'prisma db seed', 'vercel-build': 'next build' }
    expect(check({ 'vercel.json': '{}', 'package.json': pkg(scripts) })).toEqual([])
    expect(check({ 'vercel.json': '{}', 'package.json': pkg({ build: 'prisma db seed && next build' }) }).map(located)).toEqual(['package.json:3:15-3:29 error [seed-in-production]'])
  })

  it('a buildCommand replaces the build script', () => {
    expect(check({ 'vercel.json': '{ "buildCommand": "next build" }', 'package.json': pkg({ build: 'prisma db seed' }) })).toEqual([])
  })

  it('the install lifecycle runs unless an installCommand replaces it', () => {
    const scripts = { postinstall: 'prisma db seed' }
    expect(check({ 'vercel.json': '{}', 'package.json': pkg(scripts) }).map((f) => f.severity)).toEqual(['error'])
    expect(check({ 'vercel.json': '{ "installCommand": "npm ci --ignore-scripts" }', 'package.json': pkg(scripts) })).toEqual([])
  })

  it('a linked .vercel/project.json makes its directory a Vercel project, its settings included', () => {
    const linked = JSON.stringify({ projectId: 'prj_1', settings: { rootDirectory: 'web', buildCommand: 'npm run db:seed && next build' } })
    const findings = check({ '.vercel/project.json': linked, 'web/package.json': pkg({ 'db:seed': 'prisma db seed' }) })
    expect(findings.map((f) => `${f.primary.file}:${f.primary.start.line} ${f.severity}`)).toEqual(['.vercel/project.json:1 error'])
  })

  it('VERCEL_ENV is production in the build judged here', () => {
    const build = (test: string) => check({ 'vercel.json': `{ "buildCommand": "${test} && npx prisma db seed; next build" }`, 'package.json': pkg({}) }).map((f) => f.severity)
    expect(build('[ \\"$VERCEL_ENV\\" = production ]')).toEqual(['error'])
    expect(build('[ \\"$VERCEL_ENV\\" = preview ]')).toEqual([])
    expect(build('[ \\"$VERCEL_ENV\\" != production ]')).toEqual([])
  })
})
