#!/usr/bin/env node
// seedguard verify on a big user table in local PostgreSQL, next to the cleanup guide's naive query.
//
//   node bench/verify.mjs --url postgres://user:pass@127.0.0.1:5432/db [--rows 1000000,10000000] [--cmd "node dist/cli.js"]
//
// Builds "User"(id, email, username, name, createdAt, updatedAt) in a schema of its own with
// generate_series (100,000 organic sign-ups a day, so 10M rows span 100 days; ids in creation order), ANALYZEs it, then
// times the naive same-second query and `<cmd> verify --db <url> --schema <schema> --format json`,
// with the verifier's peak resident memory (from /proc of the child, sampled). Aggregation happens in
// the database, so memory should stay flat as rows grow.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import pg from 'pg'

const args = process.argv.slice(2)
const flag = (name, fallback) => {
  const i = args.indexOf(name)
  return i < 0 ? fallback : args[i + 1]
}
const url = flag('--url', process.env.SEEDGUARD_TEST_POSTGRES_URL)
const sizes = flag('--rows', '1000000').split(',').map(Number)
const cmd = flag('--cmd', 'node dist/cli.js').split(' ')
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
  await client.query(`CREATE TABLE ${schema}."User" AS
    SELECT row_number() OVER (ORDER BY t) AS id, 'person' || g || '.real@gmail.com' AS email, 'person_' || g AS username, 'Person ' || g AS name,
      t AS "createdAt", t AS "updatedAt"
    FROM (SELECT g, timestamp '2026-11-20' - (random() * interval '1 day' * ${days}) AS t FROM generate_series(1, ${rows}) AS g) AS x`)
  await client.query(`ALTER TABLE ${schema}."User" ADD PRIMARY KEY (id); ANALYZE ${schema}."User"`)
  const build = performance.now() - t0
  const n0 = performance.now()
  await client.query(`SELECT date_trunc('second', "createdAt"), count(*) FROM ${schema}."User" GROUP BY 1 HAVING count(*) > 1`)
  const naive = performance.now() - n0
  const { ms, rss, code } = await timed(cmd[0], [...cmd.slice(1), 'verify', '--db', url, '--schema', schema, '--format', 'json'])
  console.log(`${rows.toLocaleString('en-US')} rows (built in ${(build / 1000).toFixed(1)} s): naive ${(naive / 1000).toFixed(2)} s, verify ${(ms / 1000).toFixed(2)} s (${(ms / naive).toFixed(1)}×), exit ${code}, peak RSS ${Math.round(rss / 1024)} MiB`)
  await client.query(`DROP SCHEMA ${schema} CASCADE`)
}
await client.end()

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
