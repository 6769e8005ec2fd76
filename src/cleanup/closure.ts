// The rows a cleanup reaches through foreign keys, as the database's own ON DELETE rules would,
// done by the cleanup itself so that every row is archived first:
// - CASCADE, RESTRICT, NO ACTION: the referencing rows are deleted too, before the row they
//   reference, and theirs in turn (self-references and cycles end: a key enters a set once);
// - SET NULL, SET DEFAULT: the referencing rows stay, their column is updated (archived as `set-null`);
// - a kept row that references a row to delete keeps that row, and what it references in turn.
// https://www.postgresql.org/docs/current/ddl-constraints.html#DDL-CONSTRAINTS-FK ;
// https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html#foreign-key-referential-actions ;
// https://www.sqlite.org/foreignkeys.html#fk_actions
import type { OnDelete } from '../verify/dialects/types.js'
import { plural } from '../verify/format.js'
import type { Link, Table } from '../verify/types.js'
import { KeySet } from './key-sets.js'
import type { Selected } from './selection.js'
import { countRows, type CleanupSession } from './session.js'
import type { KeptRows } from './types.js'

const DELETING: readonly OnDelete[] = ['cascade', 'restrict', 'no action']

/** A foreign key: `child`'s `link.column` references `link.references`. */
export interface Edge {
  child: Table
  link: Link
}

export interface NullStep {
  edge: Edge
  keys: KeySet
  rows: number
}

export interface Closure {
  /** per table, the rows to delete and why */
  deletes: Map<Table, Selected>
  /** the rows whose foreign-key column is set to NULL (or its default) */
  nulls: NullStep[]
  /** rows that stay because kept rows reference them */
  blocked: KeptRows[]
  problems: string[]
}

export function edgesOf(tables: Table[]): Edge[] {
  return tables.flatMap((child) => child.links.map((link) => ({ child, link })))
}

export async function closeOver(session: CleanupSession, tables: Table[], start: Map<Table, Selected>, keep: Map<Table, KeySet>): Promise<Closure> {
  const edges = edgesOf(tables)
  const deleting = edges.filter((e) => DELETING.includes(e.link.onDelete))
  const problems: string[] = []
  const deletes = new Map<Table, Selected>()
  const stages = new Map<Table, KeySet>()
  const stage = async (table: Table) => {
    const found = stages.get(table) ?? (stages.set(table, await KeySet.create(session, table)), stages.get(table)!)
    await found.clear()
    return found
  }
  // every table the start reaches through deleting foreign keys
  const reached = [...start.keys()]
  for (let i = 0; i < reached.length; i++) for (const e of deleting) if (e.link.references === reached[i] && !reached.includes(e.child)) reached.push(e.child)
  for (const table of reached) if (table.primaryKey.length > 0) deletes.set(table, { keys: await KeySet.create(session, table), reasons: [] })

  const fill = async (blocked: Map<Table, KeySet>) => {
    for (const [table, selected] of start) {
      const target = deletes.get(table)!
      target.reasons = [...selected.reasons]
      const spared = [keep.get(table), blocked.get(table)].filter((k): k is KeySet => k !== undefined).map((k) => ` AND NOT ${k.contains}`)
      await target.keys.addWhere(`${selected.keys.contains}${spared.join('')}`)
    }
    await propagate()
  }
  const referencing = (e: Edge, parent: KeySet) => `${q(session, e.link.column)} IN (SELECT ${q(session, e.link.referencedColumn)} FROM ${parent.table.sql} WHERE ${parent.contains})`
  const propagate = async () => {
    for (let grew = true; grew; ) {
      grew = false
      for (const e of deleting) {
        const parent = deletes.get(e.link.references)
        if (!parent) continue
        const target = deletes.get(e.child)
        // a table without a primary key: judged once the closure is final, below
        if (!target) continue
        const found = await stage(e.child)
        await found.addWhere(referencing(e, parent.keys))
        const before = await target.keys.count()
        await target.keys.addAll(found)
        const added = (await target.keys.count()) - before
        if (added === 0) continue
        grew = true
        const why = `reached from ${e.link.references.display} through ${e.child.display}.${e.link.column} (ON DELETE ${e.link.onDelete.toUpperCase()})`
        const reason = target.reasons.find((r) => r.why === why)
        if (reason) reason.rows += added
        else target.reasons.push({ why, rows: added })
      }
    }
  }
  await fill(new Map())

  // kept rows among those reached, and upward every row they hold through a deleting foreign key
  const blocked = new Map<Table, KeySet>()
  for (const [table, kept] of keep) {
    const target = deletes.get(table)
    if (!target) continue
    const set = await KeySet.create(session, table)
    await set.addWhere(`${target.keys.contains} AND ${kept.contains}`)
    if ((await set.count()) > 0) blocked.set(table, set)
  }
  for (let grew = blocked.size > 0; grew; ) {
    grew = false
    for (const e of deleting) {
      const holding = blocked.get(e.child)
      const parent = deletes.get(e.link.references)
      if (!holding || !parent) continue
      const found = await stage(e.link.references)
      await found.addWhere(`${parent.keys.contains} AND ${q(session, e.link.referencedColumn)} IN (SELECT ${q(session, e.link.column)} FROM ${e.child.sql} WHERE ${holding.contains})`)
      const set = blocked.get(parent.keys.table) ?? (blocked.set(parent.keys.table, await KeySet.create(session, parent.keys.table)), blocked.get(parent.keys.table)!)
      const before = await set.count()
      await set.addAll(found)
      if ((await set.count()) > before) grew = true
    }
  }
  const held: KeptRows[] = []
  if (blocked.size > 0) {
    for (const { keys } of deletes.values()) await keys.clear()
    await fill(blocked)
    for (const [table, set] of blocked) {
      const kept = keep.get(table)
      const [row] = await session.writable.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${set.name}${kept ? ` WHERE NOT ${kept.contains}` : ''}`)
      const n = Number(row?.n ?? 0)
      if (n > 0) held.push({ table: table.display, rows: n, why: 'referenced by kept rows, through foreign keys that would delete or block them' })
    }
  }

  for (const e of deleting) {
    const parent = deletes.get(e.link.references)
    if (!parent || deletes.has(e.child)) continue
    const n = await countRows(session, e.child, referencing(e, parent.keys))
    if (n > 0) problems.push(`${e.child.display} has no primary key, and ${plural(n, 'row')} of it ${n === 1 ? 'references' : 'reference'} rows the cleanup deletes (${e.child.display}.${e.link.column}): they cannot be archived and restored exactly`)
  }
  const nulls: NullStep[] = []
  for (const e of edges) {
    if (DELETING.includes(e.link.onDelete)) continue
    const parent = deletes.get(e.link.references)
    if (!parent) continue
    if (e.child.primaryKey.length === 0) {
      if ((await countRows(session, e.child, referencing(e, parent.keys))) > 0) problems.push(`${e.child.display} has no primary key: the rows whose ${e.link.column} the cleanup would set to ${e.link.onDelete === 'set null' ? 'NULL' : 'its default'} cannot be archived and restored exactly`)
      continue
    }
    const keys = await KeySet.create(session, e.child)
    await keys.addWhere(referencing(e, parent.keys))
    const own = deletes.get(e.child)
    if (own) await keys.remove(own.keys.contains)
    const rows = await keys.count()
    if (rows > 0) nulls.push({ edge: e, keys, rows })
  }
  return { deletes, nulls, blocked: held.sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0)), problems }
}

const q = (session: CleanupSession, name: string) => session.sql.quote(name)
