import { parseTree, type ParseError } from 'jsonc-parser'
import { parseDocument } from 'yaml'
import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Span } from '../../src/model/span.js'
import { MAX_FILE_BYTES, MemoryFiles } from '../../src/project/files.js'

// Deterministic fuzzing: realistic repositories (workflows, composite actions, reusable
// workflows, package.json script chains, shell scripts) are mutated by a seeded PRNG, and every
// mutant must be checked without throwing, with every finding located at a real place of a real
// file of the tree, and with every unparsable workflow or package.json reported as a parse-error.
// A failure message carries the repository, the mutant number and the mutated tree, so any
// failure reproduces from this file alone.

type Tree = Record<string, string>

const prodWorkflow = (steps: string) => `name: Deploy
on:
  push:
    branches: [main]
  workflow_dispatch:
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: production
    env:
      DATABASE_URL: \${{ secrets.DATABASE_URL }}
      NODE_ENV: production
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
${steps}`

const pkg = (content: object): string => JSON.stringify(content, null, 2) + '\n'

const SEEDS: Record<string, Tree> = {
  'npm script chain with pre/post hooks': {
    '.github/workflows/deploy.yml': prodWorkflow(`      - run: npm ci
      - name: Release
        run: |
          set -euo pipefail
          npm run build
          npm run deploy -- --verbose
`),
    'package.json': pkg({
      name: 'shop',
      private: true,
      scripts: {
        build: 'tsc -p . && vite build',
        predeploy: 'npm run db:migrate',
        deploy: 'npm run db:seed && node dist/deploy.js',
        postdeploy: 'echo "deployed $npm_package_version"',
        'db:migrate': 'prisma migrate deploy',
        'db:seed': 'prisma db seed',
        postinstall: 'prisma generate',
      },
      prisma: { seed: 'tsx prisma/seed.ts' },
      dependencies: { '@prisma/client': '^5.22.0' },
      devDependencies: { prisma: '^5.22.0', tsx: '^4.19.0' },
    }),
  },
  'matrix of environments': {
    '.github/workflows/deploy.yml': `name: Deploy matrix
on:
  push:
    branches: [main, 'release/**']
jobs:
  deploy:
    strategy:
      fail-fast: false
      matrix:
        target: [staging, production]
        region: [eu-west-1, us-east-1]
        include:
          - target: production
            replicas: 3
        exclude:
          - target: staging
            region: us-east-1
    environment:
      name: \${{ matrix.target }}
      url: https://\${{ matrix.target }}.example.com
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Migrate and seed
        if: \${{ matrix.target != 'staging' || github.ref == 'refs/heads/main' }}
        env:
          AWS_REGION: \${{ matrix.region }}
        run: |
          npx sequelize-cli db:migrate
          if [ "\${{ matrix.target }}" = "staging" ]; then
            npx sequelize-cli db:seed:all
          fi
          npx sequelize-cli db:seed:all --seed 20240101-admin.js
      - run: npx serverless deploy --stage \${{ matrix.target }} --region \${{ matrix.region }}
`,
  },
  'local composite action': {
    '.github/workflows/deploy.yml': `on:
  release:
    types: [published]
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: Production
    defaults:
      run:
        working-directory: ./app
        shell: bash
    steps:
      - uses: actions/checkout@v4
      - uses: ./.github/actions/prepare-db
        with:
          rails-env: production
      - run: bundle exec kamal deploy
`,
    '.github/actions/prepare-db/action.yml': `name: prepare-db
description: Migrate and seed
inputs:
  rails-env:
    description: which env
    required: true
runs:
  using: composite
  steps:
    - shell: bash
      run: bundle exec rails db:migrate
      env:
        RAILS_ENV: \${{ inputs.rails-env }}
    - shell: bash
      working-directory: app
      run: |
        bundle exec rails db:seed
        bin/rails runner 'puts User.count'
    - uses: ./.github/actions/notify
`,
    '.github/actions/notify/action.yml': `name: notify
runs:
  using: node20
  main: index.js
`,
  },
  'reusable workflow with inputs': {
    '.github/workflows/release.yml': `on:
  workflow_dispatch:
    inputs:
      target:
        type: choice
        options: [staging, production]
  push:
    tags: ['v*']
jobs:
  call:
    uses: ./.github/workflows/deploy.yml
    with:
      environment: \${{ inputs.target }}
      seed: true
    secrets: inherit
  remote:
    uses: acme/workflows/.github/workflows/deploy.yml@v2
    with:
      environment: production
`,
    '.github/workflows/deploy.yml': `on:
  workflow_call:
    inputs:
      environment:
        type: string
        required: true
      seed:
        type: boolean
        default: false
jobs:
  deploy:
    environment: \${{ inputs.environment }}
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: php artisan migrate --force
      - if: \${{ inputs.seed }}
        run: php artisan db:seed --force
      - run: php artisan migrate:fresh --seed --force
`,
  },
  'workspaces and runners': {
    '.github/workflows/ci.yml': `on:
  push:
    branches: [main]
jobs:
  release:
    runs-on: ubuntu-latest
    environment: prod
    steps:
      - uses: actions/checkout@v4
      - uses: pnpm/action-setup@v4
      - run: pnpm install --frozen-lockfile
      - run: pnpm --filter @acme/api run release
      - run: pnpm -r run deploy
      - run: npx turbo run deploy --filter=web
      - run: yarn workspace @acme/api seed
`,
    'package.json': pkg({
      name: 'acme',
      private: true,
      packageManager: 'pnpm@9.12.0',
      workspaces: ['apps/*', 'packages/*'],
      scripts: { deploy: 'turbo run deploy', 'release:all': 'npm-run-all --serial build "release:*"', both: 'concurrently "npm:seed" "npm:start"' },
      devDependencies: { turbo: '^2.1.0', 'npm-run-all': '^4.1.5', concurrently: '^9.0.0' },
    }),
    'pnpm-workspace.yaml': `packages:
  - 'apps/*'
  - 'packages/*'
  - '!**/test/**'
`,
    'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
    'apps/api/package.json': pkg({
      name: '@acme/api',
      scripts: {
        prerelease: 'pnpm run migrate',
        release: 'pnpm run seed && node server.js',
        migrate: 'knex migrate:latest --knexfile knexfile.js',
        seed: 'knex seed:run --specific 01_users.js',
        deploy: 'fly deploy --remote-only',
      },
      dependencies: { knex: '^3.1.0' },
    }),
    'apps/web/package.json': pkg({ name: 'web', scripts: { deploy: 'vercel deploy --prod', predeploy: 'bun run seed', seed: 'bunx drizzle-kit push && bun run db/seed.ts' } }),
    'packages/db/package.json': pkg({ name: '@acme/db', scripts: { seed: 'typeorm seed:run', 'schema:sync': 'typeorm schema:sync' } }),
  },
  'shell scripts, guards and functions': {
    '.github/workflows/deploy.yml': prodWorkflow(`      - run: ./scripts/release.sh production
      - run: bash scripts/helpers/seed.sh
        if: github.ref == 'refs/heads/main'
      - shell: bash
        run: |
          source ./scripts/env.sh
          sh -c "npx prisma migrate deploy && npx prisma db seed"
`),
    'scripts/release.sh': `#!/usr/bin/env bash
set -euo pipefail
TARGET="\${1:-staging}"

seed() {
  npx prisma db seed
}

if [ "$TARGET" != "production" ]; then
  seed
fi

[ "$NODE_ENV" = production ] || npx prisma db seed
cat <<EOF > .env
DATABASE_URL=$DATABASE_URL
EOF
case "$TARGET" in
  production) ./scripts/helpers/deploy.sh ;;
  *) echo "skip" ;;
esac
for f in db/*.sql; do psql "$DATABASE_URL" -f "$f"; done
`,
    'scripts/helpers/deploy.sh': `#!/bin/sh
cd "$(dirname "$0")/../.."
npx prisma migrate deploy
bash scripts/helpers/seed.sh
`,
    'scripts/helpers/seed.sh': `#!/bin/sh
# seedguard-ignore[seed-in-production]: demo data is idempotent
npx prisma db seed
`,
    'scripts/env.sh': 'export NODE_ENV=production\n',
    'package.json': pkg({ name: 'scripts-demo', devDependencies: { prisma: '^6.1.0' }, prisma: { seed: 'node prisma/seed.js' } }),
  },
  'anchors, aliases and merge keys': {
    '.github/workflows/deploy.yml': `x-defaults: &defaults
  runs-on: ubuntu-latest
  timeout-minutes: 30
x-env: &env
  DATABASE_URL: \${{ secrets.PROD_DATABASE_URL }}
  RAILS_ENV: production
x-seed: &seed
  name: Seed
  run: |
    bin/rails db:seed
on:
  push:
    branches: [master]
jobs:
  deploy:
    <<: *defaults
    environment: live
    env:
      <<: *env
      EXTRA: "1"
    steps:
      - uses: actions/checkout@v4
      - *seed
      - <<: *seed
        name: Seed again
      - run: bundle exec cap production deploy
  staging:
    <<: *defaults
    environment: staging
    env: *env
    steps:
      - *seed
`,
  },
  'several package managers': {
    '.github/workflows/deploy.yml': prodWorkflow(`      - run: yarn install --immutable
      - run: yarn deploy
      - run: bun run release
      - run: npm exec -- sequelize db:seed:all
      - run: npx --yes npm-run-all -s migrate seed
`),
    'package.json': pkg({
      name: 'multi',
      packageManager: 'yarn@4.5.0',
      scripts: {
        deploy: 'run-s migrate seed start',
        release: 'concurrently -k "yarn:seed" "yarn:start"',
        migrate: 'sequelize db:migrate',
        seed: 'sequelize db:seed:all',
        start: 'node index.js',
        preseed: 'echo seeding',
      },
      dependencies: { 'sequelize-cli': '^6.6.0' },
    }),
    'yarn.lock': '# yarn lockfile v1\n',
  },
  'frameworks and platforms': {
    '.github/workflows/platforms.yml': `on:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  django:
    runs-on: ubuntu-latest
    if: github.ref == 'refs/heads/main' && github.event_name == 'push'
    env:
      DJANGO_SETTINGS_MODULE: app.settings.production
    steps:
      - run: |
          python manage.py migrate --noinput
          python manage.py loaddata fixtures/initial.json
          gcloud app deploy --quiet
  laravel:
    runs-on: ubuntu-latest
    environment: production
    steps:
      - run: php artisan db:seed --class=AdminSeeder --force
      - run: heroku run --app shop-prod -- php artisan migrate --seed --force
  ecto:
    runs-on: ubuntu-latest
    environment: production
    services:
      postgres:
        image: postgres:16
    steps:
      - run: mix ecto.setup
      - run: mix run priv/repo/seeds.exs
      - run: flyctl deploy --app api-prod
  supabase:
    runs-on: ubuntu-latest
    environment: production
    steps:
      - run: supabase db reset --linked
      - run: supabase db push
      - shell: pwsh
        run: Write-Host "not bash"
      - run: docker://alpine:3
`,
  },
  'install lifecycle on main': {
    '.github/workflows/ci.yml': `on:
  push:
    branches:
      - main
jobs:
  build:
    runs-on: ubuntu-latest
    env:
      DATABASE_URL: \${{ secrets.DATABASE_URL }}
    steps:
      - uses: actions/checkout@v4
      - run: npm ci
      - run: npm install --ignore-scripts
      - run: npm run build --if-present
      - run: npm start
`,
    'package.json': pkg({
      name: 'lifecycle',
      scripts: {
        preinstall: 'npx only-allow npm',
        postinstall: 'prisma generate && prisma db seed',
        prepare: 'husky',
        prestart: 'node scripts/check.js',
        start: 'node server.js',
      },
      devDependencies: { prisma: '^7.0.0' },
      seedguard: { 'default-branches': ['main', 'trunk'], ignore: ['legacy/**'] },
    }),
    'prisma.config.ts': "export default { migrations: { seed: 'tsx prisma/seed.ts' } }\n",
  },
}

