#!/usr/bin/env node
// seedguard cleanup and restore on a large PostgreSQL database: seeded rows among a million organic.
//
//   node bench/cleanup.mjs --url postgres://user:pass@127.0.0.1:5432/db [--organic 1000000] [--seeded 10000,100000] [--cmd "node dist/cli.js"] [--keep] [--no-fk-index]
//
// Builds the cleanup guide's schema ("Admin", "User", "Session", "Payment", "Report"; children
// reference "User" ON DELETE RESTRICT, as Prisma lays them out) in a schema of its own per size:
// `--organic` sign-ups at 100,000 a day with one session each, a payment for one in five and a
// report for one in twenty; then the seed: `--seeded` users user1@test.com… inserted by a
// createMany at 2,000 rows a second, each with a session, a payment for one in four and a report
// for one in ten, and a seeded admin beside the real one. The children's `userId` columns are
// indexed, as the plan recommends (`--no-fk-index` leaves them bare). VACUUM ANALYZE, then times as fresh
// processes `cleanup --plan`, `cleanup --apply <hash> --archive`, `verify` (expected clean) and
// `restore`, each with its peak resident memory, and checks that restore brought back every row
// (counts and a digest of every table). Several --seeded sizes show whether memory stays flat as
// the rows deleted grow.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { flag, people, timed } from './pg-people.mjs'

