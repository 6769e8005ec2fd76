// What the database benchmarks share: organic people drawn in PostgreSQL with generate_series
// (names that share letters with demo words: john, sam, andrea, testa), and a child process timed
// with its peak resident memory.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

const FIRST = ['James', 'Mary', 'John', 'Jane', 'Sam', 'Samantha', 'Andrea', 'Andrew', 'Maria', 'Mohammed', 'Wei', 'Yuki', 'Olga', 'Priya', 'Carlos', 'Fatima', 'Noah', 'Emma', 'Liam', 'Sofia', 'Lucas', 'Chloe', 'Kwame', 'Aiko', 'Lars', 'Ines', 'Diego', 'Raj', 'Theo', 'Stacy', 'Dev', 'Nora', 'Max', 'Amelia', 'Omar', 'Anna', 'Peter', 'Demetrio', 'Tessa', 'Mei']
const LAST = ['Smith', 'Garcia', 'Tanaka', 'Nielsen', 'Haddad', 'Brown', 'Duarte', 'Mensah', 'Ivanova', 'Wei', 'Rossi', 'Khan', 'Muller', 'Patel', 'Martin', 'Lopez', 'Dubois', 'Nguyen', 'Kim', 'Cohen', 'Silva', 'Novak', 'Okafor', 'Larsen', 'Testa', 'Sampson', 'Fischer', 'Moreau', 'Singh', 'Walker']
const DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'proton.me', 'web.de', 'libero.it', 'acme-corp.com', 'university.edu', 'hey.com']
const sqlArray = (values) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`
/** `--name value` from the command line, else `fallback` */
export function flag(name, fallback) {
  const args = process.argv.slice(2)
  const i = args.indexOf(name)
  return i < 0 ? fallback : args[i + 1]
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** `count` people drawn from common names, created at `time` (an SQL expression per row), ids from firstId + 1 in creation order */
export function people(count, time, firstId) {
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

/**
 * The command as a fresh process: wall ms, peak RSS (KiB, sampled from /proc), exit code; with
 * `capture`, its stdout and stderr too (otherwise stdout is dropped and stderr shown).
 */
export function timed(command, argv, { capture = false } = {}) {
  return new Promise((resolve) => {
    const start = performance.now()
    const child = spawn(command, argv, { stdio: ['ignore', capture ? 'pipe' : 'ignore', capture ? 'pipe' : 'inherit'] })
    const out = { stdout: '', stderr: '' }
    child.stdout?.on('data', (chunk) => (out.stdout += chunk))
    child.stderr?.on('data', (chunk) => (out.stderr += chunk))
    let rss = 0
    const sample = setInterval(() => {
      try {
        const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0)
        rss = Math.max(rss, kb)
      } catch {}
    }, 50)
    child.on('close', (code) => {
      clearInterval(sample)
      resolve({ ms: performance.now() - start, rss, code, ...(capture ? out : {}) })
    })
  })
}