// mulberry32: small, fast, and the same sequence on every machine
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function hash(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h >>> 0
}

type Rng = () => number
const int = (rng: Rng, n: number) => Math.floor(rng() * n)
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)]!

const PUNCTUATION = ['{', '}', '[', ']', '"', "'", '|', '&', ';', '$(', ')', '${{', '}}', '${{ matrix.target }}', '*', '!', '%', ':', ': ', '- ', '#', '\\', '`', '<<', '>', '?', '@', ',', '&&', '||', '\t', '\n', '\r\n', '\0', '\uFEFF', 'é', '😀', '\uD800', '"""', "'\"'", '$((', '<<EOF\n']
const YAML_VALUES = ['42', '-1.5e9', '0x1F', 'null', '~', 'true', 'no', '[]', '{}', '[a, 1, null]', '{a: 1, b: [2, {c: d}]}', '""', "''", '|', '>-', '!!binary aGVsbG8=', '!custom tagged', '*nowhere', '&fresh value', 'x'.repeat(5000), '"unterminated', '- a\n- b', '{run: npx prisma db seed}', '${{ secrets.X }}', '2001-12-14t21:59:43.10-05:00']
const JSON_VALUES = ['42', '-0.0e-0', 'null', 'true', '[]', '{}', '[1, "x", null]', '{"a": {"b": []}}', '"\\u0000"', '"\\ud800"', '"npx prisma db seed"', '"npm run $npm_lifecycle_event"', '"a\\nb"', '""', '"' + 'y'.repeat(5000) + '"']