const args = process.argv.slice(2)
const url = flag('--url', process.env.SEEDGUARD_TEST_POSTGRES_URL)
const organic = Number(flag('--organic', '1000000'))
const sizes = flag('--seeded', '10000,100000').split(',').map(Number)
const cmd = flag('--cmd', 'node dist/cli.js').split(' ')
const keep = args.includes('--keep')
const indexed = !args.includes('--no-fk-index')
if (!url) {
  console.error('usage: bench/cleanup.mjs --url postgres://… [--organic 1000000] [--seeded 10000,100000] [--cmd "node dist/cli.js"]')
  process.exit(2)
}
const TABLES = ['Admin', 'User', 'Session', 'Payment', 'Report']
const mib = (kib) => `${Math.round(kib / 1024)} MiB`
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`

const client = new pg.Client({ connectionString: url })
await client.connect()
const dir = mkdtempSync(join(tmpdir(), 'seedguard-bench-cleanup-'))
try {
  for (const seeded of sizes) {
    const schema = `sg_cleanup_${seeded}`
    const t0 = performance.now()
    await build(schema, seeded)
    const built = performance.now() - t0
    const before = await snapshot(schema)
    const db = ['--db', url, '--schema', schema]
    const plan = await run(['cleanup', ...db, '--plan', '--format', 'json'], 0)
    const hash = JSON.parse(plan.stdout).hash
    const archive = join(dir, `${schema}.jsonl`)
    const apply = await run(['cleanup', ...db, '--apply', hash, '--archive', archive], 0)
    const after = await snapshot(schema)
    const verify = await run(['verify', ...db, '--format', 'json'], 0, 1)
    const restore = await run(['restore', '--db', url, archive], 0)
    const restored = await snapshot(schema)
    const removed = TABLES.map((t) => `${t} −${(before.counts[t] - after.counts[t]).toLocaleString('en-US')}`).join(', ')
    const same = restored.digest === before.digest
    console.log(`${organic.toLocaleString('en-US')} organic users + ${seeded.toLocaleString('en-US')} seeded (built in ${secs(built)}): ${removed}`)
    console.log(`  plan ${secs(plan.ms)} (${mib(plan.rss)}), apply ${secs(apply.ms)} (${mib(apply.rss)}, archive ${(statSync(archive).size / 1048576).toFixed(0)} MiB), verify after: ${JSON.parse(verify.stdout).verdict}, restore ${secs(restore.ms)} (${mib(restore.rss)}): ${same ? 'every row back' : 'ROWS DIFFER'}`)
    if (keep) console.log(`  kept schema ${schema}`)
    else await client.query(`DROP SCHEMA ${schema} CASCADE`)
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
  await client.end()
}

/** the command as a fresh process; its exit code must be one of `codes` */
async function run(argv, ...codes) {
  const result = await timed(cmd[0], [...cmd.slice(1), ...argv], { capture: true })
  if (!codes.includes(result.code)) throw new Error(`${argv.slice(0, 2).join(' ')} exited ${result.code}: ${result.stderr ?? ''}`)
  return result
}

async function build(schema, seeded) {
  const q = (sql) => client.query(sql)
  await q(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}; SET search_path = ${schema}`)
  await q(`CREATE TABLE "Admin" (id serial PRIMARY KEY, email text NOT NULL, name text, "createdAt" timestamp(3) NOT NULL DEFAULT now())`)
  await q(`CREATE TABLE "User" AS ${people(organic, `timestamp '2026-11-20' - (random() * interval '1 day' * ${organic / 100_000})`, 0)}`)
  await q(`ALTER TABLE "User" ADD PRIMARY KEY (id)`)
  // the seed: a createMany of user<n>@test.com at 2,000 rows a second, a week before the end
  await q(`INSERT INTO "User" (id, email, username, name, "createdAt", "updatedAt")
    SELECT ${organic} + n, 'user' || n || '@test.com', 'user' || n, 'Test User ' || n, t, t
    FROM (SELECT n, timestamp '2026-11-13 03:12:00' + n * interval '0.5 milliseconds' AS t FROM generate_series(1, ${seeded}) AS n) AS s`)
  const child = (table, columns) => q(`CREATE TABLE "${table}" (id bigserial PRIMARY KEY, "userId" integer NOT NULL REFERENCES "User" (id) ON DELETE RESTRICT ON UPDATE CASCADE, ${columns})`)
  await child('Session', `"createdAt" timestamp(3) NOT NULL, "expiresAt" timestamp(3) NOT NULL`)
  await child('Payment', `amount integer NOT NULL, currency text NOT NULL DEFAULT 'USD', status text NOT NULL, "createdAt" timestamp(3) NOT NULL`)
  await child('Report', `title text NOT NULL, "createdAt" timestamp(3) NOT NULL`)
  // children arrive in the order of their own creation, ids with them, as an application inserts them
  const children = (table, columns, values, every) =>
    q(`INSERT INTO "${table}" ("userId", ${columns}) SELECT * FROM (SELECT id, ${values} FROM "User" WHERE ${every}) AS c ORDER BY "createdAt"`)
  await children('Session', '"createdAt", "expiresAt"', `"createdAt" + random() * interval '2 days' AS "createdAt", "createdAt" + interval '30 days'`, 'true')
  await children('Payment', 'amount, status, "createdAt"', `500 + floor(random() * 9500)::int, 'paid', "createdAt" + random() * interval '10 days' AS "createdAt"`, `id > ${organic} AND id % 4 = 0 OR id <= ${organic} AND id % 5 = 0`)
  await children('Report', 'title, "createdAt"', `'Monthly report', "createdAt" + random() * interval '20 days' AS "createdAt"`, `id > ${organic} AND id % 10 = 0 OR id <= ${organic} AND id % 20 = 0`)
  // foreign keys indexed, as PostgreSQL needs them for its checks when parent rows go (it indexes only the
  // referenced side: https://www.postgresql.org/docs/current/ddl-constraints.html#DDL-CONSTRAINTS-FK)
  if (indexed) for (const table of ['Session', 'Payment', 'Report']) await q(`CREATE INDEX ON "${table}" ("userId")`)
  await q(`INSERT INTO "Admin" (email, name, "createdAt") VALUES ('founder@lumenfield.io', 'Founder', '2026-05-01'), ('admin@test.com', 'Admin', '2026-11-13 03:12:00')`)
  for (const table of TABLES) await q(`VACUUM ANALYZE "${table}"`)
  await q('RESET search_path')
}

/** row counts and one digest over every row of every table, in key order */
async function snapshot(schema) {
  const counts = {}
  let digest = ''
  for (const table of TABLES) {
    const { rows } = await client.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(r::text, '|' ORDER BY r.id), '')) AS d FROM ${schema}."${table}" AS r`)
    counts[table] = rows[0].n
    digest += rows[0].d
  }
  return { counts, digest }
}
