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
    ['gigalixir run npx prisma db seed', [['prisma db seed', '']], ['production']],
    ['gigalixir ps:run -a shop-staging npm run seed', [['node prisma/seed.js', '']], ['not-production']],
    ['kubectl exec -n production deploy/api -- npx knex seed:run', [['knex seed:run', '']], ['production']],
    ["ssh deploy@app.example.com 'cd /srv/app && npm run seed'", [['node prisma/seed.js', '']], ['unknown']],
    // a container sees its own environment, not the job's
    ['docker compose exec api npx prisma db seed', [['prisma db seed', '']], []],
    ['docker compose -f docker-compose.prod.yml --profile web exec -T api npx prisma db seed', [['prisma db seed', '']], []],
    ['docker exec -it -e DATABASE_URL shop npx prisma db seed', [['prisma db seed', 'postgres://localhost/ci']], []],
    ['docker run --rm --network host -e DATABASE_URL=postgres://db.internal/shop shop:latest npx prisma db seed', [['prisma db seed', 'postgres://db.internal/shop']], []],
    ['kubectl exec -n staging deploy/api -- npm run seed', [['node prisma/seed.js', '']], ['not-production']],
    ['heroku run --app shop-prod -- npx prisma migrate deploy', [], ['production']],
    ['heroku logs --app shop-prod', [], []],
  ])('%s', (line, seeds, targets) => {
    expect(walk(line)).toEqual({ seeds, targets })
  })
})

describe('commands run in a compose service', () => {
  const compose = ['services:', '  api:', '    build: ./api', '    env_file: api.env', '    environment:', '      NODE_ENV: production', ''].join('\n')
  const files = {
    'docker-compose.yml': compose,
    'docker-compose.dev.yml': compose.replace('production', 'development'),
    'api.env': 'DATABASE_URL=postgres://db.internal/shop\n',
    'api/package.json': packageJson({ scripts: { seed: 'node seed.js' } }),
    'api/Dockerfile': 'FROM node:20\n',
  }
  function walkIn(text: string) {
    const project = projectOf({ ...files, 'ci.sh': text })
    const reach = new Walker(project).walkSource({ text, offsets: (i) => i, file: 'ci.sh', shell: 'bash' }, '.', { DATABASE_URL: 'postgres://localhost/ci' })
    return reach.seeds.map((s) => ({ command: s.command, env: s.env.DATABASE_URL, hop: s.hops.find((h) => h.label.startsWith('runs'))?.label, against: s.reasons?.map((r) => r.detail) }))
  }

  it('runs with the service environment, in the tree its image is built from', () => {
    expect(walkIn('docker compose exec -T api npm run seed')).toEqual([
      { command: 'node seed.js', env: 'postgres://db.internal/shop', hop: 'runs `npm run seed` in compose service `api` of docker-compose.yml', against: undefined },
    ])
  })

  it('says a stack named for development is not production', () => {
    expect(walkIn('docker compose -f docker-compose.dev.yml run --rm api npm run seed')).toEqual([
      { command: 'node seed.js', env: 'postgres://db.internal/shop', hop: 'runs `npm run seed` in compose service `api` of docker-compose.dev.yml', against: ['docker-compose.dev.yml is named for local or non-production use'] },
    ])
  })
})

describe('commands run in a container of an image', () => {
  // the bind mount puts the repository's backend/ at /srv, where -w starts the command
  const files = { 'backend/release.sh': '#!/bin/sh\nset -e\nnpx knex migrate:latest\nnpx knex seed:run\n', 'backend/package.json': packageJson({ dependencies: { knex: '^3.0.0' } }) }
  function walkIn(text: string) {
    const project = projectOf({ ...files, 'ci.sh': text })
    const reach = new Walker(project).walkSource({ text, offsets: (i) => i, file: 'ci.sh', shell: 'bash' }, '.', {})
    return { seeds: reach.seeds.map((s) => `${s.command} @ ${s.primary.file}:${s.primary.start.line}`), unresolved: reach.unresolved.map((u) => u.reason) }
  }

  it.each([
    'docker run --rm -v "$(pwd)/backend:/srv" -w /srv node:20 sh release.sh',
    'docker run --rm -v "$PWD:/srv" -w /srv/backend node:20 sh release.sh',
    'docker run --rm --volume=./backend:/srv:ro --workdir /srv node:20 sh release.sh',
  ])('reads the script from the bind-mounted directory: %s', (line) => {
    expect(walkIn(line)).toEqual({ seeds: ['knex seed:run @ backend/release.sh:4'], unresolved: [] })
  })

  it('leaves a named volume or an unknown host path unread, and says so', () => {
    expect(walkIn('docker run --rm -v code:/srv -w /srv node:20 sh release.sh').unresolved).toEqual(['release.sh is not in the repository'])
    expect(walkIn('docker run --rm -v "$CHECKOUT/backend:/srv" -w /srv node:20 sh release.sh').unresolved).toEqual(['release.sh is not in the repository'])
  })
})
