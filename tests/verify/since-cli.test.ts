// `seedguard verify --since / --state` end to end on a SQLite file: the state file it writes (whole,
// versioned, no credentials), read back by the next run, and the usage errors.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/index.js'
import { fixtureSql, insertSql, type FixtureTable } from './fixture.js'

async function run(args: string[], cwd: string) {
  let stdout = ''
  let stderr = ''
  const code = await main(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd, env: { NO_COLOR: '1' } })
  return { code, stdout, stderr }
}

const T0 = Date.UTC(2026, 9, 1)
const users = (from: number, count: number): FixtureTable => ({ name: 'User', columns: [['id', 'id'], ['email', 'text'], ['createdAt', 'time']], rows: Array.from({ length: count }, (_, i) => [from + i, `person${from + i}.real@gmail.com`, T0 + (from + i) * 7_200_000]) })

describe('seedguard verify --since', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seedguard-since-'))
  const file = join(dir, 'app.db')
  const db = new Database(file)
  db.exec(fixtureSql('sqlite', [users(1, 12)]).join(';\n'))
  db.close()
  const url = `sqlite:${file}?password=hunter2-not-shown`

  it('--state records where the run ended; --since <file> reads only what came after and writes the file back', async () => {
    const first = await run(['verify', '--db', url, '--state', 'state.json', '--format', 'json'], dir)
    expect([first.code, first.stderr]).toEqual([0, ''])
    const state = readFileSync(join(dir, 'state.json'), 'utf8')
    expect(JSON.parse(state)).toEqual({ version: 1, dialect: 'sqlite', written: expect.any(String), tables: { User: { created: new Date(T0 + 12 * 7_200_000).toISOString(), id: '12' } } })
    expect(state).not.toContain('hunter2')
    expect(state).not.toContain(file)

    const writer = new Database(file)
    writer.exec(insertSql('sqlite', users(13, 3)).join(';\n'))
    writer.close()
    const second = await run(['verify', '--db', url, '--since', 'state.json', '--format', 'json'], dir)
    expect(second.code).toBe(0)
    expect(JSON.parse(second.stdout).tables).toEqual([{ name: 'User', rows: 3, since: new Date(T0 + 12 * 7_200_000).toISOString() }])
    expect(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')).tables.User).toEqual({ created: new Date(T0 + 15 * 7_200_000).toISOString(), id: '15' })
    // renamed into place: nothing half-written is left beside it
    expect(readdirSync(dir).sort()).toEqual(['app.db', 'state.json'])
  })

  it('--since <ISO time> starts every table there', async () => {
    const { code, stdout } = await run(['verify', '--db', url, '--since', new Date(T0 + 10 * 7_200_000).toISOString(), '--format', 'json'], dir)
    expect(code).toBe(0)
    expect(JSON.parse(stdout).tables[0].rows).toBe(5)
  })

  it('a state file that is missing or not one stops the run (exit 2), as --expect-admins with --since does', async () => {
    const missing = await run(['verify', '--db', url, '--since', 'nowhere.json'], dir)
    expect([missing.code, missing.stderr]).toEqual([2, `seedguard verify: no state file ${join(dir, 'nowhere.json')} (--since takes an ISO time such as 2026-11-20T00:00:00Z, or a file a run with --state wrote)\n`])
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ version: 1, dialect: 'sqlite', tables: { User: { id: '1; DROP TABLE x' } } }))
    const malformed = await run(['verify', '--db', url, '--since', 'other.json'], dir)
    expect([malformed.code, malformed.stderr]).toEqual([2, `seedguard verify: ${join(dir, 'other.json')}: table User has a malformed watermark\n`])
    const admins = await run(['verify', '--db', url, '--since', 'state.json', '--expect-admins', '1'], dir)
    expect(admins.code).toBe(2)
    expect(admins.stderr).toContain('--expect-admins counts every admin account, and --since reads only new rows')
  })
})

describe('seedguard verify --since on tables without a creation time', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seedguard-since-'))
  const file = join(dir, 'app.db')
  const settings = (from: number, count: number): FixtureTable => ({ name: 'Setting', columns: [['id', 'id'], ['name', 'text']], rows: Array.from({ length: count }, (_, i) => [from + i, `option ${from + i}`]) })
  const db = new Database(file)
  db.exec(fixtureSql('sqlite', [settings(1, 5)]).join(';\n'))
  db.close()

  it('reads a table with an integer key from the last key on', async () => {
    expect((await run(['verify', '--db', `sqlite:${file}`, '--state', 'state.json'], dir)).code).toBe(0)
    expect(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')).tables).toEqual({ Setting: { id: '5' } })
    const writer = new Database(file)
    writer.exec(insertSql('sqlite', settings(6, 2)).join(';\n'))
    writer.close()
    const { code, stdout } = await run(['verify', '--db', `sqlite:${file}`, '--since', 'state.json', '--format', 'json'], dir)
    expect(code).toBe(0)
    expect(JSON.parse(stdout).tables).toEqual([{ name: 'Setting', rows: 2 }])
  })

  it('reads a table with neither whole the first time, then lists it as unchecked (exit 2) and leaves the state as it was', async () => {
    const writer = new Database(file)
    writer.exec(`CREATE TABLE "Tag" ("label" TEXT); INSERT INTO "Tag" VALUES ('red'), ('green')`)
    writer.close()
    const first = await run(['verify', '--db', `sqlite:${file}`, '--since', 'state.json', '--format', 'json'], dir)
    expect(first.code).toBe(0)
    expect(JSON.parse(first.stdout).tables).toEqual([{ name: 'Setting', rows: 0 }, { name: 'Tag', rows: 2 }])
    const before = readFileSync(join(dir, 'state.json'), 'utf8')
    const { code, stdout } = await run(['verify', '--db', `sqlite:${file}`, '--since', 'state.json', '--format', 'json'], dir)
    expect(code).toBe(2)
    expect(JSON.parse(stdout)).toMatchObject({ verdict: 'incomplete', unchecked: [{ table: 'Tag', why: expect.stringMatching(/^no creation-time column or integer key tells its new rows apart/) }] })
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe(before)
  })
})
