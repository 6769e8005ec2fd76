// --prisma-schema maps models to tables (@@map), fields to columns (@map), finds creation columns by
// @default(now()) and relations the database does not declare. Needs @mrleebo/prisma-ast.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { connect } from '../../src/verify/dialects/index.js'
import { readPrismaSchema } from '../../src/verify/prisma-schema.js'
import { runVerify } from '../../src/verify/run.js'
import { parseDatabaseUrl } from '../../src/verify/url.js'

const parser = await import('@mrleebo/prisma-ast' as string).then(() => true, () => false)
const schema = join(import.meta.dirname, '..', 'fixtures', 'verify', 'prisma', 'schema.prisma')

describe.skipIf(!parser)('prisma schema', () => {
  it('reads models, tables, columns, the url variable', async () => {
    const facts = await readPrismaSchema(schema)
    expect(facts.urlVariable).toBe('PRIMARY_DB')
    expect(facts.models.map((m) => [m.name, m.table])).toEqual([['Member', 'member accounts'], ['Visit', 'visits']])
    const member = facts.models[0]!
    expect(member.fields.find((f) => f.name === 'email')).toMatchObject({ column: 'email_address' })
    expect(member.fields.find((f) => f.name === 'joined')).toMatchObject({ column: 'joined_on', createdNow: true })
    expect(member.fields.find((f) => f.name === 'touched')).toMatchObject({ updatedAt: true })
    expect(facts.models[1]!.fields.find((f) => f.name === 'member')?.relation).toEqual({ model: 'Member', fields: ['memberId'], references: ['id'] })
  })

  it('judges the mapped tables by their mapped columns', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'seedguard-prisma-')), 'dev.db')
    const db = new Database(file)
    // no FOREIGN KEY: relationMode = "prisma"; the relation comes from the schema
    db.exec(`CREATE TABLE "member accounts" (id INTEGER PRIMARY KEY, email_address TEXT, joined_on DATETIME, touched DATETIME);
      CREATE TABLE visits (id INTEGER PRIMARY KEY, member_ref INTEGER, at DATETIME);`)
    const t0 = Date.UTC(2026, 5, 1)
    const insert = db.prepare('INSERT INTO "member accounts" (email_address, joined_on, touched) VALUES (?, ?, ?)')
    for (let i = 0; i < 30; i++) insert.run(`p${i}.real@gmail.com`, new Date(t0 + i * 86_400_000).toISOString(), new Date(t0 + i * 86_400_000).toISOString())
    for (let i = 0; i < 20; i++) insert.run(`m${i}.real@gmail.com`, new Date(t0 + 40 * 86_400_000 + i * 10).toISOString(), new Date(t0 + 40 * 86_400_000 + i * 10).toISOString())
    for (let i = 31; i <= 50; i++) db.prepare('INSERT INTO visits (member_ref, at) VALUES (?, ?)').run(i, new Date(t0 + 50 * 86_400_000 + i * 3_600_000).toISOString())
    db.close()
    const client = await connect(parseDatabaseUrl(`sqlite:${file}`, '/'), { timeoutMs: 10_000 })
    const result = await runVerify(client, 'test', { prisma: await readPrismaSchema(schema) })
    await client.close()
    expect(result.indicators.find((i) => i.check === 'creation-bursts')).toMatchObject({ table: 'member accounts', column: 'joined_on', count: 20, severity: 'error' })
    expect(result.indicators.find((i) => i.check === 'seeded-children')).toMatchObject({ table: 'visits', column: 'member_ref', count: 20 })
  })
})
