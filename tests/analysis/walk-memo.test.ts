import { describe, expect, it } from 'vitest'
import { Walker } from '../../src/analysis/walk.js'
import { packageJson, projectOf } from '../helpers/project.js'

// One Walker walks the same scripts from many steps; whatever it remembers must not leak one
// caller's environment or directory into another's result.
const project = projectOf({
  'package.json': packageJson({
    name: 'root',
    scripts: { release: 'heroku container:release web', seed: 'DATABASE_URL=postgres://localhost/dev prisma db seed', 'seed:all': 'bash scripts/seed.sh' },
    devDependencies: { prisma: '^6.19.0' },
    prisma: { seed: 'node prisma/seed.js' },
  }),
  'apps/api/package.json': packageJson({ name: 'api', scripts: { seed: 'knex seed:run' } }),
  'scripts/seed.sh': '#!/bin/sh\nnpm run seed\n',
  'ci/release.sh': 'npm run release\n',
  'ci/seed.sh': 'npm run seed\n',
  'ci/seed-all.sh': 'npm run seed:all\n',
  'ci/seed-script.sh': 'bash scripts/seed.sh\n',
  'apps/api/seed-script.sh': 'bash ../../scripts/seed.sh\n',
})

/** a CI step running one of the files above */
function walk(walker: Walker, file: string, env: Record<string, string>, cwd = '.') {
  const text = project.cache.get(file)!.text
  return walker.walkSource({ text, offsets: (i) => i, file, shell: 'bash' }, cwd, env)
}

describe('walker memo', () => {
  it('walks a script again when a variable its deploy command reads differs', () => {
    const walker = new Walker(project)
    expect(walk(walker, 'ci/release.sh', { HEROKU_APP: 'shop-staging' }).deploys.map((d) => d.match.target)).toEqual(['not-production'])
    expect(walk(walker, 'ci/release.sh', { HEROKU_APP: 'shop-production' }).deploys.map((d) => d.match.target)).toEqual(['production'])
  })

  it('gives the same result when only a variable nothing reads differs', () => {
    const walker = new Walker(project)
    const first = walk(walker, 'ci/release.sh', { HEROKU_APP: 'shop-staging', NODE_OPTIONS: '--max-old-space-size=4096' })
    const second = walk(walker, 'ci/release.sh', { HEROKU_APP: 'shop-staging' })
    expect(second.deploys).toEqual(first.deploys)
  })

  it("keeps the database a script sets even where it equals the first caller's", () => {
    const walker = new Walker(project)
    walk(walker, 'ci/seed.sh', { DATABASE_URL: 'postgres://localhost/dev' })
    const [seed] = walk(walker, 'ci/seed.sh', { DATABASE_URL: 'postgres://prod.example.com/app' }).seeds
    expect(seed?.env.DATABASE_URL).toBe('postgres://localhost/dev')
  })

  it("rebuilds a seed's environment from the caller's", () => {
    const walker = new Walker(project)
    walk(walker, 'ci/seed-all.sh', { CI: 'true' })
    const [seed] = walk(walker, 'ci/seed-all.sh', { RAILS_ENV: 'production' }).seeds
    expect(seed?.env).toEqual({ RAILS_ENV: 'production', DATABASE_URL: 'postgres://localhost/dev' })
  })

  it('walks a shell file again from another working directory', () => {
    const walker = new Walker(project)
    expect(walk(walker, 'ci/seed-script.sh', {}).seeds.map((s) => s.command)).toEqual(['prisma db seed'])
    expect(walk(walker, 'apps/api/seed-script.sh', {}, 'apps/api').seeds.map((s) => s.command)).toEqual(['knex seed:run'])
  })
})