type Mutation = (text: string, rng: Rng, path: string) => string

const lines = (text: string) => text.split('\n')
const lineMutation =
  (f: (ls: string[], rng: Rng) => void): Mutation =>
  (text, rng) => {
    const ls = lines(text)
    if (ls.length === 0) return text
    f(ls, rng)
    return ls.join('\n')
  }

const MUTATIONS: Record<string, Mutation> = {
  deleteLine: lineMutation((ls, rng) => void ls.splice(int(rng, ls.length), 1 + int(rng, 3))),
  duplicateLine: lineMutation((ls, rng) => {
    const i = int(rng, ls.length)
    ls.splice(int(rng, ls.length + 1), 0, ...ls.slice(i, i + 1 + int(rng, 4)))
  }),
  swapLines: lineMutation((ls, rng) => {
    const i = int(rng, ls.length)
    const j = rng() < 0.5 ? Math.min(ls.length - 1, i + 1) : int(rng, ls.length)
    ;[ls[i], ls[j]] = [ls[j]!, ls[i]!]
  }),
  insertPunctuation: (text, rng) => {
    const at = int(rng, text.length + 1)
    return text.slice(0, at) + pick(rng, PUNCTUATION) + text.slice(at)
  },
  replaceChar: (text, rng) => {
    const at = int(rng, text.length)
    return text.slice(0, at) + String.fromCharCode(32 + int(rng, 95)) + text.slice(at + 1)
  },
  truncate: (text, rng) => text.slice(0, int(rng, text.length + 1)),
  reindent: lineMutation((ls, rng) => {
    const i = int(rng, ls.length)
    const line = ls[i]!
    const choice = int(rng, 4)
    if (choice === 0) ls[i] = ' '.repeat(1 + int(rng, 4)) + line
    else if (choice === 1) ls[i] = line.replace(/^ {1,4}/, '')
    else if (choice === 2) ls[i] = line.replace(/^ +/, '\t')
    else for (let k = i; k < Math.min(ls.length, i + 5); k++) ls[k] = '  ' + ls[k]!
  }),
  replaceValue: (text, rng, path) => {
    if (path.endsWith('.json')) {
      const values = [...text.matchAll(/("(?:[^"\\]|\\.)*"\s*:\s*)("(?:[^"\\]|\\.)*"|[^,}\]\s]+|\[[^\]]*\]|\{[^}]*\})/g)]
      if (values.length === 0) return text
      const m = pick(rng, values)
      const start = m.index + m[1]!.length
      return text.slice(0, start) + pick(rng, JSON_VALUES) + text.slice(start + m[2]!.length)
    }
    const ls = lines(text)
    const candidates = ls.map((l, i) => ({ l, i })).filter(({ l }) => /^\s*(?:- )?[\w.${}-]+:\s*\S/.test(l))
    if (candidates.length === 0) return text
    const { l, i } = pick(rng, candidates)
    ls[i] = l.replace(/^(\s*(?:- )?[\w.${}-]+:\s*).*$/, (_, key: string) => key + pick(rng, YAML_VALUES))
    return ls.join('\n')
  },
  anchorsAndAliases: (text, rng, path) => {
    if (path.endsWith('.json') || path.endsWith('.sh')) return text
    const ls = lines(text)
    const keyed = ls.map((l, i) => ({ l, i })).filter(({ l }) => /^\s*(?:- )?[\w.-]+:/.test(l))
    if (keyed.length < 2) return text
    const name = `a${int(rng, 3)}`
    const from = pick(rng, keyed)
    ls[from.i] = from.l.replace(/^(\s*(?:- )?[\w.-]+:)/, `$1 &${name}`)
    const to = pick(rng, keyed)
    const indent = /^\s*/.exec(to.l)![0]
    const choice = int(rng, 4)
    if (choice === 0) ls[to.i] = to.l.replace(/^(\s*(?:- )?[\w.-]+:).*$/, `$1 *${name}`)
    else if (choice === 1) ls.splice(to.i + 1, 0, `${indent}<<: *${name}`)
    else if (choice === 2) ls.splice(to.i + 1, 0, `${indent}<<: [*${name}, *${name}, *a${int(rng, 3)}]`)
    else ls.splice(to.i + 1, 0, `${indent}- *${name}`)
    return ls.join('\n')
  },
  deepNesting: (text, rng, path) => {
    // now and then a package.json deeper than a recursive-descent parser's stack (YAML that deep is
    // slow to reject and covered in bad-input.test.ts; shell nesting is capped by unbash)
    const veryDeep = rng() < 0.05 && path.endsWith('.json')
    const depth = veryDeep ? 20_000 : 20 + int(rng, 200)
    const at = int(rng, text.length + 1)
    const balanced = rng() < 0.7
    let inner: string
    if (path.endsWith('.json')) inner = '['.repeat(depth) + '1' + (balanced ? ']'.repeat(depth) : '')
    else if (veryDeep) inner = '['.repeat(depth) + 'x' + (balanced ? ']'.repeat(depth) : '')
    else if (path.endsWith('.sh') || rng() < 0.3) inner = 'echo ' + '$('.repeat(depth) + 'npx prisma db seed' + (balanced ? ')'.repeat(depth) : '')
    else if (rng() < 0.5) inner = '{a: '.repeat(depth) + 'x' + (balanced ? '}'.repeat(depth) : '')
    else inner = '\n' + Array.from({ length: depth }, (_, k) => `${' '.repeat(k)}k${k}:`).join('\n') + ' leaf\n'
    return text.slice(0, at) + inner + text.slice(at)
  },
  suppressionMarker: lineMutation((ls, rng) => {
    const i = int(rng, ls.length + 1)
    const indent = /^\s*/.exec(ls[Math.min(i, ls.length - 1)] ?? '')![0]
    const rule = pick(rng, ['seed-in-production', 'parse-error', 'unresolved-on-production-path', 'seed-in-production, script-cycle'])
    ls.splice(i, 0, `${indent}# seedguard-ignore[${rule}]${rng() < 0.5 ? ': fuzz says so' : ''}`)
  }),
  lineEndings: (text, rng) => pick(rng, [text.replace(/\n/g, '\r\n'), '\uFEFF' + text, text.replace(/\n/g, '\r'), text.replace(/ {2}/g, '\t'), text + '\n\n\n', text.replace(/\n$/, '')]),
}
const MUTATION_NAMES = Object.keys(MUTATIONS)

