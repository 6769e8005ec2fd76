// Rows a cleanup never deletes: the admin accounts the verifier's discovery finds (an Admin table,
// role or is_admin columns, --admin-table / --admin-where), less those it flags as seeded, and what
// --keep-where names. A database is never left without an admin: when every admin account is
// flagged, all of them stay and the plan says so.
import type { AdminSource, Table } from '../verify/types.js'
import { plural } from '../verify/format.js'
import { KeySet } from './key-sets.js'
import { findTable } from './selection.js'
import { countRows, type CleanupSession } from './session.js'
import type { KeepRule, KeptRows } from './types.js'

export interface Keep {
  rows: Map<Table, KeySet>
  kept: KeptRows[]
  notes: string[]
}

export async function keptRows(session: CleanupSession, tables: Table[], admins: AdminSource[], flagged: Map<Table, KeySet>, rules: KeepRule[]): Promise<Keep> {
  const rows = new Map<Table, KeySet>()
  const kept: KeptRows[] = []
  const notes: string[] = []
  const setOf = async (table: Table) => rows.get(table) ?? (rows.set(table, await KeySet.create(session, table)), rows.get(table)!)
  const count = (table: Table, where: string) => countRows(session, table, where)
  const sources = admins.filter((a) => a.table.primaryKey.length > 0)
  const of = (source: AdminSource) => `(${source.where ?? '1 = 1'})`
  const notFlagged = (source: AdminSource) => {
    const seeded = flagged.get(source.table)
    return seeded ? `${of(source)} AND NOT ${seeded.contains}` : of(source)
  }
  let total = 0
  let organic = 0
  for (const source of sources) {
    total += await count(source.table, of(source))
    organic += await count(source.table, notFlagged(source))
  }
  const everyAdminFlagged = total > 0 && organic === 0
  if (everyAdminFlagged) notes.push(`every admin account is flagged as seeded (${total}): all of them are kept, as a database left without an admin locks its owners out; name the one to keep with --admin-where and run the plan again to remove the others`)
  else if (total > organic) notes.push(`${plural(total - organic, 'admin account')} flagged as seeded ${total - organic === 1 ? 'is' : 'are'} not kept`)
  for (const source of sources) {
    const where = everyAdminFlagged ? of(source) : notFlagged(source)
    await (await setOf(source.table)).addWhere(where)
    kept.push({ table: source.table.display, rows: await count(source.table, where), why: `admin accounts (${source.why})` })
  }
  for (const rule of rules) {
    const table = findTable(tables, rule.table)
    await (await setOf(table)).addWhere(`(${rule.where})`)
    kept.push({ table: table.display, rows: await count(table, `(${rule.where})`), why: `--keep-where ${rule.where}` })
  }
  return { rows, kept, notes }
}
