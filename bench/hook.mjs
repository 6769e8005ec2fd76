// What the pre-push hook adds to a `git push`: `node bench/hook.mjs` (after `npm run build`).
// Each case pushes to a local bare remote, alternating pushes with the hook (installed by
// `seedguard init`) and with `--no-verify`, and reports the difference of the medians.
// Always exits 0: it is a report; a missed target is printed, not thrown.
import { spawnSync } from 'node:child_process'
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { EXPECTED_FINDING_FILES, generate } from './generate.mjs'

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SMALL_TARGET_MS = 150
const base = mkdtempSync(join(tmpdir(), 'seedguard-bench-hook-'))
const home = join(base, 'home')
mkdirSync(home)
writeFileSync(join(home, '.gitconfig'), '')
// no global config (a developer's core.hooksPath would take the hook away), a fixed identity
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_'))),
  HOME: home,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: join(home, '.gitconfig'),
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@seedguard.invalid',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@seedguard.invalid',
}

function run(cmd, args, cwd) {
  const start = process.hrtime.bigint()
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (r.error || r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.error?.message ?? (r.stderr + r.stdout).slice(0, 3000)}`)
  return ms
}
const git = (cwd, ...args) => run('git', args, cwd)

/** A clone with a bare origin, seedguard installed as npm would (node_modules/.bin → the package's cli.js), and the hook from `seedguard init`. */
function setUp(name, fill) {
  const work = join(base, name)
  const remote = join(base, `${name}.git`)
  git(base, '-c', 'init.defaultBranch=main', 'init', '-q', '--bare', remote)
  mkdirSync(work, { recursive: true })
  fill(work)
  git(work, '-c', 'init.defaultBranch=main', 'init', '-q')
  git(work, 'remote', 'add', 'origin', remote)
  // a copy of dist/: a rebuild during the benchmark must not change what is timed
  const pkg = join(work, 'node_modules/seedguard')
  cpSync(join(REPO, 'dist'), join(pkg, 'dist'), { recursive: true })
  chmodSync(join(pkg, 'dist/cli.js'), 0o755)
  mkdirSync(join(work, 'node_modules/.bin'))
  symlinkSync('../seedguard/dist/cli.js', join(work, 'node_modules/.bin/seedguard'))
  writeFileSync(join(work, '.gitignore'), 'node_modules/\n')
  git(work, 'add', '-A')
  git(work, 'commit', '-q', '-m', 'initial')
  // the plain git hook: what is timed is seedguard, not whether husky is installed yet
  run(process.execPath, [join(pkg, 'dist/cli.js'), 'init', '--no-husky'], work)
  git(work, 'push', '-q', '--no-verify', 'origin', 'main')
  return work
}

/** `commits` new commits (each editing `file`), then one timed push. */
function timedPush(work, file, commits, hook) {
  for (let i = 0; i < commits; i++) {
    writeFileSync(join(work, file), `${file.endsWith('.json') ? JSON.stringify({ name: 'bench-edit', version: `0.0.${Math.random()}`.replace('0.', ''), private: true }) : Math.random()}\n`)
    git(work, 'commit', '-q', '-am', `edit ${i}`)
  }
  return git(work, 'push', '-q', ...(hook ? [] : ['--no-verify']), 'origin', 'main')
}

function bench(work, { file, commits, runs }) {
  timedPush(work, file, commits, true) // warm-up: page cache, V8's code cache
  timedPush(work, file, commits, false)
  const withHook = []
  const without = []
  // interleaved so a slow patch of the machine hits both sides alike
  for (let i = 0; i < runs; i++) {
    withHook.push(timedPush(work, file, commits, true))
    without.push(timedPush(work, file, commits, false))
  }
  return { withHook, without, runs }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const fmt = (ms) => `${Math.round(ms).toLocaleString('en-US')} ms`

if (!existsSync(join(REPO, 'dist/cli.js'))) {
  console.log('ERROR: dist/cli.js is missing; run `npm run build` first')
  process.exit(0)
}
const loadBefore = loadavg()[0]
const rows = []
const floor = { node: 0, version: 0 }
try {
  const small = setUp('small', (dir) => {
    mkdirSync(join(dir, '.github/workflows'), { recursive: true })
    mkdirSync(join(dir, 'prisma'))
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'shop', private: true, scripts: { build: 'prisma generate && next build', 'db:seed': 'tsx prisma/seed.ts' }, prisma: { seed: 'tsx prisma/seed.ts' } }, null, 2)}\n`)
    writeFileSync(join(dir, '.github/workflows/deploy.yml'), 'name: Deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    environment: production\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npx prisma migrate deploy\n      - run: npm run build\n')
    writeFileSync(join(dir, 'prisma/seed.ts'), "import { PrismaClient } from '@prisma/client'\n")
    writeFileSync(join(dir, 'README.md'), '# shop\n')
  })
  rows.push({ name: 'small repo (5 files), 1 commit', target: true, ...bench(small, { file: 'README.md', commits: 1, runs: 15 }) })
  rows.push({ name: 'small repo, 10 commits, each changing package.json', ...bench(small, { file: 'package.json', commits: 10, runs: 7 }) })
  // the floor under any Node hook: starting node, and loading the bundle without checking anything
  floor.node = median(Array.from({ length: 15 }, () => run(process.execPath, ['-e', '0'], small)))
  floor.version = median(Array.from({ length: 15 }, () => run(join(small, 'node_modules/.bin/seedguard'), ['--version'], small)))

  const mono = setUp('monorepo', (dir) => {
    generate(dir)
    writeFileSync(join(dir, 'README.md'), '# monorepo\n')
    // the generator plants five known seeds; allowed here so the timed pushes go through
    writeFileSync(join(dir, '.seedguard.yml'), `allow:\n${EXPECTED_FINDING_FILES.map((f) => `  - { file: ${f}, rule: seed-in-production, reason: planted by bench/generate.mjs }\n`).join('')}`)
  })
  rows.push({ name: 'monorepo (5,839 files), 1 commit', ...bench(mono, { file: 'README.md', commits: 1, runs: 5 }) })
  rows.push({ name: 'monorepo, 3 commits, each changing a package.json', ...bench(mono, { file: 'packages/p0001/package.json', commits: 3, runs: 3 }) })
} catch (error) {
  console.log(`ERROR: ${error.message}`)
  rmSync(base, { recursive: true, force: true })
  process.exit(0)
}
rmSync(base, { recursive: true, force: true })

