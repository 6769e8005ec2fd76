#!/usr/bin/env node
// Labelled variants of the verifier's eval scenarios (launch spikes, international names, slow seed
// loops, createMany, back-dated seeds, …), built from ../shared/eval/verify/gen.mjs's building blocks
// (read in place, not copied), then checked with dist/cli.js: the eval's hidden scenarios are "of
// the same kinds", and these are where a change to a check shows its side effects first.
//
//   node scripts/verify-variants.mjs                 build missing DBs, run the CLI on all, print a table
//   node scripts/verify-variants.mjs --rebuild       rebuild every DB first
//   node scripts/verify-variants.mjs --only a,b      a subset
//   node scripts/verify-variants.mjs --list          names and labels
//   node scripts/verify-variants.mjs --no-busy       skip the two 700k-user variants (~15 s each)
//
// Needs Debian's sqlite3 CLI. DBs, the CLI's JSON per variant and a summary go to the temp folder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  World, organicApp, seedBatch, sequentialIdentity, personIdentity, fakerIdentity, quietestMinute, busiestMinute,
  PRESETS, REGIONS, Rng, writeSqliteFile, SNAPSHOT, SEC, MIN, HOUR, DAY,
} from '../../shared/eval/verify/gen.mjs';

const work = join(tmpdir(), 'seedguard-verify-variants');
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

// a small organic base (SMALL-like but 5,000 users over 6 months, growing 3x), distinct key
const BASE = { key: 'v-base', start: SNAPSHOT - 183 * DAY, count: 5000, growth: 3 };
// a weekday afternoon (US) ~3 weeks before the snapshot, with an odd millisecond
const SEED_AT = SNAPSHOT - 19 * DAY + 16 * HOUR + 41 * MIN + 9_377;
// faker.date.past({ years: 1 }): a uniformly random instant in the year before "now" (the seed run)
const pastYear = (now) => (rng) => now - 1 - rng.int(365 * DAY);

