#!/usr/bin/env node
// seedguard verify on a big user table in local PostgreSQL, next to the cleanup guide's naive query.
//
//   node bench/verify.mjs --url postgres://user:pass@127.0.0.1:5432/db [--rows 1000000,10000000] [--cmd "node dist/cli.js"] [--keep] [--incremental 10000]
//
// Builds "User"(id, email, username, name, createdAt, updatedAt) in a schema of its own with
// generate_series: 100,000 organic sign-ups a day (10M rows span 100 days), ids in creation order,
// people drawn from common first and last names (john, sam, andrea: names that share letters with
// demo words), mailboxes in the shapes people pick, half of them with digits, 30 % updated later.
// VACUUM ANALYZE, as a production table is, then the naive same-second query and
// `<cmd> verify --db <url> --schema <schema> --format json`, each the median of three warm runs, with
// the verifier's peak resident memory (from /proc of the child, sampled). Aggregation happens in the
// database, so memory should stay flat as rows grow.
//
// --incremental N: the table also gets an index on "createdAt" (as the README asks of a monitored
// table); a run with --state records where it ends, N sign-ups arrive after it (about the next
// 2.4 hours at this rate, for N = 10,000), and `verify --since <state>` is timed next to the full
// verify, median of three, with the rows it read (pg_stat_user_tables: seq_tup_read, idx_tup_fetch).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { flag, median, people, timed } from './pg-people.mjs'

const args = process.argv.slice(2)
const url = flag('--url', process.env.SEEDGUARD_TEST_POSTGRES_URL)
const sizes = flag('--rows', '1000000').split(',').map(Number)
const cmd = flag('--cmd', 'node dist/cli.js').split(' ')
const keep = args.includes('--keep')
const incremental = Number(flag('--incremental', 0))
const RUNS = 3
if (!url) {
  console.error('usage: bench/verify.mjs --url postgres://… [--rows 1000000,10000000] [--cmd "node dist/cli.js"]')
  process.exit(2)
}

const client = new pg.Client({ connectionString: url })
await client.connect()
for (const rows of sizes) {
  const schema = `sg_bench_${rows}`
  const t0 = performance.now()
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`)
  const days = rows / 100_000
  await client.query(`CREATE TABLE ${schema}."User" AS ${people(rows, `timestamp '2026-11-20' - (random() * interval '1 day' * ${days})`, 0)}`)
  await client.query(`ALTER TABLE ${schema}."User" ADD PRIMARY KEY (id)`)
  if (incremental) await client.query(`CREATE INDEX ON ${schema}."User" ("createdAt")`)
  await client.query(`VACUUM ANALYZE ${schema}."User"`)
  const build = performance.now() - t0
  const naiveRuns = []
  for (let i = 0; i < RUNS; i++) {
    const n0 = performance.now()
    await client.query(`SELECT date_trunc('second', "createdAt"), count(*) FROM ${schema}."User" GROUP BY 1 HAVING count(*) > 1`)
    naiveRuns.push(performance.now() - n0)
  }
  const verifyRuns = []
  for (let i = 0; i < RUNS; i++) verifyRuns.push(await timed(cmd[0], [...cmd.slice(1), 'verify', '--db', url, '--schema', schema, '--format', 'json']))
  const naive = median(naiveRuns)
  const ms = median(verifyRuns.map((r) => r.ms))
  const rss = Math.max(...verifyRuns.map((r) => r.rss))
  const codes = [...new Set(verifyRuns.map((r) => r.code))].join(',')
  console.log(`${rows.toLocaleString('en-US')} rows (built in ${(build / 1000).toFixed(1)} s): naive ${(naive / 1000).toFixed(2)} s, verify ${(ms / 1000).toFixed(2)} s (${(ms / naive).toFixed(1)}×), exit ${codes}, peak RSS ${Math.round(rss / 1024)} MiB`)
  if (incremental) await benchIncremental(schema, ms)
  if (keep) console.log(`kept schema ${schema}`)
  else await client.query(`DROP SCHEMA ${schema} CASCADE`)
}
await client.end()

/** where a --state run ends, `incremental` sign-ups after it, then `verify --since` against the full run's `full` ms */
async function benchIncremental(schema, full) {
  const dir = mkdtempSync(join(tmpdir(), 'seedguard-bench-'))
  const state = join(dir, 'state.json')
  const tracked = await timed(cmd[0], [...cmd.slice(1), 'verify', '--db', url, '--schema', schema, '--format', 'json', '--state', state])
  const [{ max }] = (await client.query(`SELECT max(id) AS max FROM ${schema}."User"`)).rows
  // sign-ups at the table's own rate (100,000 a day) from where it ends
  await client.query(`INSERT INTO ${schema}."User" ${people(incremental, `timestamp '2026-11-20' + random() * interval '1 day' * ${incremental / 100_000}`, Number(max))}`)
  await client.query(`ANALYZE ${schema}."User"`)
  const read = async () => (await client.query(`SELECT seq_tup_read::int8 AS seq, coalesce(idx_tup_fetch, 0)::int8 AS idx FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'User'`, [schema])).rows[0]
  const runs = []
  let reads
  for (let i = 0; i < RUNS; i++) {
    const before = await read()
    // written elsewhere: each run starts from the same watermark
    runs.push(await timed(cmd[0], [...cmd.slice(1), 'verify', '--db', url, '--schema', schema, '--format', 'json', '--since', state, '--state', join(dir, 'next.json')]))
    // a backend's table statistics reach the view when it ends, within a second
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const after = await read()
    reads = { seq: Number(after.seq) - Number(before.seq), idx: Number(after.idx) - Number(before.idx) }
  }
  const ms = median(runs.map((r) => r.ms))
  const codes = [...new Set(runs.map((r) => r.code))].join(',')
  console.log(`  verify --state (full run + watermark) ${(tracked.ms / 1000).toFixed(2)} s; ${incremental.toLocaleString('en-US')} new rows: verify --since ${(ms / 1000).toFixed(2)} s vs full ${(full / 1000).toFixed(2)} s (${(full / ms).toFixed(0)}× faster), exit ${codes}, peak RSS ${Math.round(Math.max(...runs.map((r) => r.rss)) / 1024)} MiB; rows read by the last run: ${reads.seq.toLocaleString('en-US')} by scans, ${reads.idx.toLocaleString('en-US')} through indexes`)
}
