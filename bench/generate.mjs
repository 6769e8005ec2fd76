// Generates the large monorepo the benchmark checks: `node bench/generate.mjs [dir]`.
// Seeded PRNG so every machine times the same tree; five known packages seed on a production path
// so the benchmark can also check that the findings come out.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

// bump when the output changes, so run.mjs regenerates a stale tree instead of timing it
export const GENERATOR_VERSION = 2
export const DEFAULT_DIR = join(tmpdir(), 'seedguard-bench-monorepo')
const STAMP = '.seedguard-bench'
const N = { workflows: 1000, packages: 2000, scripts: 200, actions: 20, platforms: 400 }
const pad = (n, w) => String(n).padStart(w, '0')
const dirOf = (i) => `packages/p${pad(i, 4)}`
const nameOf = (i) => `@bench/p${pad(i, 4)}`
const scriptOf = (i) => `scripts/task-${pad(i, 3)}.sh`
// each seeding package is reached by a different route (see ROUTES), so no path kind goes untested
const SEEDING = [137, 642, 1024, 1500, 1987]
const ROUTE_SCRIPT = 42
export const EXPECTED_FINDING_FILES = SEEDING.map((i) => `${dirOf(i)}/package.json`)

// mulberry32: tiny, fast, and the same sequence everywhere
function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function isCurrent(root = DEFAULT_DIR) {
  try {
    return readFileSync(join(root, STAMP), 'utf8').trim() === String(GENERATOR_VERSION)
  } catch {
    return false
  }
}