/** A mutant tree: one to three text mutations of one or two files, sometimes a file removed or copied. */
function mutate(seed: Tree, rng: Rng): { tree: Tree; applied: string[] } {
  const tree: Tree = { ...seed }
  const paths = Object.keys(tree)
  const applied: string[] = []
  const roll = rng()
  if (roll < 0.04 && paths.length > 1) {
    const victim = pick(rng, paths)
    delete tree[victim]
    applied.push(`delete ${victim}`)
  } else if (roll < 0.08) {
    const source = pick(rng, paths)
    const copy = `.github/workflows/copy-${int(rng, 100)}.${rng() < 0.5 ? 'yml' : 'yaml'}`
    tree[copy] = tree[source]!
    applied.push(`copy ${source} → ${copy}`)
  }
  const files = 1 + (rng() < 0.25 ? 1 : 0)
  for (let f = 0; f < files; f++) {
    const live = Object.keys(tree)
    const path = pick(rng, live)
    const count = 1 + int(rng, 3)
    for (let k = 0; k < count; k++) {
      const name = pick(rng, MUTATION_NAMES)
      tree[path] = MUTATIONS[name]!(tree[path]!, rng, path)
      applied.push(`${name} ${path}`)
    }
  }
  return { tree, applied }
}

const RULES = new Set(['seed-in-production', 'seed-possibly-in-production', 'reset-in-production', 'reset-possibly-in-production', 'unresolved-on-production-path', 'parse-error', 'script-cycle', 'suppression-without-reason', 'invalid-suppression', 'unused-suppression', 'config-error'])
const SEVERITIES = new Set(['error', 'warning', 'note'])

