import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'

const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of(files), DEFAULT_CONFIG).findings
const located = (f: Finding) => `${f.primary.file}:${f.primary.start.line} ${f.severity} [${f.rule}]`
const app = (dependency: string, scripts: Record<string, string>) =>
  JSON.stringify({ name: 'app', scripts, dependencies: { [dependency]: '1.0.0' }, devDependencies: { prisma: '^6.2.0' }, prisma: { seed: 'tsx prisma/seed.ts' } }, null, 2)

describe('framework apps platforms build with no config file', () => {
  it.each(['next', 'nuxt', '@sveltejs/kit', 'astro', '@remix-run/node', '@nestjs/core'])('%s: install lifecycle, build and start are production', (dependency) => {
    const files = { 'apps/web/package.json': app(dependency, { postinstall: 'prisma generate && prisma db seed', build: 'vite build', start: 'node server.js' }) }
    expect(check(files).map(located)).toEqual(['apps/web/package.json:4 error [seed-in-production]'])
  })

  it('a package with no framework is a library or a tool: not read as an app', () => {
    expect(check({ 'package.json': app('lodash', { build: 'prisma db seed && tsc' }) })).toEqual([])
  })

  it('a package built by the Dockerfile beside it is judged through the image', () => {
    const files = { 'package.json': app('next', { build: 'prisma db seed && next build', start: 'next start' }), Dockerfile: 'FROM node:22\nCOPY . .\nRUN npm run build\nCMD ["npm", "start"]\n' }
    // the image's RUN runs at build time, where a database is usually not reachable: a warning, not the app's error
    expect(check(files).map((f) => f.severity)).toEqual(['warning'])
  })

  it('the chain says why a package with no config file is deployed', () => {
    const [finding] = check({ 'package.json': app('next', { build: 'prisma db seed && next build' }) })
    expect(finding!.chain[0]!.label).toBe('Next.js app package.json')
    expect(finding!.production!.reasons[0]!.detail).toMatch(/is a Next\.js app: hosting platforms build it with no config file/)
  })
})
