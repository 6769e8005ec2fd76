import { describe, expect, it } from 'vitest'
import { Walker } from '../../src/analysis/walk.js'
import type { ShellSource } from '../../src/model/context.js'
import { packageJson, projectOf, projectWithFacts } from '../helpers/project.js'

// Table tests for the shell layer (knip get-inputs-from-scripts style): one line of shell in a
// workflow file, and the seed commands the walker reaches from it, with their chain's last hop.
const PACKAGE = packageJson({
  name: 'root',
  workspaces: ['apps/*'],
  scripts: { seed: 'tsx prisma/seed.ts', 'db:reset': 'prisma migrate reset', setup: 'prisma migrate deploy && npm run seed', 'seed:users': 'node db/seed-users.js', 'seed:posts': 'node db/seed-posts.js', build: 'next build' },
  devDependencies: { prisma: '^6.19.0' },
  prisma: { seed: 'tsx prisma/seed.ts' },
})
const API = packageJson({ name: '@acme/api', scripts: { 'db:seed': 'knex seed:run', build: 'tsc' } })

function seedsOf(line: string): string[] {
  const project = projectOf({ 'package.json': PACKAGE, 'apps/api/package.json': API, 'run.sh': line, 'scripts/seed.sh': '#!/bin/sh\nnpx sequelize-cli db:seed:all\n' })
  const source: ShellSource = { text: line, offsets: (i) => i, file: 'run.sh', shell: 'bash' }
  return new Walker(project).walkSource(source, '.', {}).seeds.map((s) => s.command)
}

const t = (line: string, expected: string[]) => it(line, () => expect(seedsOf(line)).toEqual(expected))

describe('walker: runners, wrappers and shell structure', () => {
  t('npm run seed', ['tsx prisma/seed.ts'])
  t('npm run-script seed', ['tsx prisma/seed.ts'])
  t('yarn seed', ['tsx prisma/seed.ts'])
  t('pnpm run seed', ['tsx prisma/seed.ts'])
  t('bun run seed', ['tsx prisma/seed.ts'])
  t('npm run setup', ['tsx prisma/seed.ts'])
  t('npm run db:reset -- --force', [])
  t('FOO=1 npx prisma migrate reset --force', ['prisma migrate reset --force'])
  t('cross-env NODE_ENV=production npx tsx prisma/seed.ts', ['tsx prisma/seed.ts'])
  t('dotenv -e .env.production -- npx prisma db seed', ['prisma db seed'])
  t('./node_modules/.bin/knex seed:run', ['knex seed:run'])
  t('pnpm exec knex seed:run', ['knex seed:run'])
  t('yarn workspace @acme/api db:seed', ['knex seed:run'])
  t('npm run db:seed -w apps/api', ['knex seed:run'])
  t('pnpm --filter @acme/api run db:seed', ['knex seed:run'])
  t('npm run db:seed --prefix apps/api', ['knex seed:run'])
  t('cd apps/api && npm run db:seed', ['knex seed:run'])
  t('(cd apps/api && npm run build) && npm run build', [])
  t('run-s seed:*', ['node db/seed-users.js', 'node db/seed-posts.js'])
  t('concurrently "npm run build" "npm:seed:users"', ['node db/seed-users.js'])
  t('sh -c "npx prisma db seed"', ['prisma db seed'])
  // an entrypoint that drops root still runs the command, as another user
  t('su app -c "npx prisma db seed"', ['prisma db seed'])
  t('su - app -c "npm run seed"', ['tsx prisma/seed.ts'])
  t('su -s /bin/sh -c "npx knex seed:run" app', ['knex seed:run'])
  t('su app', [])
  t('runuser -u app -- npx knex seed:run', ['knex seed:run'])
  t('runuser app -c "npx knex seed:run"', ['knex seed:run'])
  t('gosu app npx prisma db seed', ['prisma db seed'])
  t('su-exec node:node npm run seed', ['tsx prisma/seed.ts'])
  t('s6-setuidgid app npx knex seed:run', ['knex seed:run'])
  t('chpst -u app:app -e /etc/env npx knex seed:run', ['knex seed:run'])
  t('setpriv --reuid=1000 --regid 1000 --clear-groups npx knex seed:run', ['knex seed:run'])
  t('doas -u app npx knex seed:run', ['knex seed:run'])
  t('timeout 300 npx knex seed:run', ['knex seed:run'])
  t('infisical run --env prod --command "npx prisma migrate deploy && npm run seed && node server.js"', ['tsx prisma/seed.ts'])
  t("doppler run --command='npx prisma db seed'", ['prisma db seed'])
  t('doppler run --command "npx prisma migrate deploy && node server.js"', [])
  // Python environment managers run their command in the project's virtualenv
  t('poetry run python manage.py loaddata demo.json', ['python manage.py loaddata demo.json'])
  t('uv run --with rich --python 3.12 manage.py loaddata demo.json', ['python manage.py loaddata demo.json'])
  t('pipenv run python manage.py loaddata demo.json', ['python manage.py loaddata demo.json'])
  t('poetry run python manage.py migrate', [])
  t('infisical run --command "npx prisma db seed --schema $SCHEMA"', ['prisma db seed --schema $SCHEMA'])
  t('sh -c "cd $APP_DIR && npm run seed"', ['tsx prisma/seed.ts'])
  t('bash scripts/seed.sh', ['sequelize-cli db:seed:all'])
  t('./scripts/seed.sh', ['sequelize-cli db:seed:all'])
  t('out=$(npx prisma db seed)', ['prisma db seed'])
  t('seed() { npx prisma db seed; }\nseed', ['prisma db seed'])
  t('seed() { npx prisma db seed; }\necho defined', [])
  t('echo "npm run seed"', [])
  t('# npm run seed', [])
  t('npx prisma migrate deploy --skip-seed', [])
  t('npx prisma generate && npx prisma migrate deploy', [])
  t('knex migrate:latest', [])
  t('npm run build', [])
})