/** 1-based line and column of a UTF-16 offset, the way an editor counts them */
function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

/** every way a span can fail to point at a real place of a real file of the tree */
function spanProblems(span: Span, tree: Tree, what: string): string[] {
  // positions count from after a byte order mark, as editors count them
  const text = tree[span.file]?.replace(/^\uFEFF/, '')
  if (text === undefined) return [`${what}: file ${JSON.stringify(span.file)} is not in the tree`]
  const problems: string[] = []
  const fileLines = text.split('\n')
  for (const [end, pos] of [['start', span.start], ['end', span.end]] as const) {
    const at = `${what} ${end} ${span.file}:${pos.line}:${pos.column}@${pos.offset}`
    if (!Number.isInteger(pos.line) || !Number.isInteger(pos.column) || !Number.isInteger(pos.offset)) {
      problems.push(`${at}: not integers`)
      continue
    }
    if (pos.line < 1 || pos.column < 1) problems.push(`${at}: line and column must be positive`)
    if (pos.line > fileLines.length) problems.push(`${at}: past the last line (${fileLines.length})`)
    else if (pos.column > fileLines[pos.line - 1]!.length + 1) problems.push(`${at}: past the end of the line (${fileLines[pos.line - 1]!.length + 1})`)
    if (pos.offset < 0 || pos.offset > text.length) problems.push(`${at}: offset outside the file (${text.length})`)
    else {
      const expected = positionAt(text, pos.offset)
      if (expected.line !== pos.line || expected.column !== pos.column) problems.push(`${at}: offset is at ${expected.line}:${expected.column}`)
    }
  }
  if (span.end.offset < span.start.offset || span.end.line < span.start.line) problems.push(`${what}: ends before it starts`)
  return problems
}

const WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/

/** files the checker must report as unparsable: a workflow YAML error, a package.json that is not a JSON object */
function unparsable(tree: Tree): string[] {
  const out: string[] = []
  for (const [path, raw] of Object.entries(tree)) {
    if (raw.length > MAX_FILE_BYTES) continue
    // npm, like editors, reads past a byte order mark
    const text = raw.replace(/^\uFEFF/, '')
    if (WORKFLOW.test(path)) {
      // non-strict YAML is accepted, as GitHub's own parser does; a key given twice parses too, and is
      // the workflow reader's to report (GitHub rejects the file), so the oracle does not demand it
      if (parseDocument(text, { uniqueKeys: false, strict: false }).errors.length > 0) out.push(path)
    } else if (path === 'package.json' || path.endsWith('/package.json')) {
      const errors: ParseError[] = []
      try {
        const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false })
        if (errors.length > 0 || root?.type !== 'object') out.push(path)
      } catch {
        // the oracle's own parser overflows on absurd nesting: such a file is unparsable too
        out.push(path)
      }
    }
  }
  return out
}

/** every invariant for one tree; an empty list when the tree is handled well */
function violations(tree: Tree): string[] {
  let result
  try {
    result = runCheck('/repo', MemoryFiles.of(tree), DEFAULT_CONFIG)
  } catch (error) {
    return [`threw ${(error as Error).stack?.split('\n').slice(0, 6).join('\n') ?? String(error)}`]
  }
  const problems: string[] = []
  for (const [n, finding] of result.findings.entries()) {
    const what = `finding #${n} [${finding.rule}]`
    if (!RULES.has(finding.rule)) problems.push(`${what}: unknown rule`)
    if (!SEVERITIES.has(finding.severity)) problems.push(`${what}: unknown severity ${finding.severity}`)
    problems.push(...spanProblems(finding.primary, tree, `${what} primary`))
    finding.chain.forEach((hop, h) => problems.push(...spanProblems(hop.span, tree, `${what} hop ${h} (${hop.label.slice(0, 60)})`)))
  }
  for (const path of unparsable(tree)) {
    const reported = result.findings.find((f) => f.rule === 'parse-error' && f.primary.file === path)
    if (!reported) problems.push(`${path} does not parse, but no parse-error finding names it (silent pass)`)
    // GitHub refuses a workflow that does not parse: nothing in it runs, and the finding says so
    else if (WORKFLOW.test(path) && (reported.severity !== 'warning' || !reported.detail?.includes('GitHub Actions rejects the file'))) problems.push(`${path}: a workflow parse-error must be a warning saying GitHub rejects it, got ${reported.severity}: ${reported.detail}`)
  }
  return problems
}

