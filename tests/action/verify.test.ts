import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { parse } from 'yaml'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { fixtureSql, insertSql, type FixtureTable } from '../verify/fixture.js'
import { startFakeGitHub } from './fake-github.js'
import * as core from './__fixtures__/core.js'
import { actionCheckout, ROOT, runAction } from './runner.js'

vi.mock('@actions/core', () => import('./__fixtures__/core.js'))
const { runVerifyAction } = await import('../../src/action/verify.js')

// The companion step (verify/action.yml) with the fake core, against SQLite files built here: the
// verifier's own code path, with the inputs a runner passes and everything it could print collected.
const T0 = Date.UTC(2026, 9, 1)
const users: FixtureTable = { name: 'User', columns: [['id', 'id'], ['email', 'text'], ['createdAt', 'time']], rows: Array.from({ length: 12 }, (_, i) => [i + 1, `person${i}.real@gmail.com`, T0 + i * 7_200_000]) }
const admins = (emails: string[]): FixtureTable => ({ name: 'Admin', columns: [['id', 'id'], ['email', 'text'], ['createdAt', 'time']], rows: emails.map((e, i) => [i + 1, e, T0 + i * 86_400_000]) })

function sqliteDb(tables: FixtureTable[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'seedguard-action-verify-')), 'app.db')
  const db = new Database(file)
  db.exec(fixtureSql('sqlite', tables).join(';\n'))
  db.close()
  return file
}

/** Every string the step handed to the runner: log lines, annotations, failure, outputs, summary. */
function everything(): string {
  const calls = [core.info, core.debug, core.warning, core.error, core.notice, core.setFailed].flatMap((f) => f.mock.calls.map((c) => String(c[0])))
  return [...calls, ...core.setOutput.mock.calls.map((c) => `${c[0]}=${String(c[1])}`), ...core.summaryWrites].join('\n')
}

async function verify(inputs: Record<string, string>, workspace = tmpdir(), driver?: Parameters<typeof runVerifyAction>[1]) {
  core.reset({ 'fail-on': 'error', 'expect-admins': '', config: '', ...inputs })
  await runVerifyAction(workspace, driver)
  return { outputs: core.outputs(), summary: core.summaryWrites.join(''), failed: core.setFailed.mock.calls.map((c) => String(c[0])), all: everything() }
}