const cpu = cpus()
const small = rows[0]
const added = (r) => median(r.withHook) - median(r.without)
console.log(`
### Pre-push hook benchmark

${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, git ${spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout.trim().replace('git version ', '')}, ${process.platform}/${process.arch}, load average ${loadBefore.toFixed(2)} before / ${loadavg()[0].toFixed(2)} after

| case | runs | \`git push --no-verify\` | \`git push\` with the hook | added by the hook | target |
|---|---:|---:|---:|---:|---|
${rows.map((r) => `| ${r.name} | ${r.runs} | ${fmt(median(r.without))} | ${fmt(median(r.withHook))} | **${fmt(added(r))}** | ${r.target ? `< ${SMALL_TARGET_MS} ms: ${added(r) < SMALL_TARGET_MS ? 'met' : '**MISSED**'}` : ''} |`).join('\n')}

Of the small repository's added time, ${fmt(floor.node)} is starting node (\`node -e 0\`) and ${fmt(floor.version - floor.node)} more is loading the bundle (\`seedguard --version\` takes ${fmt(floor.version)}); the rest is reading git and checking.
Medians of pushes to a local bare remote, each after new commits; the hook was installed by \`seedguard init\` and runs \`node_modules/.bin/seedguard\` (a copy of dist/).
Reproduce: \`npm run build && node bench/hook.mjs\`.
`)
console.log(`target small repo < ${SMALL_TARGET_MS} ms added: ${added(small) < SMALL_TARGET_MS ? 'MET' : 'MISSED'} (${Math.round(added(small))} ms)`)
if (loadBefore > cpu.length / 2) console.log(`warning: the machine was busy before the start (load average ${loadBefore.toFixed(2)}); rerun on an idle machine`)