export const variants = {
  // ------------------------------------------------------------------ clean
  'clean-launch-spike': {
    label: 'clean',
    note: '8,000 users over 4 months; a launch day (Product Hunt-ish) 60x spike held 3 h plus a 15x newsletter spike',
    build: (w) => organicApp(w, {
      key: 'v-launch', start: SNAPSHOT - 120 * DAY, count: 8000, growth: 1.5,
      spikes: [
        { at: SNAPSHOT - 60 * DAY + 14 * HOUR, rampMs: 20 * MIN, holdMs: 3 * HOUR, decayMs: 6 * HOUR, factor: 60 },
        { at: SNAPSHOT - 20 * DAY + 15 * HOUR, rampMs: 2 * MIN, holdMs: 20 * MIN, decayMs: 60 * MIN, factor: 15 },
      ],
    }),
  },
  'clean-international': {
    label: 'clean',
    note: "6,000 users, style 'international' (native scripts, IDN domains), global audience",
    build: (w) => organicApp(w, { key: 'v-intl', start: SNAPSHOT - 150 * DAY, count: 6000, growth: 2, style: 'international', regions: REGIONS.global }),
  },
  'clean-declining': {
    label: 'clean',
    note: '10,000 users over 3 months, declining (growth 0.3), global audience, noisier hours (sigma 0.3)',
    build: (w) => organicApp(w, { key: 'v-decline', start: SNAPSHOT - 90 * DAY, count: 10000, growth: 0.3, regions: REGIONS.global, hourSigma: 0.3, daySigma: 0.2 }),
  },
  'clean-lookalikes': {
    label: 'clean',
    note: '4,000 users, lookalikeRate 0.03 (~120 real people with test/demo/seed-ish addresses)',
    build: (w) => organicApp(w, { key: 'v-look', start: SNAPSHOT - 183 * DAY, count: 4000, growth: 2, lookalikeRate: 0.03 }),
  },
  'clean-long-history': {
    label: 'clean',
    note: '20,000 users over 2 years, growing 10x',
    build: (w) => organicApp(w, { key: 'v-long', start: SNAPSHOT - 730 * DAY, count: 20000, growth: 10 }),
  },
  'clean-tiny': {
    label: 'clean',
    note: '50 users over 3 months',
    build: (w) => organicApp(w, { key: 'v-tiny', start: SNAPSHOT - 90 * DAY, count: 50 }),
  },
  'clean-medium-busy': {
    label: 'clean',
    note: '20,000 users in 2 days (10k/day): organic same-second collisions, no seed',
    build: (w) => organicApp(w, { key: 'v-medbusy', start: SNAPSHOT - 2 * DAY, count: 20000, activity: { laterSessions: 0.3, payers: 0.08, reporters: 0.02 } }),
  },

  'clean-sharp-spike': {
    label: 'clean',
    note: '5,000 users over 6 months + a TV-ad/HN-style 300x spike: 1 min ramp, 20 min hold, 30 min decay',
    build: (w) => organicApp(w, {
      key: 'v-sharp', start: SNAPSHOT - 183 * DAY, count: 5000, growth: 3,
      spikes: [{ at: SNAPSHOT - 30 * DAY + 20 * HOUR, rampMs: 1 * MIN, holdMs: 20 * MIN, decayMs: 30 * MIN, factor: 300 }],
    }),
  },

  // ------------------------------------------------------------------ seeded (on BASE)
  'seeded-createmany': {
    label: 'seeded',
    note: "BASE + 30 realistic users via createMany (one createdAt for all, updatedAt 'batch')",
    build: (w) => { organicApp(w, BASE); seedBatch(w, { key: 'v-cm', at: SEED_AT, count: 30, timing: 'createMany', updatedAt: 'batch', identity: (r, wd) => personIdentity(r, wd) }); },
  },
  'seeded-slow-loop': {
    label: 'seeded',
    note: 'BASE + 40 faker users, awaited loop spread over 5 minutes (~1 row / 7.5 s)',
    build: (w) => { organicApp(w, BASE); seedBatch(w, { key: 'v-slow', at: SEED_AT, count: 40, spanMs: 5 * MIN, identity: (r, wd) => fakerIdentity(r, wd) }); },
  },
  'seeded-slow-loop-realistic': {
    label: 'seeded',
    note: 'BASE + 40 realistic (personIdentity) users, loop over 5 minutes, no related rows',
    build: (w) => { organicApp(w, BASE); seedBatch(w, { key: 'v-slowr', at: SEED_AT, count: 40, spanMs: 5 * MIN, identity: (r, wd) => personIdentity(r, wd), related: {} }); },
  },
  'seeded-10-users': {
    label: 'seeded',
    note: 'BASE + 10 realistic users in a loop within 250 ms',
    build: (w) => { organicApp(w, BASE); seedBatch(w, { key: 'v-ten', at: SEED_AT, count: 10, spanMs: 250, identity: (r, wd) => personIdentity(r, wd) }); },
  },
  'seeded-sequential-gmail': {
    label: 'seeded',
    note: 'BASE + customer1..customer25@gmail.com ("Customer N"), loop within 400 ms',
    build: (w) => { organicApp(w, BASE); seedBatch(w, { key: 'v-seqg', at: SEED_AT, count: 25, spanMs: 400, identity: sequentialIdentity({ local: 'customer', domain: 'gmail.com', name: 'Customer' }) }); },
  },
  'seeded-backdated-ids': {
    label: 'seeded',
    note: 'BASE + 60 faker users, createdAt = faker.date.past (random in past year); ids in insertion order; updatedAt = insert time',
    build: (w) => { organicApp(w, BASE); seedBatch(w, { key: 'v-bd', at: SEED_AT, count: 60, spanMs: 900, backdate: pastYear(SEED_AT), identity: (r, wd) => fakerIdentity(r, wd) }); },
  },
  'seeded-backdated-noids': {
    label: 'seeded',
    note: 'as seeded-backdated-ids but the seed rows are placed in id order by createdAt (ids reveal nothing); updatedAt still = insert time',
    build: (w) => {
      organicApp(w, BASE);
      const users = seedBatch(w, { key: 'v-bdn', at: SEED_AT, count: 60, spanMs: 900, backdate: pastYear(SEED_AT), identity: (r, wd) => fakerIdentity(r, wd) });
      for (const u of users) u.ins = u.createdAt; // id order now interleaves them with organic rows
    },
  },
  'seeded-backdated-full': {
    label: 'seeded',
    note: 'BASE + 60 faker users, createdAt random in past year, updatedAt = createdAt, id order by createdAt, no related rows (hard case)',
    build: (w) => {
      organicApp(w, BASE);
      const users = seedBatch(w, { key: 'v-bdf', at: SEED_AT, count: 60, spanMs: 900, backdate: pastYear(SEED_AT), identity: (r, wd) => fakerIdentity(r, wd), related: {} });
      for (const u of users) { u.ins = u.createdAt; u.updatedAt = u.createdAt; }
    },
  },
  'seeded-updatedat-batch': {
    label: 'seeded',
    note: "BASE + 25 realistic users in a loop over 3 s, updatedAt 'batch' (one value for all)",
    build: (w) => { organicApp(w, BASE); seedBatch(w, { key: 'v-uab', at: SEED_AT, count: 25, spanMs: 3 * SEC, updatedAt: 'batch', identity: (r, wd) => personIdentity(r, wd) }); },
  },
  'seeded-related-only': {
    label: 'seeded',
    note: 'BASE users untouched; a seed script adds 1 session + 1-2 payments to each of 40 existing users within ~1 s',
    build: (w) => {
      organicApp(w, BASE);
      const rng = new Rng('v-relonly:seed');
      const eligible = w.users.filter((u) => u.createdAt < SEED_AT);
      let t = SEED_AT;
      for (let i = 0; i < 40; i++) {
        const user = eligible[rng.int(eligible.length)];
        w.addSession(user, (t += rng.intBetween(3, 15)));
        for (let k = 1 + rng.int(2); k > 0; k--) w.addPayment(rng, user, (t += rng.intBetween(3, 15)));
      }
    },
  },

  // ------------------------------------------------------------------ extra: where does a slow seed stop being caught?
  ...Object.fromEntries([[40, 30 * SEC], [40, 60 * SEC], [40, 2 * MIN], [60, 3 * MIN], [100, 10 * MIN], [300, 15 * MIN]].map(([count, spanMs]) => [
    `sweep-loop-${count}-in-${spanMs >= MIN ? spanMs / MIN + 'min' : spanMs / SEC + 's'}`,
    {
      label: 'seeded', extra: true,
      note: `BASE + ${count} faker users, awaited loop over ${spanMs / SEC} s (with related rows)`,
      build: (w) => { organicApp(w, BASE); seedBatch(w, { key: `v-sweep-${count}-${spanMs}`, at: SEED_AT, count, spanMs, identity: (r, wd) => fakerIdentity(r, wd) }); },
    },
  ])),
  'seeded-backdated-noids-norel': {
    label: 'seeded', extra: true,
    note: 'as seeded-backdated-noids but without related rows: only User.updatedAt (60 rows within 0.9 s) betrays the run',
    build: (w) => {
      organicApp(w, BASE);
      const users = seedBatch(w, { key: 'v-bdnr', at: SEED_AT, count: 60, spanMs: 900, backdate: pastYear(SEED_AT), identity: (r, wd) => fakerIdentity(r, wd), related: {} });
      for (const u of users) u.ins = u.createdAt;
    },
  },
  'seeded-spread-medbusy': {
    label: 'seeded', extra: true,
    note: 'clean-medium-busy (20k in 2 days) + 300 faker users at 20 rows/s for 15 s in the quietest hour',
    build: (w) => {
      organicApp(w, { key: 'v-medbusy', start: SNAPSHOT - 2 * DAY, count: 20000, activity: { laterSessions: 0.3, payers: 0.08, reporters: 0.02 } });
      const at = quietestMinute(SNAPSHOT - 1 * DAY, SNAPSHOT) + 23_417;
      seedBatch(w, { key: 'v-spreadmb', at, count: 300, spanMs: 15_000, identity: (r, wd) => fakerIdentity(r, wd), related: { sessions: 1.2, payments: 0.25, reports: 0.1 } });
    },
  },

  // ------------------------------------------------------------------ seeded (on BUSY, slow)
  'seeded-busy-peak': {
    label: 'seeded',
    busy: true,
    note: 'BUSY (700k) + 300 faker users at 20 rows/s for 15 s during the BUSIEST hour (not the quietest)',
    build: (w) => {
      organicApp(w, PRESETS.BUSY);
      const at = busiestMinute(SNAPSHOT - 4 * DAY, SNAPSHOT - 3 * DAY) + 23_417;
      seedBatch(w, { key: 'v-busypeak', at, count: 300, spanMs: 15_000, identity: (r, wd) => fakerIdentity(r, wd), related: { sessions: 1.2, payments: 0.25, reports: 0.1 } });
    },
  },
  'seeded-busy-createmany': {
    label: 'seeded',
    busy: true,
    note: "BUSY (700k) + 40 realistic users via createMany (one createdAt, updatedAt 'batch') at the busiest minute",
    build: (w) => {
      organicApp(w, PRESETS.BUSY);
      const at = busiestMinute(SNAPSHOT - 3 * DAY, SNAPSHOT - 2 * DAY) + 31_805;
      seedBatch(w, { key: 'v-busycm', at, count: 40, timing: 'createMany', updatedAt: 'batch', identity: (r, wd) => personIdentity(r, wd) });
    },
  },
};

