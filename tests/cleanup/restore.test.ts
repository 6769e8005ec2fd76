import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { TestDatabase } from '../verify/dialects.js'
import { DIALECTS } from '../verify/dialects.js'
import { main } from '../../src/cli/index.js'
import { run } from '../protect/run.js'
import { databaseName, dump, FILLER, staged } from './restore-fixture.js'

const FRESH = '00000000-0000-4000-8000-000000999999'
const created: TestDatabase[] = []
afterEach(async () => {
  for (const db of created.splice(0)) await db.drop()
})

describe.each(DIALECTS)('seedguard restore on $id', (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'seedguard-restore-'))
  const stage = async (name: string) => {
    const s = await staged(dialect, name, dir)
    created.push(s.db)
    return s
  }

  it('puts every archived row back exactly, parents first, with counters past the restored keys', async () => {
    const { db, family, archive, before, cleaned } = await stage('roundtrip')
    // the cleanup removed the seeded rows: the fixture is what it claims
    expect(cleaned.parent).toHaveLength(1)
    expect(cleaned.every_type!.length).toBeLessThan(before.every_type!.length)
    expect(cleaned.note).not.toEqual(before.note)

    const restored = await run(['restore', '--db', db.url, archive])
    expect(restored.stderr).toBe('')
    expect(restored.code).toBe(0)
    expect(restored.stdout).toMatch(/writing to .*: \d+ archived rows of 3 tables, one transaction/)
    expect(restored.stdout).toContain('  parent: 2 inserted')
    expect(restored.stdout).toContain('restored: committed')
    expect(await dump(db, family)).toEqual(before)

    // a row added without a key gets one above the restored ones
    await db.exec([`INSERT INTO parent (name) VALUES ('new')`, `INSERT INTO every_type (parent_id, u) VALUES (1, '${FRESH}')`])
    const client = await db.open()
    try {
      const [parent] = await client.query<{ id: unknown }>(`SELECT id FROM parent WHERE name = 'new'`)
      expect(Number(parent!.id)).toBeGreaterThan(3)
      const [child] = await client.query<{ id: unknown }>(`SELECT id FROM every_type WHERE u = '${FRESH}'`)
      expect(Number(child!.id)).toBeGreaterThan(100 + FILLER - 1)
    } finally {
      await client.close()
    }
  }, 120_000)

  it('refuses to restore twice, and a truncated archive, changing nothing', async () => {
    const { db, family, archive, before, cleaned } = await stage('twice')
    const lines = readFileSync(archive, 'utf8').split('\n')
    const withoutEnd = join(dir, `${dialect.id}-no-end.jsonl`)
    writeFileSync(withoutEnd, lines.slice(0, -2).join('\n') + '\n')
    const cut = join(dir, `${dialect.id}-cut.jsonl`)
    writeFileSync(cut, readFileSync(archive, 'utf8').slice(0, Math.floor(readFileSync(archive).length / 2)))
    for (const file of [withoutEnd, cut]) {
      const refused = await run(['restore', '--db', db.url, file])
      expect(refused.code).toBe(1)
      expect(refused.stderr).toMatch(/refused: archive is truncated/)
      expect(refused.stderr).toContain('nothing was changed')
    }
    expect(await dump(db, family)).toEqual(cleaned)

    // a note the cleanup detached has been given a parent since: the old one must not overwrite it
    await db.exec([`UPDATE note SET parent_id = 1 WHERE id = 2`])
    const moved = await run(['restore', '--db', db.url, archive])
    expect(moved.code).toBe(1)
    expect(moved.stderr).toContain('refused: 1 row(s) of note whose parent_id the cleanup set to NULL are gone or hold new values')
    await db.exec([`UPDATE note SET parent_id = NULL WHERE id = 2`])
    expect(await dump(db, family)).toEqual(cleaned)

    expect((await run(['restore', '--db', db.url, archive])).code).toBe(0)
    const again = await run(['restore', '--db', db.url, archive])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/refused: every_type already holds a row with the key of an archived one \(id = \d+\): was this archive restored already\?/)
    expect(await dump(db, family)).toEqual(before)
  }, 120_000)

  it('rolls everything back when a row fails midway', async () => {
    const { db, family, archive, cleaned } = await stage('midway')
    // a row the application added since, holding a unique value of the last archived row: the
    // parents and the first chunks go in, then the last chunk fails
    // (filler row 2498 belongs to parent 3)
    await db.exec([`INSERT INTO every_type (id, parent_id, u) VALUES (99999, 1, '00000000-0000-4000-8000-${String(100 + FILLER - 2).padStart(12, '0')}')`])
    const after = await dump(db, family)
    expect(after).not.toEqual(cleaned)
    const failed = await run(['restore', '--db', db.url, archive])
    expect(failed.code).toBe(2)
    expect(failed.stderr).toContain('rolled back: the database is as it was')
    expect(await dump(db, family)).toEqual(after)
  }, 120_000)

  it.runIf(dialect.id === 'postgres' || dialect.id === 'mysql')('restores into the database --db names: a copy on the same server, never the original', async () => {
    const source = await stage('source')
    const copy = await stage('copy')
    const restored = await run(['restore', '--db', copy.db.url, source.archive])
    expect(restored.stderr).toBe('')
    expect(restored.code).toBe(0)
    expect(await dump(copy.db, copy.family)).toEqual(copy.before)
    expect(await dump(source.db, source.family)).toEqual(source.cleaned)
  }, 120_000)

  it('refuses a database marked production unless SEEDGUARD_ALLOW_PRODUCTION names it', async () => {
    const { db, family, archive, before, cleaned } = await stage('marked')
    expect((await run(['protect', '--db', db.url, '--env', 'production'])).code).toBe(0)
    const refused = await run(['restore', '--db', db.url, archive])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/refusing to run `seedguard restore .*`: .* is marked `production`/)
    const wrongName = await run(['restore', '--db', db.url, archive], { SEEDGUARD_ALLOW_PRODUCTION: 'some_other_db' })
    expect(wrongName.code).toBe(1)
    expect(await dump(db, family)).toEqual(cleaned)

    const allowed = await run(['restore', '--db', db.url, archive], { SEEDGUARD_ALLOW_PRODUCTION: databaseName(db) })
    expect(allowed.stderr).toContain('PRODUCTION OVERRIDE')
    expect(allowed.code).toBe(0)
    expect(await dump(db, family)).toEqual(before)
    expect((await run(['protect', '--db', db.url, '--remove'])).code).toBe(0)
  }, 120_000)
})