const MUTANTS_PER_SEED = 300

/**
 * Bugs the fuzz found, each with a minimal reproduction at the end of this file (`it.fails` until
 * src/ is fixed). A mutant whose every problem matches one of these is skipped, not failed, so the
 * fuzz keeps guarding everything else; once a bug is fixed its `it.fails` turns red: delete its
 * entry here and make the reproduction a plain `it`.
 */
const KNOWN_BUGS: { id: string; signature: RegExp }[] = []

function knownBug(problems: string[]): string | undefined {
  const ids = problems.map((p) => KNOWN_BUGS.find((b) => b.signature.test(p))?.id)
  return ids.every((id) => id !== undefined) ? ids[0] : undefined
}

describe('fuzzing runCheck with mutated repositories', () => {
  it('starts from seeds that parse cleanly and reach a seed or reset command', () => {
    for (const [name, tree] of Object.entries(SEEDS)) {
      const result = runCheck('/repo', MemoryFiles.of(tree), DEFAULT_CONFIG)
      expect(violations(tree), name).toEqual([])
      expect(result.findings.filter((f) => f.rule === 'parse-error'), name).toEqual([])
      expect(result.findings.some((f) => f.seed !== undefined), name).toBe(true)
    }
  })

  for (const [name, seed] of Object.entries(SEEDS)) {
    it(`${MUTANTS_PER_SEED} mutants of: ${name}`, () => {
      const rng = prng(hash(name))
      const failures: string[] = []
      for (let i = 0; i < MUTANTS_PER_SEED && failures.length < 3; i++) {
        const { tree, applied } = mutate(seed, rng)
        const problems = violations(tree)
        if (problems.length === 0 || knownBug(problems)) continue
        const changed = Object.fromEntries(Object.entries(tree).filter(([p, t]) => seed[p] !== t))
        failures.push(`mutant ${i} (${applied.join('; ')}):\n  ${problems.slice(0, 5).join('\n  ')}\n  changed files: ${JSON.stringify(changed).slice(0, 3000)}`)
      }
      expect(failures, failures.join('\n\n')).toEqual([])
    })
  }
})