export function generate(root = DEFAULT_DIR) {
  root = resolve(root)
  // only ever delete a tree this generator wrote: the directory is user-supplied
  if (existsSync(root) && readdirSync(root).length > 0) {
    if (!existsSync(join(root, STAMP))) throw new Error(`${root} is not empty and not a generated monorepo; refusing to overwrite it`)
    rmSync(root, { recursive: true, force: true })
  }
  const rand = prng(0x5eed)
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1))
  const pick = (list) => list[Math.floor(rand() * list.length)]
  const chance = (p) => rand() < p
  // Fisher-Yates, not sort(() => rand() - 0.5): the latter depends on the engine's sort algorithm
  const shuffle = (list) => { for (let k = list.length - 1; k > 0; k--) { const j = int(0, k); [list[k], list[j]] = [list[j], list[k]] } return list }
  const stats = { workflows: 0, actions: 0, packageJson: 0, scripts: 0, other: 0, bytes: 0 }
  const put = (path, text, kind = 'other') => {
    const full = join(root, path)
    mkdirSync(dirname(full), { recursive: true })
    writeFileSync(full, text)
    stats[kind]++
    stats.bytes += Buffer.byteLength(text)
  }
  const seeding = new Set(SEEDING)
  // ordinary picks never land on a seeding package or the route script: the 5 findings stay exact
  const anyPkg = () => { for (;;) { const i = int(0, N.packages - 1); if (!seeding.has(i)) return i } }
  const anyScript = () => { for (;;) { const i = int(0, N.scripts - 1); if (i !== ROUTE_SCRIPT) return i } }

  // packages: build chains, lint globs, hooks, and dev/test-only seeds
  const pkgs = []
  for (let i = 0; i < N.packages; i++) {
    const db = seeding.has(i) || chance(0.3)
    const scripts = {
      build: seeding.has(i) ? 'npm run compile && npm run db:prepare && npm run bundle' : 'npm run compile && npm run bundle',
      compile: 'tsc -p tsconfig.json',
      bundle: pick(['esbuild src/index.ts --bundle --platform=node --outfile=dist/index.js', 'tsup src/index.ts --format esm,cjs', 'vite build', 'rollup -c']),
    }
    if (seeding.has(i)) scripts['db:prepare'] = 'prisma migrate deploy && prisma db seed'
    const groups = shuffle([
      { prebuild: 'npm run clean', clean: 'rimraf dist' },
      { lint: 'run-s lint:*', 'lint:eslint': 'eslint src --max-warnings 0', 'lint:types': 'tsc --noEmit' },
      { test: 'vitest run', 'test:watch': 'vitest' },
      { postinstall: db ? 'prisma generate' : pick(['patch-package', 'node scripts/postinstall.js']) },
      { dev: 'tsx watch src/index.ts' },
      { start: 'node dist/index.js' },
      { 'format:check': 'prettier --check .', format: 'prettier --write .' },
      { 'build:watch': 'concurrently "npm:compile -- --watch" "npm:bundle -- --watch"' },
      { prepack: 'npm run build' },
    ])
    if (db) groups.unshift({ 'db:seed': 'tsx prisma/seed.ts', 'test:e2e': 'npm run db:seed && playwright test' }, { 'db:reset': 'prisma migrate reset --force --skip-seed && npm run db:seed' })
    const target = int(5, 15)
    for (const g of groups) if (Object.keys(scripts).length < target) Object.assign(scripts, g)
    const deps = {}
    for (let k = int(0, 3); k > 0; k--) deps[nameOf(anyPkg())] = 'workspace:*'
    if (db) Object.assign(deps, { '@prisma/client': '^6.19.0', prisma: '^6.19.0' })
    const json = { name: nameOf(i), version: '1.0.0', private: true, type: 'module', main: 'dist/index.js', scripts, dependencies: deps, ...(db ? { prisma: { seed: 'tsx prisma/seed.ts' } } : {}) }
    put(`${dirOf(i)}/package.json`, JSON.stringify(json, null, 2) + '\n', 'packageJson')
    put(`${dirOf(i)}/src/index.ts`, `export const id = '${nameOf(i)}'\n`)
    if (db) put(`${dirOf(i)}/prisma/seed.ts`, `import { PrismaClient } from '@prisma/client'\nawait new PrismaClient().user.create({ data: { email: 'demo@example.com' } })\n`)
    pkgs.push(scripts)
  }
  put('package.json', JSON.stringify({
    name: 'bench-monorepo', private: true, packageManager: 'pnpm@9.12.0', workspaces: ['packages/*'],
    scripts: { 'build:all': 'pnpm -r run build', lint: 'pnpm -r --parallel run lint', release: 'run-s release:*', 'release:web': `pnpm --filter ${nameOf(SEEDING[4])} run build`, 'release:notes': 'changeset version' },
    devDependencies: { 'npm-run-all': '^4.1.5', typescript: '^5.9.0' },
  }, null, 2) + '\n', 'packageJson')
  put('pnpm-workspace.yaml', 'packages:\n  - packages/*\n')

  // shell lines a workflow or script may run; `has` keeps script names real (no unresolved noise)
  const has = (i, s) => s in pkgs[i]
  const shellLine = (ownIndex) => {
    const i = anyPkg()
    return pick([
      () => `pnpm --filter ${nameOf(i)} run build`,
      () => `pnpm --filter ./${dirOf(i)} run compile`,
      () => `(cd ${dirOf(i)} && npm run bundle)`,
      () => has(i, 'lint') ? `pnpm --filter ${nameOf(i)} run lint` : `echo "no lint in ${nameOf(i)}"`,
      () => `echo "::group::${nameOf(i)}"`,
      () => `du -sh ${dirOf(i)}/dist || true`,
      () => 'export NODE_OPTIONS=--max-old-space-size=4096',
      () => `if [ -n "\${CI:-}" ]; then\n  pnpm --filter ${nameOf(i)} run build\nfi`,
      () => `for f in ${dirOf(i)}/dist/*.js; do\n  gzip -kf "$f"\ndone`,
      () => {
        // scripts only call lower-numbered ones (no cycles), never the seeding route
        const callee = ownIndex > 0 && chance(0.5) ? int(0, ownIndex - 1) : ROUTE_SCRIPT
        return callee !== ROUTE_SCRIPT ? `bash ${scriptOf(callee)}` : 'git rev-parse --short HEAD'
      },
    ])()
  }
  for (let s = 0; s < N.scripts; s++) {
    const body = [`#!/usr/bin/env bash`, `# task ${s}: build and ship helper`, 'set -euo pipefail', `log() { echo "[task-${pad(s, 3)}] $*"; }`, 'log start']
    for (let k = int(3, 20); k > 0; k--) body.push(shellLine(s === ROUTE_SCRIPT ? 0 : s))
    if (s === ROUTE_SCRIPT) body.push(`pnpm --filter ./${dirOf(SEEDING[2])} run build`)
    body.push('log done')
    put(scriptOf(s), body.join('\n') + '\n', 'scripts')
    chmodSync(join(root, scriptOf(s)), 0o755)
  }

  // composite actions: a00 is the seeding route, the rest set up and build ordinary packages
  for (let a = 0; a < N.actions; a++) {
    const target = a === 0 ? nameOf(SEEDING[3]) : nameOf(anyPkg())
    const extra = a === 0 ? 'echo built' : chance(0.5) ? `bash ${scriptOf(anyScript())}` : `pnpm --filter ${nameOf(anyPkg())} run compile`
    put(`.github/actions/a${pad(a, 2)}/action.yml`, `name: Build a${pad(a, 2)}\ndescription: install and build a workspace package\nruns:\n  using: composite\n  steps:\n    - uses: pnpm/action-setup@v4\n    - uses: actions/setup-node@v4\n      with:\n        node-version: 20\n        cache: pnpm\n    - run: pnpm install --frozen-lockfile\n      shell: bash\n    - run: pnpm --filter ${target} run build\n      shell: bash\n    - run: ${extra}\n      shell: bash\n`, 'actions')
  }

  // workflows: one step is a YAML fragment at step indentation
  const step = ({ name, uses, run, wd, env, withs }) => {
    const head = name ? `      - name: ${name}\n        ` : '      - '
    const fields = []
    if (uses) fields.push(`uses: ${uses}`)
    if (withs) fields.push(`with:\n${Object.entries(withs).map(([k, v]) => `          ${k}: ${v}`).join('\n')}`)
    if (wd) fields.push(`working-directory: ${wd}`)
    if (env) fields.push(`env:\n${Object.entries(env).map(([k, v]) => `          ${k}: ${v}`).join('\n')}`)
    if (run !== undefined) fields.push(run.includes('\n') ? `run: |\n${run.split('\n').map((l) => `          ${l}`).join('\n')}` : `run: ${run}`)
    return head + fields.join('\n        ') + '\n'
  }
  const block = () => Array.from({ length: int(5, 20) }, () => shellLine(N.scripts)).join('\n')
  const setup = (node = '20') => step({ uses: 'actions/checkout@v4' }) + step({ uses: 'pnpm/action-setup@v4' }) + step({ uses: 'actions/setup-node@v4', withs: { 'node-version': node, cache: 'pnpm' } }) + step({ run: 'pnpm install --frozen-lockfile' })
  const push = 'on:\n  push:\n    branches: [main]\n  workflow_dispatch:\n'
  const vercel = (prod) => step({ name: 'Deploy', run: `npx vercel deploy${prod ? ' --prod' : ''} --yes --token \${{ secrets.VERCEL_TOKEN }}` })
  const job = (id, head, steps) => `jobs:\n  ${id}:\n    runs-on: ubuntu-latest\n${head}    steps:\n${steps}`
  const ROUTES = {
    100: () => push + job('deploy', '    environment: production\n', setup() + step({ name: 'Build', run: `pnpm --filter ${nameOf(SEEDING[0])} run build` }) + vercel(true)),
    300: () => push + job('deploy', '    environment: production\n', setup() + step({ name: 'Build', wd: dirOf(SEEDING[1]), run: 'npm run build' }) + vercel(true)),
    500: () => push + job('deploy', '    environment:\n      name: production\n      url: https://app.example.com\n', setup() + step({ name: 'Release', run: `bash ${scriptOf(ROUTE_SCRIPT)}` }) + vercel(true)),
    700: () => push + job('deploy', '    environment: production\n', step({ uses: 'actions/checkout@v4' }) + step({ uses: './.github/actions/a00' }) + vercel(true)),
    900: () => push + job('deploy', '    environment: production\n', setup() + step({ name: 'Release', run: 'npm run release' }) + vercel(true)),
  }
  const kinds = [
    [0.40, (i) => { // pull-request CI against a service postgres: seeds, but never production
      const wd = dirOf(i)
      return `on:\n  pull_request:\n    paths: ['${wd}/**']\n` + job('test', `    services:\n      postgres:\n        image: postgres:16\n        env:\n          POSTGRES_PASSWORD: postgres\n        ports: ['5432:5432']\n        options: --health-cmd pg_isready\n    env:\n      DATABASE_URL: postgresql://postgres:postgres@localhost:5432/test\n    strategy:\n      matrix:\n        node: [18, 20, 22]\n`,
        setup('${{ matrix.node }}') + (has(i, 'db:seed') ? step({ name: 'Seed', wd, run: 'npm run db:seed' }) : '') + step({ name: 'Test', wd, run: has(i, 'test') ? 'npm run test' : 'npm run build' }) + step({ name: 'Checks', run: block() }))
    }],
    [0.25, (i) => { // environment deploys; staging may seed, production only migrates
      const env = chance(0.5) ? 'production' : 'staging'
      const seed = env === 'staging' && has(i, 'db:seed') ? step({ name: 'Seed staging', run: `pnpm --filter ${nameOf(i)} run db:seed`, env: { DATABASE_URL: '${{ secrets.STAGING_DATABASE_URL }}' } }) : ''
      return push + `concurrency: deploy-${env}-${pad(i, 4)}\n` + job('deploy', `    environment: ${env}\n    env:\n      NODE_ENV: production\n`,
        setup() + step({ name: 'Build', run: `pnpm --filter ${nameOf(i)} run build` }) + step({ run: block() }) + step({ name: 'Migrate', wd: dirOf(i), run: 'npx prisma migrate deploy', env: { DATABASE_URL: '${{ secrets.DATABASE_URL }}' } }) + seed +
        (chance(0.5) ? step({ name: 'Ship', run: `bash ${scriptOf(anyScript())}` }) : '') + vercel(env === 'production'))
    }],
    [0.15, (i) => push + job('ship', '', setup() + step({ wd: dirOf(i), run: 'npm run build' }) + step({ wd: dirOf(i), run: 'vercel deploy --prod --yes --token ${{ secrets.VERCEL_TOKEN }}' }))],
    [0.10, () => { // matrix over packages, each combination its own context
      const list = Array.from({ length: int(2, 4) }, () => `p${pad(anyPkg(), 4)}`)
      return push + job('build', `    strategy:\n      fail-fast: false\n      matrix:\n        pkg: [${list.join(', ')}]\n    defaults:\n      run:\n        working-directory: packages/\${{ matrix.pkg }}\n`,
        setup() + step({ run: 'npm run build' }) + step({ run: 'aws s3 sync dist s3://bench-assets/${{ matrix.pkg }} --delete' }))
    }],
    [0.10, () => { // composite actions, in PR checks or in production deploys
      const uses = `./.github/actions/a${pad(int(1, N.actions - 1), 2)}`
      return chance(0.5) ? `on: [pull_request]\n` + job('check', '', step({ uses: 'actions/checkout@v4' }) + step({ uses }) + step({ run: block() }))
        : push + job('deploy', '    environment: production\n', step({ uses: 'actions/checkout@v4' }) + step({ uses }) + vercel(true))
    }],
  ]
  for (let w = 0; w < N.workflows; w++) {
    let r = rand()
    const make = ROUTES[w] ?? kinds.find(([p]) => (r -= p) < 0)?.[1] ?? kinds[0][1]
    put(`.github/workflows/w${pad(w, 4)}.yml`, `name: Workflow ${w}\n${make(anyPkg())}`, 'workflows')
  }
  // hosting platforms and images: every package of the first 400 deploys somewhere; release and
  // start commands only migrate (plus a dev-only seed compose file), so the 5 findings stay exact
  const platforms = [
    (d) => put(`${d}/fly.toml`, `app = "svc-${d.slice(-4)}"\n\n[deploy]\n  release_command = "npx prisma migrate deploy"\n\n[processes]\n  web = "node dist/index.js"\n`),
    (d) => put(`${d}/railway.json`, JSON.stringify({ build: { buildCommand: 'npm run compile' }, deploy: { preDeployCommand: ['npx prisma migrate deploy'], startCommand: 'node dist/index.js' } }, null, 2) + '\n'),
    (d) => put(`${d}/render.yaml`, `services:\n  - type: web\n    name: svc-${d.slice(-4)}\n    runtime: node\n    buildCommand: npm ci && npm run compile\n    preDeployCommand: npx prisma migrate deploy\n    startCommand: node dist/index.js\n`),
    (d) => put(`${d}/Procfile`, `release: npx prisma migrate deploy\nweb: node dist/index.js\nworker: node dist/worker.js\n`),
  ]
  for (let i = 0; i < N.platforms; i++) {
    if (seeding.has(i)) continue
    const d = dirOf(i)
    platforms[i % platforms.length](d)
    put(`${d}/Dockerfile`, `FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run compile\n\nFROM node:20-slim AS runner\nENV NODE_ENV=production\nWORKDIR /app\nCOPY --from=build /app/dist ./dist\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["node", "dist/index.js"]\n`)
    put(`${d}/docker-entrypoint.sh`, `#!/bin/sh\nset -e\nnpx prisma migrate deploy\nexec "$@"\n`)
    if (i % 10 === 0) put(`${d}/docker-compose.dev.yml`, `services:\n  app:\n    build: .\n    command: sh -c "npx prisma migrate dev && npx prisma db seed && npm run dev"\n  db:\n    image: postgres:16\n`)
  }
  put(STAMP, `${GENERATOR_VERSION}\n`)
  return { root, ...stats, files: stats.workflows + stats.actions + stats.packageJson + stats.scripts + stats.other }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now()
  const s = generate(process.argv[2] ?? DEFAULT_DIR)
  console.log(`generated ${s.root} in ${Math.round(performance.now() - started)} ms`)
  console.log(`  ${s.workflows} workflows, ${s.actions} composite actions, ${s.packageJson} package.json (${s.packageJson - 1} workspace packages + root), ${s.scripts} shell scripts, ${s.other} other files`)
  console.log(`  ${s.files} files, ${(s.bytes / 1024 / 1024).toFixed(2)} MiB written`)
}