it('shows its progress on a terminal, and says when there is no archive', async () => {
  const sqlite = DIALECTS.find((d) => d.id === 'sqlite')!
  const { db, family, archive, before } = await staged(sqlite, 'progress', mkdtempSync(join(tmpdir(), 'seedguard-restore-')))
  created.push(db)
  let stderr = ''
  const io = { stdout: { write: () => true }, stderr: { isTTY: true, write: (text: string) => (stderr += text) }, cwd: tmpdir(), env: {} }
  expect(await main(['restore', '--db', db.url, archive], io)).toBe(0)
  expect(stderr).toMatch(/\r\x1b\[Krestoring parent: 2\/2 rows….*\r\x1b\[Krestoring every_type: (\d{4})\/\1 rows…/)
  expect(stderr.endsWith('\r\x1b[K')).toBe(true)
  expect(await dump(db, family)).toEqual(before)

  const missing = await run(['restore', '--db', db.url, join(tmpdir(), 'no-such-archive.jsonl')])
  expect(missing.code).toBe(2)
  expect(missing.stderr).toMatch(/^seedguard restore: no archive at .*no-such-archive\.jsonl\n$/)
})

it('refuses an archive written from another kind of database', async () => {
  const sqlite = DIALECTS.find((d) => d.id === 'sqlite')!
  const { db, family, archive, cleaned } = await staged(sqlite, 'foreign', mkdtempSync(join(tmpdir(), 'seedguard-restore-')))
  created.push(db)
  const [header, ...rest] = readFileSync(archive, 'utf8').split('\n')
  const fromMysql = `${archive}.mysql`
  writeFileSync(fromMysql, [JSON.stringify({ ...JSON.parse(header!), dialect: 'mysql', database: 'mysql://app@db/shop' }), ...rest].join('\n'))
  const refused = await run(['restore', '--db', db.url, fromMysql])
  expect(refused.code).toBe(1)
  expect(refused.stderr).toContain('refused: the archive was written from a mysql database (mysql://app@db/shop); this is a sqlite database')
  expect(await dump(db, family)).toEqual(cleaned)
})