describe('walker: location of the outermost seed-only command', () => {
  it('points at `npm run seed` when the script only seeds', () => {
    const project = projectOf({ 'package.json': PACKAGE, 'ci.sh': 'npm ci\nnpm run seed\n' })
    const [seed] = new Walker(project).walkSource({ text: 'npm ci\nnpm run seed\n', offsets: (i) => i, file: 'ci.sh', shell: 'bash' }, '.', {}).seeds
    expect(seed?.primary.file).toBe('ci.sh')
    expect([seed?.primary.start.line, seed?.primary.start.column, seed?.primary.end.column]).toEqual([2, 1, 13])
  })

  it('points inside package.json when the script also migrates', () => {
    const project = projectOf({ 'package.json': PACKAGE, 'ci.sh': 'npm run setup\n' })
    const [seed] = new Walker(project).walkSource({ text: 'npm run setup\n', offsets: (i) => i, file: 'ci.sh', shell: 'bash' }, '.', {}).seeds
    expect(seed?.primary.file).toBe('package.json')
    expect(seed?.hops.map((h) => h.label)).toEqual(['`npm run setup`', 'package.json `setup`', '`npm run seed`', 'package.json `seed`', '`tsx prisma/seed.ts`'])
  })

  it('reports a cycle instead of looping', () => {
    const project = projectOf({ 'package.json': packageJson({ scripts: { a: 'npm run b', b: 'npm run a' } }), 'ci.sh': 'npm run a' })
    const reach = new Walker(project).walkSource({ text: 'npm run a', offsets: (i) => i, file: 'ci.sh', shell: 'bash' }, '.', {})
    expect(reach.problems.map((p) => p.rule)).toEqual(['script-cycle'])
  })

  it('reports a computed script name as unresolved', () => {
    const project = projectOf({ 'package.json': PACKAGE, 'ci.sh': 'npm run "$TASK"' })
    const reach = new Walker(project).walkSource({ text: 'npm run "$TASK"', offsets: (i) => i, file: 'ci.sh', shell: 'bash' }, '.', {})
    expect(reach.unresolved.map((u) => u.reason)).toEqual(['script name `$TASK` is only known at run time'])
  })
})

