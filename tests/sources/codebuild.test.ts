import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'
import { packageJson } from '../helpers/project.js'

const pkg = packageJson({ prisma: { seed: 'node prisma/seed.js' }, devDependencies: { prisma: '^5.14.0' } })
const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of({ 'package.json': pkg, ...files }), DEFAULT_CONFIG).findings
const at = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column} ${f.severity} ${f.rule}`
const buildspec = (env: string, phases: string) => `version: 0.2\n${env}phases:\n${phases}`

describe('AWS CodeBuild buildspec', () => {
  it('reads every phase in order, `finally` after `commands`, as one build: a deploy in post_build makes the seed in install production', () => {
    const text = buildspec('', '  install:\n    commands:\n      - npm ci\n    finally:\n      - npx prisma db seed\n  post_build:\n    commands:\n      - npx serverless deploy --stage production\n')
    const findings = check({ 'buildspec.yml': text })
    expect(findings.map(at)).toEqual(['buildspec.yml:7:9 error seed-in-production'])
    expect(findings[0]!.chain.map((h) => h.label).slice(0, 2)).toEqual(['CodeBuild `phases` in buildspec.yml', '`install.finally`'])
  })

  it('a parameter-store or secrets-manager DATABASE_URL is a secret database; one named for staging is not production', () => {
    const seed = '  build:\n    commands:\n      - npx prisma db seed\n'
    expect(check({ 'buildspec.yml': buildspec('env:\n  parameter-store:\n    DATABASE_URL: /orders/db-url\n', seed) }).map(at)).toEqual(['buildspec.yml:8:9 error seed-in-production'])
    expect(check({ 'buildspec.yml': buildspec('env:\n  secrets-manager:\n    DATABASE_URL: orders-staging/db:url\n', seed) })).toEqual([])
  })

  it('`env.shell: bash` reads the commands as bash: a brace expansion runs the seed', () => {
    const seed = '  build:\n    commands:\n      - npx prisma db {seed,execute}\n'
    expect(check({ 'buildspec.yml': buildspec('env:\n  shell: bash\n', seed) }).map(at)).toEqual(['buildspec.yml:7:9 warning seed-possibly-in-production'])
    expect(check({ 'buildspec.yml': buildspec('', seed) })).toEqual([])
  })

  it('reads buildspec files anywhere, and custom names only when they have phases', () => {
    const seed = buildspec('', '  build:\n    commands:\n      - npx prisma db seed\n')
    expect(check({ 'services/api/buildspec.yaml': seed, 'ci/buildspec-prod.yml': seed }).map(at)).toEqual(['ci/buildspec-prod.yml:5:9 warning seed-possibly-in-production', 'services/api/buildspec.yaml:5:9 warning seed-possibly-in-production'])
    expect(check({ 'buildspec-schema.yml': 'type: object\nproperties:\n  commands: npx prisma db seed\n' })).toEqual([])
  })

  it('commands run in the source directory, whatever the buildspec\'s own; $CODEBUILD_SRC_DIR names it', () => {
    const text = buildspec('', '  build:\n    commands:\n      - cd "$CODEBUILD_SRC_DIR/api" && npx prisma db seed\n')
    const findings = check({ 'ops/buildspec.yml': text, 'api/package.json': pkg })
    expect(findings.map((f) => f.chain.at(-1)?.span.file)).toEqual(['api/package.json'])
  })

  it('an invalid buildspec is a parse error (CodeBuild refuses it)', () => {
    expect(check({ 'buildspec.yml': 'phases:\n  build: [\n' }).map((f) => `${f.severity} ${f.rule}`)).toEqual(['warning parse-error'])
  })
})