describe('bugs found by the fuzz (minimal reproductions)', () => {
  const prodJob = (steps: string) => `on:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    environment: production\n    runs-on: ubuntu-latest\n    steps:\n${steps}`

  // BUG (crash): `on.push.branches: ""` (or `['']`, or an empty `>-` block) reaches picomatch('')
  // in branchMatches (src/sources/github/triggers.ts:54), which throws TypeError "Expected pattern
  // to be a non-empty string" out of readTriggers → workflows.read → runCheck.
  it('an empty branch pattern in on.push.branches does not crash runCheck', () => {
    for (const branches of ['""', "['']", '>-', '["", main]']) {
      const tree = { '.github/workflows/deploy.yml': `on:\n  push:\n    branches: ${branches}\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npx prisma db seed\n` }
      expect(violations(tree), branches).toEqual([])
    }
  })

  // BUG (crash): package.json is parsed with jsonc-parser (comments and trailing commas allowed),
  // but its `seedguard` key is then re-parsed with JSON.parse in readPackageJson
  // (src/project/packages.ts:68), which throws SyntaxError on a comment or a trailing comma inside
  // that key: new Project → runCheck crash, although the file parsed fine.
  it('a comment or trailing comma inside the package.json seedguard key does not crash runCheck', () => {
    for (const seedguard of ['{ "ignore": ["legacy/**"], }', '{ /* ours */ "ignore": [] }', '{ "ignore": [] // ours\n }']) {
      const tree = { '.github/workflows/deploy.yml': prodJob('      - run: npm run seed\n'), 'package.json': `{ "scripts": { "seed": "prisma db seed" }, "seedguard": ${seedguard} }\n` }
      expect(violations(tree), seedguard).toEqual([])
    }
  })

  // BUG (crash): a package.json nested ~10,000 deep (20 KB, far below MAX_FILE_BYTES) overflows the
  // stack in jsonc-parser's recursive parseValue/parseArray, called from parseJson
  // (src/util/json.ts) ← readPackageJson (src/project/packages.ts) ← new Project: RangeError
  // "Maximum call stack size exceeded" out of runCheck. (A workflow nested as deep is fine: the
  // yaml parser turns the overflow into a located parse-error.)
  it('a deeply nested package.json is a located parse-error, not a stack overflow', () => {
    const depth = 20_000
    const tree = { '.github/workflows/deploy.yml': prodJob('      - run: npm run seed\n'), 'package.json': `{ "scripts": { "seed": "prisma db seed" }, "x": ${'['.repeat(depth)}${']'.repeat(depth)} }\n` }
    expect(violations(tree)).toEqual([])
  })

  // Found by this fuzz: inlineSuppression (src/analysis/suppress.ts) built the marker's span as
  // `{ line, column, offset: 0 }`, so a suppression-without-reason finding said line 10 but offset 0.
  // Fixed in src/ while this file was written; kept as a regression test.
  it('a suppression-without-reason finding has a consistent offset', () => {
    const tree = { '.github/workflows/deploy.yml': prodJob('      - run: echo hi\n      # seedguard-ignore[seed-in-production]\n      - run: npx prisma db seed\n') }
    const result = runCheck('/repo', MemoryFiles.of(tree), DEFAULT_CONFIG)
    expect(result.findings.find((f) => f.rule === 'suppression-without-reason')?.primary.start).toMatchObject({ line: 10, column: 9 })
    expect(violations(tree)).toEqual([])
  })
})