describe('walker: working directory of exec', () => {
  it('runs `pnpm --filter X exec` inside X, where X declares Prisma 7', () => {
    const project = (text: string) =>
      projectOf({
        'package.json': packageJson({ name: 'root', workspaces: ['apps/*'], devDependencies: { prisma: '^6.0.0' }, prisma: { seed: 'node seed.js' } }),
        'apps/api/package.json': packageJson({ name: '@acme/api', devDependencies: { prisma: '^7.0.0' } }),
        'ci.sh': text,
      })
    const walk = (text: string) => new Walker(project(text)).walkSource({ text, offsets: (i) => i, file: 'ci.sh', shell: 'bash' }, '.', {}).seeds
    // Prisma 7 resets without seeding; 6 seeds after the reset when a seed is configured
    expect(walk('pnpm --filter @acme/api exec prisma migrate reset --force').map((s) => [s.match !== undefined, s.wipe !== undefined])).toEqual([[false, true]])
    expect(walk('pnpm exec prisma migrate reset --force').map((s) => [s.match !== undefined, s.wipe !== undefined])).toEqual([[true, true]])
  })
})

describe('walker: workspace selection without a workspace list', () => {
  it('treats every package below the root as a workspace (pnpm-workspace.yaml not in the tree)', () => {
    const text = 'pnpm --filter @acme/api run db:seed'
    const project = projectOf({ 'package.json': packageJson({ name: 'root' }), 'apps/api/package.json': API, 'ci.sh': text })
    const seeds = new Walker(project).walkSource({ text, offsets: (i) => i, file: 'ci.sh', shell: 'bash' }, '.', {}).seeds
    expect(seeds.map((s) => s.command)).toEqual(['knex seed:run'])
  })
})

describe('walker: shell variables and package entry files', () => {
  it.each<[string, string[]]>([
    ['PRISMA_CLI="node node_modules/prisma/build/index.js"\n$PRISMA_CLI generate\nif ! $PRISMA_CLI db seed; then echo failed; fi', ['prisma db seed']],
    ['export KNEX=./node_modules/.bin/knex\n${KNEX} seed:run', ['knex seed:run']],
    ['node ./node_modules/sequelize-cli/lib/sequelize db:seed:all', ['sequelize-cli db:seed:all']],
    ['CMD="npx prisma db seed"\n(CMD="echo nothing")\n$CMD', ['prisma db seed']],
    ['SEED=$(cat seed-command)\n$SEED', []],
    ['TASK=seed\necho $TASK', []],
  ])('%s', (text, expected) => {
    const project = projectOf({ 'package.json': PACKAGE, 'ci.sh': text })
    expect(new Walker(project).walkSource({ text, offsets: (i) => i, file: 'ci.sh', shell: 'bash' }, '.', {}).seeds.map((s) => s.command)).toEqual(expected)
  })
})

describe('walker: a command held in a variable of the environment the text runs with', () => {
  it.each<[string, Record<string, string>, string[]]>([
    ['$SEED_CMD', { SEED_CMD: 'npx prisma db seed' }, ['prisma db seed']],
    ['sh -c "cd . && ${SEED_CMD}"', { SEED_CMD: 'npx prisma db seed' }, ['prisma db seed']],
    // the script's own assignment wins over the environment it was given
    ['SEED_CMD="echo skipped"\n$SEED_CMD', { SEED_CMD: 'npx prisma db seed' }, []],
    // a value that expands again is only known at run time
    ['$SEED_CMD', { SEED_CMD: '$OTHER db seed' }, []],
  ])('%s with %o', (text, env, expected) => {
    const project = projectOf({ 'package.json': PACKAGE, 'ci.sh': text })
    expect(new Walker(project).walkSource({ text, offsets: (i) => i, file: 'ci.sh', shell: 'bash' }, '.', env).seeds.map((s) => s.command)).toEqual(expected)
  })
})

