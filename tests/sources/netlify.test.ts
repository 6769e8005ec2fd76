import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'
import netlify from '../../src/sources/netlify.js'
import { deploymentsOf, packageJson, projectOf } from '../helpers/project.js'

const pkg = packageJson({ scripts: { build: 'vite build', seed: 'node prisma/seed.js' }, dependencies: { prisma: '^5.22.0' } })
const check = (toml: string, files: Record<string, string> = {}) => runCheck('/repo', MemoryFiles.of({ 'package.json': pkg, 'netlify.toml': toml, ...files }), DEFAULT_CONFIG).findings
const at = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column}-${f.primary.end.column} ${f.severity}`

describe('netlify.toml', () => {
  it('points at the seed in [build] command', () => {
    const [finding, ...rest] = check('[build]\n  command = "npm run seed && npm run build"\n')
    expect(rest).toEqual([])
    expect(at(finding!)).toBe('netlify.toml:2:14-26 error')
    expect(finding!.chain.slice(0, 2).map((h) => h.label)).toEqual(['Netlify [build] command in netlify.toml', 'runs in every build of this deploy context'])
  })

  it.each<[string, string, string[]]>([
    ['deploy previews', '[build]\n  command = "npm run build"\n[context.deploy-preview]\n  command = "npm run seed"\n', []],
    ['branch deploys', '[context.branch-deploy]\n  command = "npm run seed"\n', []],
    ['a feature branch', '[context."feature/x"]\n  command = "npm run seed"\n', []],
    ['[build] replaced in production', '[build]\n  command = "npm run seed"\n[context.production]\n  command = "npm run build"\n', []],
    ['the production context', '[context.production]\n  command = "npm run seed"\n', ['netlify.toml:2:14-26 error']],
    ['the production branch', '[context.master]\n  command = "npm run seed"\n', ['netlify.toml:2:14-26 error']],
    ['a local database in the context environment', '[context.production]\n  command = "npm run seed"\n[context.production.environment]\n  DATABASE_URL = "postgres://localhost:5432/app"\n', []],
  ])('%s', (_, toml, expected) => {
    expect(check(toml).map(at)).toEqual(expected)
  })

  it('runs the command in the base directory, after installing its dependencies', () => {
    const web = packageJson({ scripts: { postinstall: 'node prisma/seed.js' } })
    const project = projectOf({ 'netlify.toml': '[build]\n  base = "web/"\n  command = "npm run build"\n', 'web/package.json': web })
    const { contexts } = netlify.read('netlify.toml', project, DEFAULT_CONFIG, deploymentsOf(project))
    expect(contexts.map((c) => `${c.label}: ${c.steps[0]!.cwd}`)).toEqual(['Netlify [build] command in netlify.toml: web', 'Netlify dependency install in netlify.toml: web'])
    expect(check('[build]\n  base = "web"\n', { 'web/package.json': web }).map(at)).toEqual(['web/package.json:3:21-40 error'])
  })
})