describe('the verify sub-action', () => {
  let clean: string
  let seeded: string
  beforeAll(() => {
    clean = sqliteDb([users, admins(['founder@lumenfield.io'])])
    seeded = sqliteDb([users, admins(['founder@lumenfield.io', 'admin@test.com'])])
  })
  // a secret-looking query parameter: never shown, whatever the dialect does with it
  const urlOf = (file: string) => `sqlite:${file}?password=hunter2-not-shown`

  it('passes a clean database: verdict clean, counts, a summary, not failed', async () => {
    const url = urlOf(clean)
    const run = await verify({ 'database-url': url, 'expect-admins': '1' })
    expect(core.setSecret.mock.calls[0]).toEqual([url])
    expect(core.setSecret.mock.invocationCallOrder[0]).toBeLessThan(Math.min(...core.getInput.mock.invocationCallOrder.slice(1)))
    expect(run.failed).toEqual([])
    expect(run.outputs).toEqual({ verdict: 'clean', tables: '2', unchecked: '0', rows: '13', indicators: '0', errors: '0', warnings: '0', admins: '1' })
    expect(run.summary).toMatch(/^### seedguard verify: ✅ /)
    expect(run.summary).toContain('| User | 12 |')
    expect(run.summary).toContain('| **admin accounts** | 1 |')
    expect(run.all).not.toContain(url)
    expect(run.all).not.toContain('hunter2')
  })

  it('fails on seeded data, with the indicators in the summary and the log', async () => {
    const url = urlOf(seeded)
    const run = await verify({ 'database-url': url })
    expect(run.outputs.verdict).toBe('seeded')
    expect(Number(run.outputs.errors)).toBeGreaterThan(0)
    expect(Number(run.outputs.indicators)).toBeGreaterThanOrEqual(Number(run.outputs.errors))
    expect(run.failed).toHaveLength(1)
    expect(run.failed[0]).toMatch(/^seedguard verify: \d+ indicators? of seed data; the first: [\w-]+ on Admin \(fail-on: error\)$/)
    expect(run.summary).toMatch(/^### seedguard verify: ❌ seeded/)
    expect(run.summary).toContain('| error |')
    // the text report goes to the log with workflow commands switched off: samples are user data
    const log = core.info.mock.calls.map((c) => String(c[0]))
    expect(log[0]).toMatch(/^::stop-commands::[0-9a-f-]{36}$/)
    expect(log.at(-1)).toBe(`::${log[0]!.slice('::stop-commands::'.length)}::`)
    expect(run.all).not.toContain(url)
    expect(run.all).not.toContain('hunter2')
  })

  it('fail-on never reports seeded data without failing; fail-on warning fails on warnings too', async () => {
    const never = await verify({ 'database-url': urlOf(seeded), 'fail-on': 'never' })
    expect([never.outputs.verdict, never.failed]).toEqual(['seeded', []])
    expect(never.summary).toMatch(/❌/)
    const wrongCount = await verify({ 'database-url': urlOf(clean), 'expect-admins': '2', 'fail-on': 'never' })
    expect(wrongCount.outputs.verdict).toBe('seeded')
    expect(wrongCount.failed).toEqual([])
  })

  it('expect-admins counts the admin accounts', async () => {
    const run = await verify({ 'database-url': urlOf(clean), 'expect-admins': '2' })
    expect(run.outputs.verdict).toBe('seeded')
    expect(run.failed[0]).toMatch(/admin-accounts on Admin/)
    expect(run.summary).toContain('expected 2 admin accounts, found 1 (the Admin table)')
  })

  it('takes further options from a config file, checked by the CLI parser', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'seedguard-action-verify-ws-'))
    writeFileSync(join(workspace, 'verify.yml'), 'ignore-table: [Admin]\ntimeout: 30\n')
    const run = await verify({ 'database-url': urlOf(seeded), config: 'verify.yml' }, workspace)
    expect(run.summary).not.toContain('| Admin |')
    expect(run.outputs.tables).toBe('1')
    writeFileSync(join(workspace, 'bad.yml'), 'db: postgres://x\n')
    const bad = await verify({ 'database-url': urlOf(seeded), config: 'bad.yml' }, workspace)
    expect(bad.failed).toEqual([expect.stringMatching(/^seedguard verify: input config: unknown option `db` in bad.yml/)])
    expect(bad.outputs.verdict).toBe('error')
  })

  it('a database it can read nothing in is not clean: verdict error, the step fails with the reason', async () => {
    const empty = join(mkdtempSync(join(tmpdir(), 'seedguard-action-verify-')), 'empty.db')
    writeFileSync(empty, '')
    const run = await verify({ 'database-url': `sqlite:${empty}`, 'fail-on': 'never' })
    expect(run.outputs).toMatchObject({ verdict: 'error', tables: '0', unchecked: '0' })
    expect(run.failed).toEqual([`seedguard verify: no tables in sqlite:${empty}: nothing to verify (the wrong database file? migrations not run yet?)`])
    expect(run.summary).toMatch(/^### seedguard verify: ⛔ unreadable: nothing verified\n/)
  })

  it.skipIf(!process.env.SEEDGUARD_TEST_POSTGRES_URL || !process.env.SEEDGUARD_TEST_NOACCESS_USER)('a table the role cannot read: verdict incomplete, unchecked counted, the step fails whatever fail-on says', async () => {
    const pg = await import('pg')
    const admin = new pg.default.Client({ connectionString: process.env.SEEDGUARD_TEST_POSTGRES_URL })
    await admin.connect()
    const schema = `sg_action_${process.pid}`
    const reader = process.env.SEEDGUARD_TEST_NOACCESS_USER!
    try {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; CREATE SCHEMA "${schema}"; SET search_path TO "${schema}"`)
      for (const statement of fixtureSql('postgres', [users, admins(['founder@lumenfield.io'])])) await admin.query(statement)
      await admin.query(`GRANT USAGE ON SCHEMA "${schema}" TO ${reader}; GRANT SELECT ON "${schema}"."User" TO ${reader}`)
      const url = new URL(process.env.SEEDGUARD_TEST_POSTGRES_URL!)
      url.username = reader
      const workspace = mkdtempSync(join(tmpdir(), 'seedguard-action-verify-ws-'))
      writeFileSync(join(workspace, 'verify.yml'), `schema: [${schema}]\n`)
      const run = await verify({ 'database-url': url.toString(), config: 'verify.yml', 'fail-on': 'never' }, workspace)
      expect(run.outputs).toMatchObject({ verdict: 'incomplete', tables: '1', unchecked: '1' })
      expect(run.failed).toEqual([`seedguard verify: 1 table not read, so not verified (${schema}.Admin: no SELECT privilege); grant: GRANT USAGE ON SCHEMA "${schema}" TO "${reader}"; GRANT SELECT ON ALL TABLES IN SCHEMA "${schema}" TO "${reader}";`])
      expect(run.summary).toContain(`| ${schema}.Admin | no SELECT privilege |`)
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      await admin.end()
    }
  })

  it('rejects bad inputs with one line naming the input, and verdict error', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ 'database-url': '' }, 'seedguard verify: input database-url is required (pass a secret: `database-url: ${{ secrets.STAGING_DATABASE_URL }}`)'],
      [{ 'database-url': urlOf(clean), 'fail-on': 'sometimes' }, 'seedguard verify: input fail-on must be error, warning or never (got `sometimes`)'],
      [{ 'database-url': urlOf(clean), 'expect-admins': 'one' }, 'seedguard verify: input expect-admins needs a whole number'],
      [{ 'database-url': 'redis://:pw@cache:6379' }, 'seedguard verify: unsupported database URL scheme `redis:`: use postgres://, mysql://, sqlite:<file> or pglite:<dir>'],
    ]
    for (const [inputs, message] of cases) {
      const run = await verify(inputs)
      expect(run.failed).toEqual([message])
      expect(run.outputs).toEqual({ verdict: 'error' })
      expect(run.summary).toBe('')
    }
  })

  it('fails closed with a masked line when the server is not there; the password never shows', async () => {
    const url = 'postgres://app:s3cr%21t-pw@127.0.0.1:1/shop?sslmode=disable'
    const run = await verify({ 'database-url': url })
    expect(core.setSecret.mock.calls.map((c) => c[0])).toEqual([url, 's3cr%21t-pw', 's3cr!t-pw'])
    expect(run.failed).toEqual(['seedguard verify: cannot connect to PostgreSQL at 127.0.0.1:1/shop: connection refused (is the server running and listening there?)'])
    expect(run.outputs).toEqual({ verdict: 'error' })
    for (const secret of [url, 's3cr', 'pw@']) expect(run.all).not.toContain(secret)
  })

  it('says clearly that sqlite: and pglite: need drivers the bundle leaves out', async () => {
    const missing = () => Promise.reject(Object.assign(new Error("Cannot find package 'better-sqlite3'"), { code: 'ERR_MODULE_NOT_FOUND' }))
    for (const [url, name] of [[urlOf(clean), 'better-sqlite3'], ['pglite:./data', '@electric-sql/pglite']] as const) {
      const run = await verify({ 'database-url': url }, tmpdir(), missing)
      expect(run.failed).toEqual([expect.stringContaining(`seedguard verify: input database-url: ${url.slice(0, url.indexOf(':'))}: databases need ${name}, which the action does not bundle`)])
      // installing seedguard alone does not bring the driver: it is an optional peer dependency
      expect(run.failed[0]).toContain(`npx -p seedguard -p ${name} seedguard verify`)
      expect(run.outputs).toEqual({ verdict: 'error' })
      expect(run.all).not.toContain('hunter2')
    }
  })
})

describe('the verify sub-action in monitoring mode', () => {
  const HOUR = 3_600_000
  const workspace = mkdtempSync(join(tmpdir(), 'seedguard-action-monitor-'))
  const file = join(workspace, 'app.db')
  let nextId = 1
  /** sign-ups every 37 minutes over [from, from + hours), and `burst` rows within 300 ms at its end */
  const grow = (from: number, hours: number, burst = 0) => {
    const times = Array.from({ length: Math.floor((hours * 60) / 37) }, (_, i) => from + i * 37 * 60_000 + ((i * 7919) % 600_000))
    for (let i = 0; i < burst; i++) times.push(from + hours * HOUR + i * 10)
    const table: FixtureTable = { name: 'User', columns: [['id', 'id'], ['email', 'text'], ['createdAt', 'time']], rows: times.map((t, i) => [nextId + i, `member${nextId + i}.x@gmail.com`, t]) }
    nextId += times.length
    const db = new Database(file)
    db.exec(insertSql('sqlite', table).join(';\n'))
    db.close()
  }
  beforeAll(() => {
    const db = new Database(file)
    db.exec(fixtureSql('sqlite', [{ name: 'User', columns: [['id', 'id'], ['email', 'text'], ['createdAt', 'time']], rows: [] }]).join(';\n'))
    db.close()
  })

  it('opens one issue on seed data, updates it (never a second), closes it on the next clean run, and keeps its state between runs', async () => {
    const github = await startFakeGitHub()
    vi.stubEnv('GITHUB_API_URL', github.url)
    vi.stubEnv('GITHUB_REPOSITORY', 'acme/shop')
    vi.stubEnv('GITHUB_SERVER_URL', 'https://github.com')
    vi.stubEnv('GITHUB_RUN_ID', '77')
    const url = `sqlite:${file}?password=hunter2-not-shown`
    const monitor = () => verify({ 'database-url': url, monitor: 'true', 'state-file': 'state/verify.json', 'github-token': 'ghs_monitor-token' }, workspace)
    try {
      grow(T0, 48)
      const first = await monitor()
      expect([first.outputs.verdict, first.outputs.issue, first.failed]).toEqual(['clean', '', []])
      expect(first.outputs['state-file']).toBe(join(workspace, 'state', 'verify.json'))
      expect(github.issues.size).toBe(0)

      grow(T0 + 48 * HOUR, 24, 30)
      const seeded = await monitor()
      expect(seeded.outputs.verdict).toBe('seeded')
      expect(seeded.summary).toMatch(/\| User \| \d+ new since /)
      expect([...github.issues.values()]).toEqual([{ number: 1, title: 'seedguard: seed or demo data arrived in the monitored database', body: expect.stringMatching(/^<!-- seedguard:monitor [0-9a-f]{16} -->\n### seedguard verify: ❌ seeded/), state: 'open' }])
      const opened = github.issues.get(1)!.body
      expect(opened).toContain('xychart-beta')
      expect(opened).toContain('https://github.com/acme/shop/actions/runs/77')
      for (const secret of ['hunter2', 'ghs_monitor']) expect(JSON.stringify([...github.issues.values()])).not.toContain(secret)
      expect(seeded.outputs.issue).toBe('1')

      grow(T0 + 72 * HOUR, 24, 40)
      const again = await monitor()
      expect(again.outputs.issue).toBe('1')
      expect(github.issues.size).toBe(1)
      expect(github.issues.get(1)!.body).not.toBe(opened)
      expect(github.issues.get(1)!.body).toContain('40 rows within')

      grow(T0 + 96 * HOUR, 24)
      const clean = await monitor()
      expect([clean.outputs.verdict, clean.failed]).toEqual(['clean', []])
      expect(github.issues.get(1)).toMatchObject({ state: 'closed', state_reason: 'completed', body: expect.stringContaining('clean again') })
      expect(github.requests.map((r) => `${r.method} ${r.path}`).filter((r) => !r.startsWith('GET'))).toEqual(['POST /repos/acme/shop/issues', 'PATCH /repos/acme/shop/issues/1', 'PATCH /repos/acme/shop/issues/1'])
      expect(github.requests.every((r) => r.authorization === 'token ghs_monitor-token')).toBe(true)
    } finally {
      vi.unstubAllEnvs()
      await github.close()
    }
  })

  it('a token that may not write issues fails the step, naming the permission', async () => {
    const github = await startFakeGitHub()
    github.mode = 'read-only'
    vi.stubEnv('GITHUB_API_URL', github.url)
    vi.stubEnv('GITHUB_REPOSITORY', 'acme/shop')
    try {
      grow(T0 + 120 * HOUR, 24, 30)
      const state = readFileSync(join(workspace, 'state', 'verify.json'), 'utf8')
      const run = await verify({ 'database-url': `sqlite:${file}`, monitor: 'true', 'state-file': 'state/verify.json', 'github-token': 'ghs_read-only' }, workspace)
      expect(run.outputs.verdict).toBe('seeded')
      expect(run.failed).toEqual(["seedguard verify: monitor could not write its issue (HTTP 403): grant `issues: write` in the workflow's `permissions:`"])
      // the alert was not raised: the next run must see these rows again
      expect(readFileSync(join(workspace, 'state', 'verify.json'), 'utf8')).toBe(state)
    } finally {
      vi.unstubAllEnvs()
      await github.close()
    }
  })
})

describe('verify/action.yml', () => {
  const file = join(ROOT, 'verify', 'action.yml')
  const action = parse(readFileSync(file, 'utf8')) as { inputs: Record<string, { description: string; required?: boolean; default?: string }>; outputs: Record<string, unknown>; runs: { using: string; main: string } }

  it('runs the shared bundle on Node 24, its main resolved from its own directory inside the checkout', () => {
    expect(action.runs).toEqual({ using: 'node24', main: '../dist/verify.mjs' })
    const main = join(dirname(file), action.runs.main)
    expect(relative(ROOT, main)).toBe(join('dist', 'verify.mjs'))
  })

  it('declares the inputs of issues 6 and 18, database-url required and without a default', () => {
    expect(Object.fromEntries(Object.entries(action.inputs).map(([name, i]) => [name, [i.required, i.default]]))).toEqual({
      'database-url': [true, undefined],
      'expect-admins': [false, ''],
      config: [false, ''],
      'fail-on': [false, 'error'],
      monitor: [false, 'false'],
      'state-file': [false, '.seedguard/verify-state.json'],
      'github-token': [false, '${{ github.token }}'],
    })
    for (const input of Object.values(action.inputs)) expect(input.description).toBeTruthy()
    expect(Object.keys(action.outputs)).toEqual(['verdict', 'tables', 'unchecked', 'rows', 'indicators', 'errors', 'warnings', 'admins', 'issue', 'state-file'])
  })
})

// dist/verify.mjs as a runner runs it: a checkout with no node_modules, under a real Node 24 (see bundle.test.ts)
const NODE24 = process.env.SEEDGUARD_NODE24

describe.skipIf(!NODE24)('dist/verify.mjs under Node 24 in a simulated runner (skipped: set SEEDGUARD_NODE24 to a Node 24 binary, as .ci/run does)', () => {
  const node = NODE24!
  beforeAll(() => {
    expect(existsSync(node), `SEEDGUARD_NODE24=${node} does not exist`).toBe(true)
    expect(execFileSync(node, ['--version'], { encoding: 'utf8' })).toMatch(/^v24\./)
    expect(existsSync(join(ROOT, 'dist', 'verify.mjs')), 'dist/verify.mjs is missing: run `npm run build`').toBe(true)
  })

  it('masks the URL first, reaches PostgreSQL through the bundled driver, and fails closed', async () => {
    const url = 'postgres://app:runner-secret-pw@127.0.0.1:1/shop'
    const run = await runAction({ node, workspace: mkdtempSync(join(tmpdir(), 'seedguard-action-')), action: 'verify', with: { 'database-url': url } })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)
    expect(run.stdout.split('\n')[0]).toBe(`::add-mask::${url}`)
    expect(run.stdout).toContain('::error::seedguard verify: cannot connect to PostgreSQL at 127.0.0.1:1/shop: connection refused')
    expect(run.outputs).toEqual({ verdict: 'error' })
    expect(run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n')).not.toContain('runner-secret-pw')
  })

  it('says that a sqlite: URL needs a driver the action does not bundle', async () => {
    // a node_modules above the checkout (a /tmp/node_modules link, say) would lend it the driver
    const above = (dir: string): string | undefined => (existsSync(join(dir, 'node_modules')) ? join(dir, 'node_modules') : dirname(dir) === dir ? undefined : above(dirname(dir)))
    expect(above(actionCheckout()), 'a node_modules directory above the simulated checkout').toBeUndefined()
    const run = await runAction({ node, workspace: mkdtempSync(join(tmpdir(), 'seedguard-action-')), action: 'verify', with: { 'database-url': 'sqlite:./prisma/dev.db' } })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('::error::seedguard verify: input database-url: sqlite: databases need better-sqlite3, which the action does not bundle')
    expect(run.outputs).toEqual({ verdict: 'error' })
  })
})