describe('walker: a script sees the arguments of the command line that runs it', () => {
  it.each<[string, (string | undefined)[]]>([
    ['./scripts/opt-in.sh', ['']],
    ['./scripts/opt-in.sh --seed', ['--seed']],
    ['bash scripts/opt-in.sh --seed', ['--seed']],
    // the same file with other arguments is another walk, not a remembered one
    ['./scripts/opt-in.sh\n./scripts/opt-in.sh --seed', ['', '--seed']],
    ['./scripts/opt-in.sh "$FLAG"', [undefined]],
    ['. scripts/opt-in.sh', [undefined]],
  ])('%s', (text, expected) => {
    const project = projectOf({ 'package.json': PACKAGE, 'ci.sh': text, 'scripts/opt-in.sh': '#!/bin/sh\nif [ "${1:-}" = --seed ]; then npx knex seed:run; fi\n' })
    const seeds = new Walker(project).walkSource({ text, offsets: (i) => i, file: 'ci.sh', shell: 'bash' }, '.', {}).seeds
    expect(seeds.map((s) => s.guards[0]?.bound)).toEqual(expected)
  })
})

describe('walker: a script names files beside itself through $0', () => {
  const reachOf = (release: string, entry = 'bash deploy/release.sh') => {
    const project = projectOf({
      'package.json': PACKAGE,
      'ci.sh': entry,
      'deploy/release.sh': `#!/bin/bash\n${release}\n`,
      'deploy/migrate.sh': '#!/bin/sh\nnpx sequelize-cli db:migrate\nnpx sequelize-cli db:seed:all\n',
      'deploy/build.sh': '#!/bin/sh\nnpm run build\n',
    })
    const reach = new Walker(project).walkSource({ text: entry, offsets: (i) => i, file: 'ci.sh', shell: 'bash' }, '.', {})
    return { seeds: reach.seeds.map((s) => s.command), unresolved: reach.unresolved.map((u) => u.reason) }
  }

  it.each([
    '"$(dirname "$0")/migrate.sh"',
    '$(dirname $0)/migrate.sh',
    'sh "$(cd "$(dirname "$0")" && pwd)/migrate.sh"',
    '${0%/*}/migrate.sh',
    'bash "$(dirname "${BASH_SOURCE[0]}")/migrate.sh"',
    'HERE=$(dirname "$0")\n"$HERE/migrate.sh"',
    'cd "$(dirname "$0")/.."\n./deploy/migrate.sh',
  ])('%s', (release) => {
    expect(reachOf(release)).toEqual({ seeds: ['sequelize-cli db:seed:all'], unresolved: [] })
    expect(reachOf(release, './deploy/release.sh')).toEqual({ seeds: ['sequelize-cli db:seed:all'], unresolved: [] })
  })

  it('follows a script beside itself that does not seed to nothing', () => {
    expect(reachOf('"$(dirname "$0")/build.sh"')).toEqual({ seeds: [], unresolved: [] })
  })

  it('reports $0 of a sourced file, which is its caller\'s, as unresolved', () => {
    expect(reachOf('"$(dirname "$0")/migrate.sh"', '. deploy/release.sh')).toEqual({ seeds: [], unresolved: ['`$(dirname "$0")/migrate.sh` is a path only known at run time'] })
  })

  it('reports a computed path named like a seed or migration as unresolved, and stays silent for another', () => {
    expect(reachOf('"$SCRIPTS/migrate.sh"').unresolved).toEqual(['`$SCRIPTS/migrate.sh` is a path only known at run time'])
    expect(reachOf('node "$SEED_FILE"').unresolved).toEqual(['`$SEED_FILE` is a path only known at run time'])
    expect(reachOf('"$SCRIPTS/start.sh"')).toEqual({ seeds: [], unresolved: [] })
  })
})