// ------------------------------------------------------------------ runner
const args = process.argv.slice(2);
const has = (f) => args.includes(f);
const onlyArg = args.indexOf('--only');
const only = onlyArg >= 0 ? args[onlyArg + 1].split(',') : null;
if (has('--list')) { for (const [n, v] of Object.entries(variants)) console.log(`${n.padEnd(30)} ${v.label.padEnd(7)} ${v.note}`); process.exit(0); }
mkdirSync(join(work, 'db'), { recursive: true });
mkdirSync(join(work, 'out'), { recursive: true });

const short = (s, n) => (s.length > n ? s.slice(0, n - 1) + '…' : s);
const results = [];
for (const [name, v] of Object.entries(variants)) {
  if (only && !only.includes(name)) continue;
  if (!only && v.busy && has('--no-busy')) continue;
  const db = join(work, 'db', `${name}.db`);
  let buildS = null;
  if (has('--rebuild') || !existsSync(db)) {
    rmSync(db, { force: true });
    const t0 = performance.now();
    const w = new World(name);
    v.build(w);
    await writeSqliteFile(w, db);
    buildS = (performance.now() - t0) / 1000;
  }
  const before = statSync(db);
  const t0 = performance.now();
  const run = spawnSync(process.execPath, [CLI, 'verify', '--db', `sqlite:${db}`, '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 << 20, timeout: 600_000 });
  const runS = (performance.now() - t0) / 1000;
  const after = statSync(db);
  const touched = after.mtimeMs !== before.mtimeMs || after.size !== before.size || existsSync(`${db}-wal`) || existsSync(`${db}-journal`);
  writeFileSync(join(work, 'out', `${name}.json`), run.stdout || '');
  if (run.stderr) writeFileSync(join(work, 'out', `${name}.stderr`), run.stderr);
  let out = null;
  try { out = JSON.parse(run.stdout); } catch { /* error */ }
  const verdict = out?.verdict ?? `error(exit ${run.status}${run.signal ? ' ' + run.signal : ''})`;
  const exitOk = (verdict === 'clean' && run.status === 0) || (verdict === 'seeded' && run.status === 1);
  const inds = (out?.indicators ?? []).filter((x) => x.severity !== 'info');
  const r = {
    name, label: v.label, verdict, exit: run.status, ok: verdict === v.label && exitOk && !touched, touched, runS, buildS,
    users: out?.tables?.find((t) => t.name === 'User')?.rows,
    indicators: inds.map((x) => ({ severity: x.severity, check: x.check, table: x.table, column: x.column, count: x.count, message: x.message })),
    infoCount: (out?.indicators ?? []).length - inds.length,
    stderr: run.stderr?.trim().split('\n').slice(-3).join(' | '),
  };
  results.push(r);
  console.log(`${r.ok ? 'ok    ' : 'WRONG '} ${name.padEnd(28)} exp ${v.label.padEnd(6)} got ${String(verdict).padEnd(6)} exit ${run.status} ${runS.toFixed(1).padStart(6)} s` +
    (buildS !== null ? ` (build ${buildS.toFixed(1)} s)` : '') + (touched ? ' DB-TOUCHED' : '') + (r.users !== undefined ? `  users=${r.users}` : ''));
  for (const x of r.indicators) console.log(`         ${x.severity.padEnd(7)} ${x.check} ${x.table ?? ''}${x.column ? '.' + x.column : ''} ×${x.count}: ${short(String(x.message ?? ''), 150)}`);
  if (r.infoCount) console.log(`         (+${r.infoCount} info indicators)`);
  if (!out && r.stderr) console.log(`         stderr: ${short(r.stderr, 300)}`);
}
writeFileSync(join(work, 'results.json'), JSON.stringify(results, null, 2));
const wrong = results.filter((r) => !r.ok);
console.log(`\n${results.length - wrong.length}/${results.length} right` + (wrong.length ? `; wrong: ${wrong.map((r) => r.name).join(', ')}` : ''));
