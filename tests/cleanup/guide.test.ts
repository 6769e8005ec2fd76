import { afterEach, describe, expect, it } from 'vitest'
import { runVerify } from '../../src/verify/run.js'
import { DIALECTS, type TestDatabase, type TestDialect } from '../verify/dialects.js'
import { guide } from './guide.js'
import { apply, dump, ids, optionsFor, plan } from './helpers.js'
import { insertRows, schemaSql } from './schema.js'

const GUIDE = guide()
const TABLES = ['Admin', 'User', 'Session', 'Payment', 'Report'] as const

describe.each(DIALECTS)('cleanup of the guide’s schema on $id', (dialect: TestDialect) => {
  let db: TestDatabase | undefined
  const fresh = async (name: string) => (db = await dialect.createWith(name, (family) => schemaSql(family, GUIDE.tables)))
  afterEach(async () => {
    await db?.drop()
    db = undefined
  }, 60_000)

  it('plans exactly the seed run: its users, their sessions, payments and reports, and the seeded admin; writes nothing', async () => {
    const db = await fresh('cleanup_plan')
    const before = await dump(db, [...TABLES])
    const planned = await plan(db, dialect.id, optionsFor(db))
    expect(planned.problems).toEqual([])
    const rows = Object.fromEntries(planned.steps.map((s) => [s.table, s.rows]))
    expect(rows).toEqual(Object.fromEntries(TABLES.map((t) => [t, GUIDE.seeded[t].length])))
    // children first: every table referencing User before it
    const order = planned.steps.map((s) => s.table)
    for (const child of ['Session', 'Payment', 'Report']) expect(order.indexOf(child)).toBeLessThan(order.indexOf('User'))
    expect(planned.kept).toContainEqual({ table: 'Admin', rows: 1, why: 'admin accounts (the Admin table)' })
    expect(planned.notes.filter((n) => !n.includes('has no index'))).toEqual(['1 admin account flagged as seeded is not kept'])
    expect(planned.hash).toMatch(/^[0-9a-f]{64}$/)
    expect((await plan(db, dialect.id, optionsFor(db))).hash).toBe(planned.hash)
    expect(await dump(db, [...TABLES])).toEqual(before)
  }, 120_000)

  it('says which foreign keys the database would check by reading the child table whole, and the index that avoids it', async () => {
    const db = await fresh('cleanup_unindexed')
    const unindexed = (notes: string[]) => notes.filter((n) => n.includes('has no index')).map((n) => n.split(' ')[0])
    // InnoDB indexes every foreign key itself
    const expected = dialect.id === 'mysql' ? [] : ['Session.userId', 'Payment.userId', 'Report.userId']
    expect(unindexed((await plan(db, dialect.id, optionsFor(db))).notes).sort()).toEqual([...expected].sort())
    const schema = db.schemas?.[0]
    const table = (name: string) => (schema ? `${dialect.id === 'mysql' ? '`' : '"'}${schema}${dialect.id === 'mysql' ? '`' : '"'}.` : '') + (dialect.id === 'mysql' ? `\`${name}\`` : `"${name}"`)
    const column = dialect.id === 'mysql' ? '`userId`' : '"userId"'
    await db.exec([`CREATE INDEX sessions_by_user ON ${table('Session')} (${column})`])
    expect(unindexed((await plan(db, dialect.id, optionsFor(db))).notes).sort()).toEqual(expected.filter((n) => n !== 'Session.userId').sort())
  }, 120_000)

  it('applies it: exactly those rows go, into the archive first; every organic row and the founder stay; verify is clean after', async () => {
    const db = await fresh('cleanup_apply')
    const options = optionsFor(db)
    const planned = await plan(db, dialect.id, options)
    const { outcome, archive } = await apply(db, dialect.id, options, planned.hash)
    expect(outcome.status).toBe('applied')
    expect(archive!.state).toBe('finished')
    for (const table of TABLES) {
      const all = GUIDE.tables.find((t) => t.name === table)!.rows.map((r) => Number(r[0]))
      expect(await ids(db, table)).toEqual(all.filter((id) => !GUIDE.seeded[table].includes(id)))
      expect(archive!.ids(table)).toEqual(GUIDE.seeded[table])
    }
    if (outcome.status === 'applied') expect(outcome.counts.find((c) => c.table === 'User')).toEqual({ table: 'User', before: 340, after: 300 })
    const client = await db.open()
    try {
      const result = await runVerify(client, 'test', { schemas: db.schemas })
      expect(result.indicators.filter((i) => i.severity === 'error')).toEqual([])
      expect(result.verdict).toBe('clean')
    } finally {
      await client.close()
    }
  }, 120_000)

  it('--scope all empties every table but the founder’s admin account (the guide’s Users: 0 … Admin accounts: 1)', async () => {
    const db = await fresh('cleanup_all')
    const options = optionsFor(db, { scope: 'all' })
    const planned = await plan(db, dialect.id, options)
    const { outcome } = await apply(db, dialect.id, options, planned.hash)
    expect(outcome.status).toBe('applied')
    for (const table of ['User', 'Session', 'Payment', 'Report']) expect(await ids(db, table)).toEqual([])
    expect(await ids(db, 'Admin')).toEqual([1])
  }, 120_000)

  it('refuses the old hash when a seeded row was added or changed since, and changes nothing', async () => {
    const db = await fresh('cleanup_changed')
    const options = optionsFor(db)
    const planned = await plan(db, dialect.id, options)
    const q = (name: string) => (dialect.id === 'mysql' ? `\`${name}\`` : `"${name}"`)
    const family = dialect.id === 'pglite' ? 'postgres' : dialect.id
    const user = GUIDE.tables[1]!
    const one = GUIDE.seeded.User[0]!
    for (const change of [
      [`UPDATE ${q('User')} SET ${q('name')} = 'Test User One' WHERE ${q('id')} = ${one}`],
      insertRows(family, user, [[1000, 'user41@test.com', 'Test User 41', 'user41', user.rows.find((r) => r[0] === one)![4], user.rows.find((r) => r[0] === one)![5]]]),
    ]) {
      await db.exec(change)
      const before = await dump(db, [...TABLES])
      const { outcome, archive } = await apply(db, dialect.id, options, planned.hash)
      expect(outcome.status).toBe('refused')
      if (outcome.status === 'refused') expect(outcome.message).toContain('the data changed since the plan was made')
      expect(archive!.state).toBe('aborted')
      expect(await dump(db, [...TABLES])).toEqual(before)
    }
  }, 120_000)

  it('an archive that fails midway rolls everything back', async () => {
    const db = await fresh('cleanup_fails')
    const options = optionsFor(db)
    const before = await dump(db, [...TABLES])
    const planned = await plan(db, dialect.id, options)
    await expect(apply(db, dialect.id, options, planned.hash, { failAt: 30 })).rejects.toThrow('no space left on device')
    expect(await dump(db, [...TABLES])).toEqual(before)
  }, 120_000)
})
