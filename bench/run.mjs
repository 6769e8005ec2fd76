// The benchmark the performance issue asks for: `node bench/run.mjs [monorepo-dir] [--cli <cli.js>]`.
// Times the CLI as users run it (a fresh process each time), so start-up counts too. On the monorepo
// it also times the parse-only floor (bench/parse-floor.mjs: list, read and parse the same files with
// the same parsers, nothing else) in the same way, interleaved with the check, and compares the two.
// Always exits 0: it is a report; missed targets and wrong findings are printed, not thrown.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'
import { BUNDLE_OPTIONS } from '../scripts/build-cli.mjs'
import { DEFAULT_DIR, EXPECTED_FINDING_FILES, generate, isCurrent } from './generate.mjs'

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const REPORT_USAGE = join(REPO, 'bench/report-usage.cjs')
const DEMO = 'examples/demo'
const MONOREPO_RUNS = 5
const SMALL_RUNS = 20
const MONOREPO_TARGET_MS = 2000
const FLOOR_TARGET_RATIO = 2
const SMALL_TARGET_RATIO = 2

const { values: options, positionals } = parseArgs({ allowPositionals: true, options: { cli: { type: 'string' } } })
// another build than dist/ (one built outside the checkout, or the previous release) with --cli
const CLI = resolve(options.cli ?? join(REPO, 'dist/cli.js'))
const dir = resolve(positionals[0] ?? DEFAULT_DIR)
if (!existsSync(CLI)) {
  console.log(`ERROR: ${relative(REPO, CLI)} is missing; run \`npm run build\` first`)
  process.exit(0)
}
if (!isCurrent(dir)) {
  const started = performance.now()
  const s = generate(dir)
  console.log(`generated ${s.root}: ${s.workflows} workflows, ${s.actions} composite actions, ${s.packageJson} package.json, ${s.scripts} shell scripts, ${s.files} files, ${(s.bytes / 1048576).toFixed(2)} MiB in ${Math.round(performance.now() - started)} ms`)
}

/**
 * The parse-only floor, bundled as the CLI is: loading its parsers unbundled from node_modules costs
 * about twice the start-up, which would raise the floor and flatter the ratio.
 */
async function bundleFloor(outdir) {
  const outfile = join(outdir, 'parse-floor.mjs')
  await build({
    ...BUNDLE_OPTIONS,
    entryPoints: [join(REPO, 'bench/parse-floor.mjs')],
    outfile,
    format: 'esm',
    // bundled CommonJS dependencies call require() for Node built-ins
    banner: { js: 'import { createRequire as __floorRequire } from "node:module"; const require = __floorRequire(import.meta.url);' },
  })
  return outfile
}

/** One fresh process, timed from spawn to exit (what a CI step waits for). */
function timed(args) {
  const start = process.hrtime.bigint()
  const result = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  // seedguard exits 1 when it finds something: only 2, a signal or a spawn error is a failure
  if (result.error || result.signal || (result.status !== 0 && result.status !== 1)) {
    throw new Error(`node ${args.join(' ')} failed (status ${result.status}, signal ${result.signal}): ${result.error?.message ?? result.stderr.slice(0, 2000)}`)
  }
  return { ms, stdout: result.stdout, stderr: result.stderr }
}

