import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'
import fly from '../../src/sources/fly.js'
import { deploymentsOf, packageJson, projectOf } from '../helpers/project.js'

const pkg = packageJson({ scripts: { seed: 'node prisma/seed.js' }, dependencies: { prisma: '^5.22.0' } })
const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of({ 'package.json': pkg, ...files }), DEFAULT_CONFIG).findings
const at = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column}-${f.primary.end.line}:${f.primary.end.column} ${f.rule}`
const toml = (release: string, head = 'app = "shop"') => `${head}\n\n[deploy]\n  release_command = ${release}\n`

describe('fly.toml', () => {
  it('points at the seed inside release_command, with the chain from the key', () => {
    const [finding, ...rest] = check({ 'fly.toml': toml('"npx prisma migrate deploy && npm run seed"') })
    expect(rest).toEqual([])
    expect(at(finding!)).toBe('fly.toml:4:51-4:63 seed-in-production')
    expect(finding!.chain.map((h) => h.label)).toEqual([
      'Fly.io release_command in fly.toml',
      'runs before every `fly deploy` goes live',
      '`npm run seed`',
      'package.json `seed`',
      '`node prisma/seed.js`',
    ])
    expect(finding!.chain[0]!.span.start).toMatchObject({ line: 4, column: 3 })
  })

  it.each([
    ['a migration only', toml('"npx prisma migrate deploy"')],
    ['a staging app by name', toml('"npm run seed"', 'app = "shop-staging"')],
    ['a preview app by name', toml('"npm run seed"', "app = 'shop-preview'")],
    ['an [env] naming a staging runtime', toml('"npm run seed"', 'app = "shop"\n[env]\n  APP_ENV = "staging"')],
  ])('stays silent for %s', (_, text) => {
    expect(check({ 'fly.toml': text })).toEqual([])
  })

  it('reads fly.<env>.toml files and judges them by their name', () => {
    expect(check({ 'fly.staging.toml': toml('"npm run seed"', 'app = "shop-next"') })).toEqual([])
    expect(check({ 'deploy/fly.production.toml': toml('"npm run seed"', 'app = "shop-next"') }).map(at)).toEqual(['deploy/fly.production.toml:4:22-4:34 seed-in-production'])
  })

  it('reads exec-form [experimental] commands at their element', () => {
    const text = 'app = "shop"\n[experimental]\n  exec = ["npm", "run", "seed"]\n'
    expect(check({ 'fly.toml': text }).map(at)).toEqual(['fly.toml:3:12-3:31 seed-in-production'])
  })

  it('gives each process group its own context', () => {
    const text = 'app = "shop"\n[processes]\n  web = "npm start"\n  "seed-once" = """\nnpm run seed"""\n'
    const project = projectOf({ 'fly.toml': text, 'package.json': pkg })
    const { contexts } = fly.read('fly.toml', project, DEFAULT_CONFIG, deploymentsOf(project))
    expect(contexts.map((c) => c.label)).toEqual(['Fly.io process `web` in fly.toml', 'Fly.io process `seed-once` in fly.toml'])
    expect(contexts.every((c) => c.reasons.some((r) => r.kind === 'platform-phase' && r.towards && !r.weak))).toBe(true)
  })

  it('reports a malformed file as a located parse error', () => {
    // the value is missing: the parser notices at the next line
    const project = projectOf({ 'fly.toml': 'app = "shop"\n[deploy]\n  release_command = \n' })
    const { problems } = fly.read('fly.toml', project, DEFAULT_CONFIG, deploymentsOf(project))
    expect(problems.map((p) => `${p.rule} ${p.span.start.line}`)).toEqual(['parse-error 4'])
  })
})
