import { tmpdir } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readMarker } from '../../src/protect/marker.js'
import { openWritable } from '../../src/protect/writable.js'
import { recordOverride } from '../../src/protect/write.js'
import { parseDatabaseUrl } from '../../src/verify/url.js'
import { DIALECTS, type TestDatabase } from '../verify/dialects.js'
import { ONE_TABLE, run } from './run.js'

describe.each(DIALECTS)('seedguard protect on $id', (dialect) => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await dialect.create('protect', ONE_TABLE)
  }, 60_000)
  afterAll(async () => {
    await db?.drop()
  }, 60_000)

  it('writes the marker, shows it, keeps the override audit, and removes it', async () => {
    const written = await run(['protect', '--db', db.url, '--env', 'production'])
    expect(written.stderr).toBe('')
    expect(written.code).toBe(0)
    expect(written.stdout).toMatch(/writing to .*: table _seedguard_environment, one row/)
    expect(written.stdout).toContain('now refuse to seed or reset this database')
    expect(written.stdout).toContain('Undo: seedguard protect --db <url> --remove')

    const shown = await run(['protect', '--db', db.url, '--show'])
    expect(shown.code).toBe(0)
    expect(shown.stdout).toMatch(/environment {3}production\n {2}protected at {2}\d{4}-\d\d-\d\dT/)

    const writer = await openWritable(parseDatabaseUrl(db.url, process.cwd()))
    try {
      expect(await recordOverride(writer, '2026-12-01T00:00:00.000Z ops@host SEEDGUARD_ALLOW_PRODUCTION: npm run seed')).toBe(true)
    } finally {
      await writer.close()
    }
    // marking it again keeps what was let through
    expect((await run(['protect', '--db', db.url, '--env', 'production'])).code).toBe(0)
    const client = await db.open()
    try {
      const marker = await readMarker(client)
      expect(marker).toMatchObject({ environment: 'production', overrides: ['2026-12-01T00:00:00.000Z ops@host SEEDGUARD_ALLOW_PRODUCTION: npm run seed'] })
      // the session the marker is read on refuses writes
      await expect(client.query('DELETE FROM _seedguard_environment')).rejects.toThrow()
    } finally {
      await client.close()
    }

    const removed = await run(['protect', '--db', db.url, '--remove'])
    expect(removed.code).toBe(0)
    expect(removed.stdout).toContain('ops@host SEEDGUARD_ALLOW_PRODUCTION: npm run seed')
    expect(removed.stdout).toContain('removed')
    expect((await run(['protect', '--db', db.url, '--show'])).stdout).toContain('no marker')
    expect((await run(['protect', '--db', db.url, '--remove'])).stdout).toContain('nothing changed')
  })

  it('a name that is not production says seeds still run', async () => {
    const { code, stdout } = await run(['protect', '--db', db.url, '--env', 'staging'])
    expect(code).toBe(0)
    expect(stdout).toContain('`staging` is not a production name: seeds through seedguard guard still run here')
    await run(['protect', '--db', db.url, '--remove'])
  })
})

describe('seedguard protect usage', () => {
  it('writes only to a database named with --db', async () => {
    const { code, stderr } = await run(['protect', '--env', 'production'], { DATABASE_URL: 'sqlite:./nowhere.db' })
    expect(code).toBe(2)
    expect(stderr).toContain('--db <url> is required to write the marker')
  })
  it('asks for exactly one action', async () => {
    expect((await run(['protect', '--db', 'sqlite:x.db'])).stderr).toContain('--env <name>, --show or --remove')
    expect((await run(['protect', '--db', 'sqlite:x.db', '--show', '--remove'])).stderr).toContain('--env <name>, --show or --remove')
  })
  it('does not create a SQLite file that is not there', async () => {
    const { code, stderr } = await run(['protect', '--db', `sqlite:${tmpdir()}/seedguard-missing-${process.pid}.db`, '--env', 'production'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/cannot open SQLite database .*missing/)
  })
})
