import { describe, expect, it } from 'vitest'
import { Walker } from '../../src/analysis/walk.js'
import { packageJson, projectOf } from '../helpers/project.js'

function walk(text: string) {
  const project = projectOf({ 'package.json': packageJson({ scripts: { seed: 'node prisma/seed.js' }, devDependencies: { prisma: '^6.0.0' }, prisma: { seed: 'node prisma/seed.js' } }), 'ci.sh': text })
  const reach = new Walker(project).walkSource({ text, offsets: (i) => i, file: 'ci.sh', shell: 'bash' }, '.', { DATABASE_URL: 'postgres://localhost/ci' })
  return { seeds: reach.seeds.map((s) => [s.command, s.env.DATABASE_URL ?? '']), targets: reach.deploys.map((d) => d.match.target) }
}

describe('remote execution', () => {
  it.each<[string, string[][], string[]]>([
    ['heroku run --app shop-prod -- npx prisma db seed', [['prisma db seed', '']], ['production']],
    ['heroku run -a shop-staging npm run seed', [['node prisma/seed.js', '']], ['not-production']],
    ['fly ssh console -a shop -C "npx prisma db seed"', [['prisma db seed', '']], ['production']],
    ['railway run npm run seed', [['node prisma/seed.js', '']], ['production']],
    ['kubectl exec -n production deploy/api -- npx knex seed:run', [['knex seed:run', '']], ['production']],
    ["ssh deploy@app.example.com 'cd /srv/app && npm run seed'", [['node prisma/seed.js', '']], ['unknown']],
    ['docker compose exec api npx prisma db seed', [['prisma db seed', 'postgres://localhost/ci']], []],
    ['heroku run --app shop-prod -- npx prisma migrate deploy', [], ['production']],
    ['heroku logs --app shop-prod', [], []],
  ])('%s', (line, seeds, targets) => {
    expect(walk(line)).toEqual({ seeds, targets })
  })
})
