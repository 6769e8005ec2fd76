// What each ON DELETE rule makes of the rows a cleanup reaches: CASCADE children deleted first, a
// table that references itself emptied leaf by leaf, a join table keyed on two columns, SET NULL
// children updated and archived, and a kept row keeping what it references.
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS, type TestDatabase, type TestDialect } from '../verify/dialects.js'
import { apply, dump, optionsFor, plan, withTarget } from './helpers.js'
import { quoteFor, schemaSql, type TableSpec } from './schema.js'
import { OPTIONS, TABLES, teams } from './teams.js'
import { cleanupSession } from '../../src/cleanup/session.js'

describe.each(DIALECTS)('cleanup through foreign keys on $id', (dialect: TestDialect) => {
  let db: TestDatabase | undefined
  afterEach(async () => {
    await db?.drop()
    db = undefined
  }, 60_000)

  it('reads each foreign key’s ON DELETE rule from the catalog', async () => {
    db = await dialect.createWith('cleanup_catalog', (family) => schemaSql(family, teams()))
    const rules = await withTarget(db, async (target) => {
      const session = cleanupSession(target.session, target.dialect)
      const catalog = await session.sql.readCatalog(session.reader, db!.schemas)
      return Object.fromEntries(catalog.tables.flatMap((t) => t.foreignKeys.map((fk) => [`${t.name}.${fk.columns.join()}`, fk.onDelete])))
    })
    expect(rules).toEqual({ 'member.team_id': 'cascade', 'member.manager_id': 'cascade', 'project.lead_id': 'set null', 'membership.member_id': 'cascade', 'membership.project_id': 'cascade' })
  }, 120_000)

  it('deletes the CASCADE children first (leaf by leaf where a table references itself), sets SET NULL columns, keeps what kept rows reference', async () => {
    db = await dialect.createWith('cleanup_rules', (family) => schemaSql(family, teams()))
    const options = optionsFor(db, OPTIONS)
    const planned = await plan(db, dialect.id, options)
    expect(planned.problems).toEqual([])
    expect(planned.steps.map((s) => [s.table, s.action, s.rows])).toEqual([['project', 'set-null', 1], ['membership', 'delete', 3], ['member', 'delete', 3], ['team', 'delete', 1]])
    expect(planned.kept).toEqual([
      { table: 'member', rows: 1, why: '--keep-where id = 3' },
      expect.objectContaining({ table: 'member', rows: 2, why: expect.stringContaining('referenced by kept rows') }),
      expect.objectContaining({ table: 'team', rows: 1, why: expect.stringContaining('referenced by kept rows') }),
    ])
    const { outcome, archive } = await apply(db, dialect.id, options, planned.hash)
    expect(outcome.status).toBe('applied')
    const after = await dump(db, TABLES)
    expect(after.team).toEqual(['[1,"core"]'])
    expect(after.member!.map((r) => JSON.parse(r)[0])).toEqual([1, 2, 3])
    expect(after.project!.map((r) => JSON.parse(r).slice(0, 2))).toEqual([[1, null], [2, 1]])
    expect(after.membership!.map((r) => JSON.parse(r).slice(0, 2))).toEqual([[1, 1], [3, 1]])
    // the SET NULL section holds the key and the old value, for restore's UPDATE
    const nulled = archive!.sections.find((s) => s.table.action === 'set-null')!
    expect(nulled.table.columns.map((c) => c.name)).toEqual(['id', 'lead_id'])
    expect(nulled.rows.map((r) => r.map(Number))).toEqual([[1, 4]])
    expect(archive!.sections.find((s) => s.table.display === 'membership')!.table.key).toEqual(['member_id', 'project_id'])
  }, 120_000)

  it('--scope all leaves out what --ignore-table names, except where foreign keys reach it', async () => {
    db = await dialect.createWith('cleanup_ignored', (family) => schemaSql(family, teams()))
    const planned = await plan(db, dialect.id, optionsFor(db, { scope: 'all', keepWhere: OPTIONS.keepWhere, verify: { ignoreTables: ['project'] } }))
    expect(planned.steps.map((s) => [s.table, s.action, s.rows])).toEqual([['project', 'set-null', 1], ['membership', 'delete', 5], ['member', 'delete', 3], ['team', 'delete', 1]])
  }, 120_000)

  it('will not delete rows it cannot name: a table without a primary key that references deleted rows stops the plan (exit 2 in the CLI), and apply', async () => {
    const notes: TableSpec = { name: 'note', columns: [['member_id', 'int'], ['text', 'text']], primaryKey: [], foreignKeys: [{ column: 'member_id', references: 'member', onDelete: 'cascade' }], rows: [[5, 'on call'], [1, 'founder']] }
    db = await dialect.createWith('cleanup_unkeyed', (family) => schemaSql(family, [...teams(), notes]))
    const options = optionsFor(db, OPTIONS)
    const planned = await plan(db, dialect.id, options)
    expect(planned.problems).toEqual(['note has no primary key, and 1 row of it references rows the cleanup deletes (note.member_id): they cannot be archived and restored exactly'])
    const before = await dump(db, [...TABLES, 'note'])
    await expect(apply(db, dialect.id, options, planned.hash)).rejects.toThrow('the plan cannot be applied: note has no primary key')
    expect(await dump(db, [...TABLES, 'note'])).toEqual(before)
  }, 120_000)

  it('will not follow a foreign key of several columns, and says so rather than let the database cascade unarchived', async () => {
    db = await dialect.createWith('cleanup_composite', (family) => {
      const q = quoteFor(family)
      return [
        ...schemaSql(family, teams()),
        `CREATE TABLE ${q('review')} (${q('id')} INTEGER PRIMARY KEY, ${q('member_id')} INTEGER NOT NULL, ${q('project_id')} INTEGER NOT NULL, FOREIGN KEY (${q('member_id')}, ${q('project_id')}) REFERENCES ${q('membership')} (${q('member_id')}, ${q('project_id')}) ON DELETE CASCADE)`,
        `INSERT INTO ${q('review')} VALUES (1, 4, 1)`,
      ]
    })
    const planned = await plan(db, dialect.id, optionsFor(db, OPTIONS))
    expect(planned.problems).toEqual(['review (member_id, project_id) references membership through a foreign key of several columns (ON DELETE CASCADE), which the cleanup does not follow: rows there could stop it or change without being archived'])
  }, 120_000)

  // InnoDB checks RESTRICT row by row: a manager deleted before the member it manages would fail
  it('follows RESTRICT the same way: the referencing rows go first, leaf by leaf within the table', async () => {
    db = await dialect.createWith('cleanup_restrict', (family) => schemaSql(family, teams('restrict')))
    const options = optionsFor(db, OPTIONS)
    const planned = await plan(db, dialect.id, options)
    const { outcome } = await apply(db, dialect.id, options, planned.hash)
    expect(outcome.status).toBe('applied')
    expect((await dump(db, ['member'])).member!.map((r) => JSON.parse(r)[0])).toEqual([1, 2, 3])
  }, 120_000)
})
