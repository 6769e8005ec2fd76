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
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

const args = process.argv.slice(2)
const flag = (name, fallback) => {
  const i = args.indexOf(name)
  return i < 0 ? fallback : args[i + 1]
}
const url = flag('--url', process.env.SEEDGUARD_TEST_POSTGRES_URL)
const sizes = flag('--rows', '1000000').split(',').map(Number)
const cmd = flag('--cmd', 'node dist/cli.js').split(' ')
const keep = args.includes('--keep')
const incremental = Number(flag('--incremental', 0))
const RUNS = 3
const FIRST = ['James', 'Mary', 'John', 'Jane', 'Sam', 'Samantha', 'Andrea', 'Andrew', 'Maria', 'Mohammed', 'Wei', 'Yuki', 'Olga', 'Priya', 'Carlos', 'Fatima', 'Noah', 'Emma', 'Liam', 'Sofia', 'Lucas', 'Chloe', 'Kwame', 'Aiko', 'Lars', 'Ines', 'Diego', 'Raj', 'Theo', 'Stacy', 'Dev', 'Nora', 'Max', 'Amelia', 'Omar', 'Anna', 'Peter', 'Demetrio', 'Tessa', 'Mei']
const LAST = ['Smith', 'Garcia', 'Tanaka', 'Nielsen', 'Haddad', 'Brown', 'Duarte', 'Mensah', 'Ivanova', 'Wei', 'Rossi', 'Khan', 'Muller', 'Patel', 'Martin', 'Lopez', 'Dubois', 'Nguyen', 'Kim', 'Cohen', 'Silva', 'Novak', 'Okafor', 'Larsen', 'Testa', 'Sampson', 'Fischer', 'Moreau', 'Singh', 'Walker']
const DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'proton.me', 'web.de', 'libero.it', 'acme-corp.com', 'university.edu', 'hey.com']
const sqlArray = (values) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
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

/** `count` people drawn as above, created at `time` (an SQL expression per row), ids from firstId + 1 in creation order */
function people(count, time, firstId) {
  return `SELECT ${firstId} + row_number() OVER (ORDER BY t) AS id, email, username, name, t AS "createdAt",
      CASE WHEN updated THEN t + random() * interval '30 days' ELSE t END AS "updatedAt"
    FROM (
      SELECT t, updated, first || ' ' || last AS name,
        lower(CASE shape WHEN 0 THEN first || '.' || last WHEN 1 THEN last || '.' || first WHEN 2 THEN left(first, 1) || last ELSE first || last END) || digits || '@' || domain AS email,
        lower(CASE shape WHEN 0 THEN first || '_' || last WHEN 1 THEN last || left(first, 1) ELSE first END) || digits || suffix AS username
      FROM (
        SELECT ${time} AS t, random() < 0.3 AS updated, floor(random() * 4)::int AS shape,
          (${sqlArray(FIRST)})[1 + floor(random() * ${FIRST.length})::int] AS first, (${sqlArray(LAST)})[1 + floor(random() * ${LAST.length})::int] AS last,
          (${sqlArray(DOMAINS)})[1 + floor(random() * ${DOMAINS.length})::int] AS domain,
          CASE WHEN random() < 0.5 THEN floor(random() * 2000)::text ELSE '' END AS digits,
          CASE WHEN random() < 0.1 THEN '_' || substr(md5(random()::text), 1, 4) ELSE '' END AS suffix
        FROM generate_series(1, ${count})
      ) AS drawn
    ) AS people`
}

function timed(command, argv) {
  return new Promise((resolve) => {
    const start = performance.now()
    const child = spawn(command, argv, { stdio: ['ignore', 'ignore', 'inherit'] })
    let rss = 0
    const sample = setInterval(() => {
      try {
        const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0)
        rss = Math.max(rss, kb)
      } catch {}
    }, 50)
    child.on('exit', (code) => {
      clearInterval(sample)
      resolve({ ms: performance.now() - start, rss, code })
    })
  })
}
