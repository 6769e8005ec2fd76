import { mkdtempSync, statSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/index.js'
import { fixtureSql, type FixtureTable } from './fixture.js'

async function run(args: string[], env: NodeJS.ProcessEnv = {}, cwd = tmpdir()) {
  let stdout = ''
  let stderr = ''
  const code = await main(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd, env: { NO_COLOR: '1', ...env } })
  return { code, stdout, stderr }
}

const T0 = Date.UTC(2026, 9, 1)
const small: FixtureTable[] = [
  { name: 'Admin', columns: [['id', 'id'], ['email', 'text'], ['createdAt', 'time']], rows: [[1, 'founder@lumenfield.io', T0], [2, 'admin@test.com', T0 + 86_400_000]] },
  { name: 'User', columns: [['id', 'id'], ['email', 'text'], ['createdAt', 'time']], rows: Array.from({ length: 12 }, (_, i) => [i + 1, `person${i}.real@gmail.com`, T0 + i * 7_200_000]) },
]

function sqliteDb(tables: FixtureTable[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'seedguard-cli-')), 'app.db')
  const db = new Database(file)
  db.exec(fixtureSql('sqlite', tables).join(';\n'))
  db.close()
  return file
}

describe('seedguard verify (CLI)', () => {
  let file: string
  beforeAll(() => {
    file = sqliteDb(small)
  })
  const redact = (s: string) => s.split(file).join('@@DB@@')

  it('prints the JSON contract and exits 1 on seeded data', async () => {
    const { code, stdout } = await run(['verify', '--db', `sqlite:${file}`, '--format', 'json'])
    expect(code).toBe(1)
    expect(JSON.parse(stdout)).toEqual({
      verdict: 'seeded',
      tables: [{ name: 'Admin', rows: 2 }, { name: 'User', rows: 12 }],
      indicators: [
        { check: 'demo-identities', table: 'Admin', column: 'email', count: 1, severity: 'error', message: '1 test or demo identity, such as admin@test.com (test domain test.com)', samples: ['admin@test.com: test domain test.com'] },
        { check: 'admin-accounts', table: 'Admin', column: null, count: 2, severity: 'info', message: '2 admin accounts (the Admin table)', samples: ['Admin: f***@lumenfield.io', 'Admin: admin@test.com'] },
      ],
      unchecked: [],
    })
  })

  it('text: counts like the cleanup guide, then the indicators', async () => {
    const { stdout } = await run(['verify', '--db', `sqlite:${file}`])
    expect(redact(stdout)).toMatchInlineSnapshot(`
      "seedguard verify: sqlite:@@DB@@

        Admin:           2
        User:            12
        Admin accounts:  2

      arrivals (│ bars │, ^ a flagged burst):
        Admin │█                       █│ rows per hour, 2026-10-01 00:00 → 2026-10-02 01:00 UTC, peak 1
        User  │█ █ █ █ █ █ █ █ █ █ █ █│ rows per hour, 2026-10-01 00:00 → 2026-10-01 23:00 UTC, peak 1

      error Admin.email: 1 test or demo identity, such as admin@test.com (test domain test.com) [demo-identities]
        · admin@test.com: test domain test.com

      verdict: seeded: 1 error
      next:
        1. look at the rows listed above: they are what looks seeded
        2. find what wrote them: \`seedguard check\` shows a seed command on your deploy path; remove it there first
        3. back up the database (a copy of the file), then delete those rows
        4. verify again after the cleanup; a read-only role is all this needs
      "
    `)
  })

  it('markdown for a job summary', async () => {
    const { stdout } = await run(['verify', '--db', `sqlite:${file}`, '--format', 'markdown'])
    expect(redact(stdout)).toMatchInlineSnapshot(`
      "### seedguard verify: ❌ seeded: 1 error

      \`sqlite:@@DB@@\`

      | table | rows |
      | --- | ---: |
      | Admin | 2 |
      | User | 12 |
      | **admin accounts** | 2 |

      \`\`\`mermaid
      ---
      config:
        themeVariables:
          xyChart:
            plotColorPalette: "#8da0b6, #d62728"
      ---
      xychart-beta
          title "Admin: rows per hour, 2026-10-01 00:00 → 2026-10-02 01:00 UTC"
          x-axis ["10-01 00h", "10-01 01h", "10-01 02h", "10-01 03h", "10-01 04h", "10-01 05h", "10-01 06h", "10-01 07h", "10-01 08h", "10-01 09h", "10-01 10h", "10-01 11h", "10-01 12h", "10-01 13h", "10-01 14h", "10-01 15h", "10-01 16h", "10-01 17h", "10-01 18h", "10-01 19h", "10-01 20h", "10-01 21h", "10-01 22h", "10-01 23h", "10-02 00h"]
          y-axis "rows" 0 --> 1
          bar [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]
      \`\`\`

      \`\`\`mermaid
      ---
      config:
        themeVariables:
          xyChart:
            plotColorPalette: "#8da0b6, #d62728"
      ---
      xychart-beta
          title "User: rows per hour, 2026-10-01 00:00 → 2026-10-01 23:00 UTC"
          x-axis ["10-01 00h", "10-01 01h", "10-01 02h", "10-01 03h", "10-01 04h", "10-01 05h", "10-01 06h", "10-01 07h", "10-01 08h", "10-01 09h", "10-01 10h", "10-01 11h", "10-01 12h", "10-01 13h", "10-01 14h", "10-01 15h", "10-01 16h", "10-01 17h", "10-01 18h", "10-01 19h", "10-01 20h", "10-01 21h", "10-01 22h"]
          y-axis "rows" 0 --> 1
          bar [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]
      \`\`\`

      | severity | check | where | rows | finding |
      | --- | --- | --- | ---: | --- |
      | error | \`demo-identities\` | Admin.email | 1 | 1 test or demo identity, such as admin@test.com (test domain test.com) |

      <details><summary>Admin.email: demo-identities</summary>

      - admin@test.com: test domain test.com

      </details>

      **Next:**

      1. look at the rows listed above: they are what looks seeded
      2. find what wrote them: \`seedguard check\` shows a seed command on your deploy path; remove it there first
      3. back up the database (a copy of the file), then delete those rows
      4. verify again after the cleanup; a read-only role is all this needs
      "
    `)
  })

  it('exits 0 on a clean database, and with --expect-admins it counts them', async () => {
    const clean = sqliteDb([small[1]!, { ...small[0]!, rows: [small[0]!.rows[0]!] }])
    expect((await run(['verify', '--db', `sqlite:${clean}`])).code).toBe(0)
    expect((await run(['verify', '--db', `sqlite:${clean}`, '--expect-admins', '1'])).code).toBe(0)
    const wrong = await run(['verify', '--db', `sqlite:${clean}`, '--expect-admins', '2', '--format', 'json'])
    expect(wrong.code).toBe(1)
    expect(JSON.parse(wrong.stdout).indicators[0].message).toBe('expected 2 admin accounts, found 1 (the Admin table)')
  })

  it('--fail-on never reports without failing', async () => {
    expect((await run(['verify', '--db', `sqlite:${file}`, '--fail-on', 'never'])).code).toBe(0)
  })

  it('leaves the file untouched', async () => {
    const before = statSync(file)
    await run(['verify', '--db', `sqlite:${file}`])
    const after = statSync(file)
    expect([after.mtimeMs, after.size]).toEqual([before.mtimeMs, before.size])
    expect(existsSync(`${file}-journal`) || existsSync(`${file}-wal`)).toBe(false)
  })

  it('finds the database in DATABASE_URL or a .env file', async () => {
    expect((await run(['verify'], { DATABASE_URL: `sqlite:${file}` })).code).toBe(1)
    const dir = mkdtempSync(join(tmpdir(), 'seedguard-dotenv-'))
    writeFileSync(join(dir, '.env'), `DATABASE_URL="file:${file}"\n`)
    expect((await run(['verify'], {}, dir)).code).toBe(1)
  })

  it('exits 2 with one line when it cannot connect, and never shows the password', async () => {
    const dead = await run(['verify', '--db', 'postgres://app:hunter2@127.0.0.1:1/shop'])
    expect(dead.code).toBe(2)
    expect(dead.stderr).toBe('seedguard verify: cannot connect to PostgreSQL at 127.0.0.1:1/shop: connection refused (is the server running and listening there?)\n')
    const mysql = await run(['verify', '--db', 'mysql://app:hunter2@127.0.0.1:1/shop'])
    expect(mysql.stderr).toBe('seedguard verify: cannot connect to MySQL at 127.0.0.1:1/shop: connection refused (is the server running and listening there?)\n')
    const missing = await run(['verify', '--db', 'sqlite:/nonexistent/app.db'])
    expect([missing.code, missing.stderr]).toEqual([2, 'seedguard verify: cannot open SQLite database /nonexistent/app.db: no such file\n'])
    const none = await run(['verify'])
    expect([none.code, none.stderr.split('\n')[0]]).toEqual([2, 'seedguard verify: no database: pass --db <url> or set SEEDGUARD_DATABASE_URL or DATABASE_URL'])
  })

  it.skipIf(!process.env.SEEDGUARD_TEST_POSTGRES_URL)('a wrong PostgreSQL password: one line, masked', async () => {
    const url = new URL(process.env.SEEDGUARD_TEST_POSTGRES_URL!)
    url.password = 'wrong-hunter2'
    const { code, stderr, stdout } = await run(['verify', '--db', url.toString()])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^seedguard verify: cannot connect to PostgreSQL at [^ ]+: password authentication failed for user "[^"]+"\n$/)
    expect(stderr + stdout).not.toContain('hunter2')
  })

  it.skipIf(!process.env.SEEDGUARD_TEST_MYSQL_URL)('a wrong MySQL password: one line, masked', async () => {
    const url = new URL(process.env.SEEDGUARD_TEST_MYSQL_URL!)
    url.password = 'wrong-hunter2'
    const { code, stderr } = await run(['verify', '--db', url.toString()])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^seedguard verify: cannot connect to MySQL at [^ ]+: Access denied for user/)
    expect(stderr).not.toContain('hunter2')
  })

  it('usage errors exit 2; --help documents itself', async () => {
    expect((await run(['verify', '--format', 'xml'])).code).toBe(2)
    expect((await run(['verify', '--expect-admins', 'two'])).code).toBe(2)
    expect((await run(['verify', '--db', `sqlite:${file}`, '--connections', '0'])).stderr).toContain('--connections needs at least 1')
    expect((await run(['verify', '--admin-where', "role = 'admin'; DROP TABLE x"])).code).toBe(2)
    expect((await run(['verify', '--help'])).stdout).toContain('Exit codes: 0 clean (every table read), 1 seeded, 2 not verified')
    expect((await run(['help', 'verify'])).stdout).toContain('seedguard verify [--db <url>]')
    // issue 11: a bare path is what the user meant as a SQLite URL
    const dir = mkdtempSync(join(tmpdir(), 'seedguard-cli-path-'))
    writeFileSync(join(dir, 'app.db'), '')
    expect(await run(['verify', '--db', './app.db'], {}, dir)).toEqual({ code: 2, stdout: '', stderr: 'seedguard verify: `./app.db` is a path, not a database URL: pass `sqlite:./app.db`\n' })
  })
})