describe('walker: bash brace expansion', () => {
  const seedsOfShell = (text: string, shell: 'bash' | 'sh') =>
    new Walker(projectOf({ 'package.json': PACKAGE, 'ci.sh': text })).walkSource({ text, offsets: (i) => i, file: 'ci.sh', shell }, '.', {}).seeds.map((s) => s.command)

  it.each<[string, string[]]>([
    ['bundle exec rails db:{migrate,seed}', ['bundle exec rails db:migrate db:seed']],
    ['bundle exec rake db:{create,{migrate,seed}}', ['bundle exec rake db:create db:migrate db:seed']],
    ['bundle exec rails db:{migrate,version}', []],
    ['bundle exec rails "db:{migrate,seed}"', []],
  ])('bash: %s', (text, expected) => expect(seedsOfShell(text, 'bash')).toEqual(expected))

  it('keeps braces literal in POSIX sh', () => expect(seedsOfShell('bundle exec rails db:{migrate,seed}', 'sh')).toEqual([]))

  it('expands them under a condition where sh or bash may run the script', () => {
    const text = 'bundle exec rails db:{migrate,seed}'
    const [seed, ...rest] = new Walker(projectOf({ 'package.json': PACKAGE, 'ci.sh': text })).walkSource({ text, offsets: (i) => i, file: 'ci.sh', shell: 'sh-or-bash' }, '.', {}).seeds
    expect(rest).toEqual([])
    expect(seed?.command).toBe('bundle exec rails db:migrate db:seed')
    expect(seed?.guards.map((g) => [g.op, g.text])).toEqual([['opaque', 'the script runs under bash (it has no `#!` line; sh keeps the braces as written)']])
  })
})

describe('walker: a variable with a value per branch', () => {
  const reachOf = (text: string) => {
    const project = projectOf({ 'package.json': PACKAGE, 'ci.sh': text, 'prisma/seed.js': 'console.log(1)\n', 'scripts/warm.js': '' })
    const reach = new Walker(project).walkSource({ text, offsets: (i) => i, file: 'ci.sh', shell: 'bash' }, '.', {})
    return { seeds: reach.seeds.map((s) => s.command), unresolved: reach.unresolved.map((u) => u.reason) }
  }

  it.each<[string, string[]]>([
    ['SEED_FILE=prisma/seed.js\nif [ -f ../prisma/seed.js ]; then SEED_FILE=../prisma/seed.js; fi\nnode "$SEED_FILE"', ['node prisma/seed.js', 'node ../prisma/seed.js']],
    ['if [ -n "$CI" ]; then TASK=scripts/warm.js; else TASK=prisma/seed.js; fi\nnode $TASK', ['node prisma/seed.js']],
    ['TASK=scripts/warm.js\n[ -f prisma/seed.js ] && TASK=prisma/seed.js\nnode "$TASK"', ['node prisma/seed.js']],
    ['case "$1" in\n  warm) TASK=scripts/warm.js ;;\n  *) TASK=prisma/seed.js ;;\nesac\nnode "$TASK"', ['node prisma/seed.js']],
    ['TASK=prisma/seed.js\nif [ -n "$CI" ]; then TASK=scripts/warm.js; fi\nif [ -z "$CI" ]; then exit 0; fi\nTASK=scripts/warm.js\nnode "$TASK"', []],
    ['TASK=scripts/warm.js\nif [ -n "$CI" ]; then TASK=scripts/warm.js; fi\nnode "$TASK"', []],
  ])('%s', (text, seeds) => expect(reachOf(text)).toEqual({ seeds, unresolved: [] }))

  it('leaves a variable that one branch computes unknown', () => {
    expect(reachOf('SEED_FILE=prisma/seed.js\nif [ -n "$CI" ]; then SEED_FILE=$(cat seed-path); fi\nnode "$SEED_FILE"').unresolved).toEqual(['`$SEED_FILE` is a path only known at run time'])
  })
})

describe('walker: `npm start` and `pnpm start` without a start script', () => {
  const reachOf = async (line: string, files: Record<string, string>) => {
    const project = await projectWithFacts({ 'package.json': packageJson({ name: 'app', dependencies: { knex: '^3.1.0' } }), 'run.sh': line, ...files })
    return new Walker(project).walkSource({ text: line, offsets: (i) => i, file: 'run.sh', shell: 'bash' }, '.', {})
  }
  it.each(['npm start', 'npm run start', 'pnpm start'])('%s runs `node server.js` where the package has one', async (line) => {
    const reach = await reachOf(line, { 'server.js': "knex.seed.run().then(listen)\n" })
    expect(reach.seeds.map((s) => s.command)).toEqual(['node server.js'])
  })
  it('has nothing to run without server.js', async () => {
    expect((await reachOf('npm start', {})).unresolved.map((u) => u.reason)).toEqual(['package.json has no script `start`'])
  })
})
