// What installing seedguard costs: `node bench/package.mjs [--tarball seedguard-x.tgz] [--runs 3]`
// (after `npm run build`). Packs the repository (or takes a tarball already packed), then installs
// it into an empty project, alternating with the install of a one-file package packed on the spot,
// each into its own empty project with its own empty npm cache: a first install on a CI runner,
// where every dependency is downloaded (and built) again. Reports the tarball's size, the install
// time of both and their ratio, the installed size and package count, and whether
// `npx --yes <tarball> check examples/demo` runs (it must find the demo's seed: exit 1).
// Always exits 0: it is a report; a missed target is printed, not thrown.
import { spawnSync } from 'node:child_process'
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const TARGET_SECONDS = 10
const TARGET_MB = 15
const args = process.argv.slice(2)
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback)
const runs = Number(flag('--runs', 3))
const base = mkdtempSync(join(tmpdir(), 'seedguard-bench-package-'))
let fresh = 0

/** a fresh process, timed; `cache` is npm's, empty unless given */
function run(cmd, cmdArgs, cwd, cache = join(base, `cache-${fresh++}`)) {
  const start = process.hrtime.bigint()
  const r = spawnSync(cmd, cmdArgs, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_cache: cache, npm_config_update_notifier: 'false' }, maxBuffer: 64 * 1024 * 1024 })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (r.error) throw new Error(`${cmd} ${cmdArgs.join(' ')}: ${r.error.message}`)
  return { ms, code: r.status, stdout: r.stdout, stderr: r.stderr }
}

function pack(dir) {
  const r = run('npm', ['pack', '--json', '--pack-destination', base], dir)
  if (r.code !== 0) throw new Error(`npm pack in ${dir} failed: ${r.stderr.slice(0, 2000)}`)
  const [info] = JSON.parse(r.stdout)
  return { file: join(base, info.filename), size: info.size, unpackedSize: info.unpackedSize }
}

/** a tarball packed elsewhere (an earlier build, to compare): its unpacked size is not known */
const packed = (file) => ({ file, size: lstatSync(file).size, unpackedSize: NaN })

/** bytes under `dir`, as du would count the files (links not followed) */
function bytes(dir) {
  return readdirSync(dir).reduce((sum, name) => {
    const stat = lstatSync(join(dir, name))
    return sum + (stat.isDirectory() ? bytes(join(dir, name)) : stat.size)
  }, 0)
}

function install(tarball, name) {
  const project = join(base, `${name}-${fresh}`)
  mkdirSync(project)
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'empty', version: '1.0.0', private: true }))
  const r = run('npm', ['install', '--no-audit', '--no-fund', tarball], project)
  if (r.code !== 0) throw new Error(`npm install ${tarball} failed: ${r.stderr.slice(0, 2000)}`)
  const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8'))
  const result = { ms: r.ms, bytes: bytes(join(project, 'node_modules')), packages: Object.keys(lock.packages).filter((p) => p).length }
  rmSync(project, { recursive: true, force: true })
  return result
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const mb = (n) => (n < 1e5 ? `${(n / 1e3).toFixed(1)} kB` : `${(n / 1e6).toFixed(2)} MB`)
const s = (ms) => `${(ms / 1000).toFixed(2)} s`

const loadBefore = loadavg()[0]
try {
  const seedguard = flag('--tarball') ? packed(resolve(flag('--tarball'))) : pack(REPO)
  const onefileDir = join(base, 'onefile')
  mkdirSync(onefileDir)
  writeFileSync(join(onefileDir, 'package.json'), JSON.stringify({ name: 'onefile', version: '1.0.0', main: 'index.js' }))
  writeFileSync(join(onefileDir, 'index.js'), 'module.exports = 42\n')
  const onefile = pack(onefileDir)

  const ours = []
  const theirs = []
  for (let i = 0; i < runs; i++) {
    theirs.push(install(onefile.file, 'onefile'))
    ours.push(install(seedguard.file, 'seedguard'))
  }
  // `./` as a user types it: npx takes an absolute path for an executable, not a package
  const npx = run('npx', ['--yes', `./${basename(seedguard.file)}`, 'check', join(REPO, 'examples/demo')], dirname(seedguard.file))

  const ms = median(ours.map((r) => r.ms))
  const baseline = median(theirs.map((r) => r.ms))
  const installed = ours[0].bytes
  const cpu = cpus()
  console.log(`
### Package benchmark

${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, npm ${run('npm', ['--version'], base).stdout.trim()}, ${process.platform}/${process.arch}, load average ${loadBefore.toFixed(2)} before / ${loadavg()[0].toFixed(2)} after

| | seedguard | one-file package | ratio |
|---|---:|---:|---:|
| tarball (\`npm pack\`) | ${mb(seedguard.size)}${Number.isNaN(seedguard.unpackedSize) ? '' : ` (${mb(seedguard.unpackedSize)} unpacked)`} | ${mb(onefile.size)} | |
| \`npm install <tarball>\` into an empty project, empty cache (median of ${runs}) | ${s(ms)} | ${s(baseline)} | ${(ms / baseline).toFixed(2)}× |
| installed (node_modules) | ${mb(installed)}, ${ours[0].packages} package${ours[0].packages === 1 ? '' : 's'} | ${mb(theirs[0].bytes)}, ${theirs[0].packages} package | |
| \`npx --yes <tarball> check examples/demo\` | ${s(npx.ms)}, exit ${npx.code} | | |

Reproduce: \`npm run build && node bench/package.mjs\`.
`)
  console.log(`target install < ${TARGET_SECONDS} s: ${ms < TARGET_SECONDS * 1000 ? 'MET' : 'MISSED'} (${s(ms)})`)
  console.log(`target installed < ${TARGET_MB} MB: ${installed < TARGET_MB * 1e6 ? 'MET' : 'MISSED'} (${mb(installed)})`)
  console.log(`npx check finds the demo's seed (exit 1): ${npx.code === 1 && npx.stdout.includes('seed-in-production') ? 'YES' : `NO: ${(npx.stderr || npx.stdout).slice(0, 500)}`}`)
  if (loadBefore > cpu.length / 2) console.log(`warning: the machine was busy before the start (load average ${loadBefore.toFixed(2)}); rerun on an idle machine`)
} catch (error) {
  console.log(`ERROR: ${error.message}`)
}
rmSync(base, { recursive: true, force: true })