/** timed, with the process's own CPU time and peak memory (bench/report-usage.cjs) */
function timedWithUsage(args) {
  const run = timed(['-r', REPORT_USAGE, ...args])
  const usage = [...run.stderr.matchAll(/^bench-usage (\S+) (\d+)$/gm)].at(-1)
  if (!usage) throw new Error(`node ${args.join(' ')} did not report its resource usage`)
  return { ...run, cpuMs: Number(usage[1]), maxRssKiB: Number(usage[2]) }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const fmt = (ms) => `${Math.round(ms).toLocaleString('en-US')} ms`
const verdict = (ok) => (ok ? 'met' : '**MISSED**')

function benchMonorepo(floorScript) {
  const check = [CLI, 'check', dir, '--format', 'json']
  const floor = [floorScript, dir]
  // warm-up: page cache and V8's code cache, as on a CI runner's second step
  timed(check)
  timed(floor)
  const runs = []
  const floorRuns = []
  let report
  let floorCounts
  // interleaved (check, floor, check, …) so a slow patch of the machine hits both sides alike
  for (let i = 0; i < MONOREPO_RUNS; i++) {
    const c = timedWithUsage(check)
    runs.push(c)
    report = JSON.parse(c.stdout)
    const f = timedWithUsage(floor)
    floorRuns.push(f)
    floorCounts = JSON.parse(f.stdout)
  }
  return { runs, floorRuns, report, floorCounts }
}

function benchSmall() {
  const check = [CLI, 'check', DEMO]
  const empty = ['-e', '0']
  for (let i = 0; i < 3; i++) { timed(check); timed(empty) }
  const checkRuns = []
  const emptyRuns = []
  // interleaved so a slow patch of the machine hits both sides alike
  for (let i = 0; i < SMALL_RUNS; i++) {
    checkRuns.push(timed(check).ms)
    emptyRuns.push(timed(empty).ms)
  }
  return { checkRuns, emptyRuns }
}

/** The five seeding packages must come out as errors, and nothing else should. */
function checkFindings(findings) {
  const errors = findings.filter((f) => f.ruleId === 'seed-in-production')
  const found = new Set(errors.map((f) => f.file))
  const missing = EXPECTED_FINDING_FILES.filter((f) => !found.has(f))
  const unexpected = findings.filter((f) => !(f.ruleId === 'seed-in-production' && EXPECTED_FINDING_FILES.includes(f.file)))
  return { ok: missing.length === 0 && unexpected.length === 0, missing, unexpected }
}

// wall times on a shared machine mean little without knowing what else was running
const loadBefore = loadavg()[0]
let mono
let small
const floorDir = mkdtempSync(join(tmpdir(), 'seedguard-parse-floor-'))
let failure
try {
  mono = benchMonorepo(await bundleFloor(floorDir))
  small = benchSmall()
} catch (error) {
  failure = error
} finally {
  rmSync(floorDir, { recursive: true, force: true })
}
if (failure) {
  console.log(`ERROR: ${failure.message}`)
  console.log('If dist/cli.js was being rebuilt meanwhile, rerun `node bench/run.mjs`.')
  process.exit(0)
}

const { stats, findings } = mono.report
const monoMedian = median(mono.runs.map((r) => r.ms))
const monoCpu = median(mono.runs.map((r) => r.cpuMs))
const floorMedian = median(mono.floorRuns.map((r) => r.ms))
const floorCpu = median(mono.floorRuns.map((r) => r.cpuMs))
const floorRatio = monoMedian / floorMedian
const floorCpuRatio = monoCpu / floorCpu
const peakMiB = (runs) => `${Math.round(Math.max(...runs.map((r) => r.maxRssKiB)) / 1024)} MiB`
const { floorCounts } = mono
const filesPerSecond = stats.files / (monoMedian / 1000)
const smallMedian = median(small.checkRuns)
const emptyMedian = median(small.emptyRuns)
const ratio = smallMedian / emptyMedian
const expected = checkFindings(findings)
const bySeverity = (s) => findings.filter((f) => f.severity === s).length
const cpu = cpus()

console.log(`
### Benchmark

${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, ${process.platform}/${process.arch}, load average ${loadBefore.toFixed(2)} before / ${loadavg()[0].toFixed(2)} after

| case | runs | min | median | target | result |
|---|---:|---:|---:|---|---|
| monorepo: 1,000 workflows, 2,000 packages, 200 scripts, 400 deploy configs + Dockerfiles (${stats.files.toLocaleString('en-US')} files) | ${MONOREPO_RUNS} | ${fmt(Math.min(...mono.runs.map((r) => r.ms)))} | ${fmt(monoMedian)} | < ${fmt(MONOREPO_TARGET_MS)} | ${verdict(monoMedian < MONOREPO_TARGET_MS)} |
| monorepo, parse-only floor: \`bench/parse-floor.mjs\`, same tree, interleaved with the check | ${MONOREPO_RUNS} | ${fmt(Math.min(...mono.floorRuns.map((r) => r.ms)))} | ${fmt(floorMedian)} | check ≤ ${FLOOR_TARGET_RATIO}× floor | ${floorRatio.toFixed(2)}× wall, ${floorCpuRatio.toFixed(2)}× CPU, ${verdict(floorRatio <= FLOOR_TARGET_RATIO)} |
| small repo: \`check ${DEMO}\` | ${SMALL_RUNS} | ${fmt(Math.min(...small.checkRuns))} | ${fmt(smallMedian)} | < ${SMALL_TARGET_RATIO}× \`node -e 0\` | ${ratio.toFixed(2)}×, ${verdict(ratio < SMALL_TARGET_RATIO)} |
| baseline: \`node -e 0\` | ${SMALL_RUNS} | ${fmt(Math.min(...small.emptyRuns))} | ${fmt(emptyMedian)} | | |

Monorepo: ${Math.round(filesPerSecond).toLocaleString('en-US')} files/s (median wall), ${stats.contexts.toLocaleString('en-US')} contexts (${stats.productionContexts} production), ${findings.length} findings (${bySeverity('error')} errors, ${bySeverity('warning')} warnings), in-process \`durationMs\` ${fmt(stats.durationMs)} (last run).
Monorepo runs: ${mono.runs.map((r) => Math.round(r.ms)).join(', ')} ms wall; CPU median ${fmt(monoCpu)}, peak RSS ${peakMiB(mono.runs)}.
Parse-only floor runs: ${mono.floorRuns.map((r) => Math.round(r.ms)).join(', ')} ms wall (check/floor per pair: ${mono.runs.map((r, i) => (r.ms / mono.floorRuns[i].ms).toFixed(2)).join(', ')}); CPU median ${fmt(floorCpu)}, peak RSS ${peakMiB(mono.floorRuns)}; listed ${floorCounts.files.toLocaleString('en-US')} files, read and parsed ${floorCounts.read.toLocaleString('en-US')} (${floorCounts.yaml} YAML, ${floorCounts.json} JSON, ${floorCounts.toml} TOML, ${floorCounts.procfile} Procfiles, ${floorCounts.dockerfile} Dockerfiles, ${floorCounts.shell} shell scripts), ${floorCounts.shellTexts.toLocaleString('en-US')} shell texts, ${floorCounts.parseErrors} parse errors.

Reproduce: \`npm run build && node bench/run.mjs\` (check and parse-only floor; the tree is generated by \`node bench/generate.mjs ${dir}\` when missing).
`)
console.log(`target monorepo < ${MONOREPO_TARGET_MS} ms: ${monoMedian < MONOREPO_TARGET_MS ? 'MET' : 'MISSED'} (median ${Math.round(monoMedian)} ms)`)
console.log(`target monorepo check ≤ ${FLOOR_TARGET_RATIO}× parse-only floor: ${floorRatio <= FLOOR_TARGET_RATIO ? 'MET' : 'MISSED'} (${floorRatio.toFixed(2)}× wall: ${Math.round(monoMedian)} ms vs ${Math.round(floorMedian)} ms; ${floorCpuRatio.toFixed(2)}× CPU: ${Math.round(monoCpu)} ms vs ${Math.round(floorCpu)} ms)`)
if (floorCounts.files !== stats.files) console.log(`warning: the floor listed ${floorCounts.files} files, the check ${stats.files}: they did not see the same tree`)
if (floorCounts.parseErrors > 0) console.log(`warning: the floor met ${floorCounts.parseErrors} parse errors in the generated tree, which parses cleanly`)
console.log(`target small repo < ${SMALL_TARGET_RATIO}× node -e 0: ${ratio < SMALL_TARGET_RATIO ? 'MET' : 'MISSED'} (${ratio.toFixed(2)}×: ${Math.round(smallMedian)} ms vs ${Math.round(emptyMedian)} ms)`)
// only the load before the start: the benchmark itself keeps one core busy
if (loadBefore > cpu.length / 2) console.log(`warning: the machine was busy before the start (load average ${loadBefore.toFixed(2)}); wall times are inflated, rerun on an idle machine`)
if (expected.ok) console.log(`findings: OK, exactly the ${EXPECTED_FINDING_FILES.length} expected seed-in-production errors`)
else {
  console.log(`findings: WRONG. missing: ${expected.missing.join(', ') || 'none'}; unexpected: ${expected.unexpected.length}`)
  for (const f of expected.unexpected.slice(0, 10)) console.log(`  ${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.message.slice(0, 160)}`)
}
