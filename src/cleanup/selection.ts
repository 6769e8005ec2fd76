// The rows a cleanup starts from: per table, every row the indicators at the failing severity
// flag (their exhaustive selectors, never the samples they print), or with --scope all every row of
// the chosen tables. Kept rows and the rows reached through foreign keys come after (keep.ts, closure.ts).
import { MARKER_TABLE } from '../protect/marker.js'
import type { Indicator, RowSelector, Table } from '../verify/types.js'
import { KeySet } from './key-sets.js'
import { tablePages } from './rows.js'
import { countRows, type CleanupSession } from './session.js'
import type { CleanupOptions, Reason } from './types.js'

/** checks whose indicators name no rows of their own: admin-accounts counts, seeded-children's rows are reached through foreign keys */
const ROWLESS = new Set(['admin-accounts', 'seeded-children'])

export interface Selected {
  keys: KeySet
  reasons: Reason[]
}

export interface Selection {
  /** the rows to delete before kept rows are taken out and foreign keys followed */
  start: Map<Table, Selected>
  /** the rows the verifier flags, whatever the scope: an admin account among them is not kept */
  flagged: Map<Table, KeySet>
  notes: string[]
  problems: string[]
}

/** `tables` is the whole graph; `indicators` the verifier's, found on the same session */
export async function selectRows(session: CleanupSession, tables: Table[], indicators: readonly Indicator[], options: CleanupOptions): Promise<Selection> {
  const failing = options.verify.failOn === 'warning' ? ['error', 'warning'] : ['error']
  const flagged = new Map<Table, Selected>()
  const notes: string[] = []
  const problems: string[] = []
  for (const indicator of indicators) {
    if (!failing.includes(indicator.severity) || ROWLESS.has(indicator.check)) continue
    const table = tables.find((t) => t.display === indicator.table)
    if (!indicator.select || !table) {
      notes.push(`${indicator.check} on ${indicator.table} names no rows to delete: ${indicator.message}`)
      continue
    }
    if (table.primaryKey.length === 0) {
      problems.push(`${table.display} has no primary key: its rows cannot be named one by one, so they cannot be archived and restored exactly (flagged by ${indicator.check})`)
      continue
    }
    let entry = flagged.get(table)
    if (!entry) flagged.set(table, (entry = { keys: await KeySet.create(session, table), reasons: [] }))
    const rows = await addSelected(session, entry.keys, indicator.select)
    entry.reasons.push({ why: `${indicator.check}${indicator.column ? ` (${indicator.column})` : ''}: ${indicator.message}`, rows })
    if (indicator.select.caveat) notes.push(`${table.display}, ${indicator.check}: ${indicator.select.caveat}`)
  }
  const flaggedKeys = new Map([...flagged].map(([table, entry]) => [table, entry.keys]))
  if (options.scope === 'seeded') return { start: flagged, flagged: flaggedKeys, notes, problems }
  const start = new Map<Table, Selected>()
  for (const table of chosenTables(tables, options)) {
    if (table.primaryKey.length === 0) {
      problems.push(`${table.display} has no primary key: its rows cannot be named one by one, so they cannot be archived and restored exactly (leave it out: --table names the tables to empty)`)
      continue
    }
    const keys = await KeySet.create(session, table)
    await keys.addWhere('1 = 1')
    start.set(table, { keys, reasons: [{ why: '--scope all: every row of the table', rows: await keys.count() }] })
  }
  return { start, flagged: flaggedKeys, notes, problems }
}

/** --table's tables, or every table but migration bookkeeping, seedguard's own marker and those --ignore-table leaves out */
function chosenTables(tables: Table[], options: CleanupOptions): Table[] {
  if (options.tables?.length) return options.tables.map((name) => findTable(tables, name))
  const ignored = (options.verify.ignoreTables ?? []).map((name) => name.toLowerCase())
  const kept = (t: Table) => !ignored.includes(t.ref.name.toLowerCase()) && !ignored.includes(t.display.toLowerCase()) && !ignored.includes(`${t.ref.schema}.${t.ref.name}`.toLowerCase())
  return tables.filter((t) => !t.system && t.ref.name !== MARKER_TABLE && kept(t))
}

/** a table by the name the verifier shows (`auth.users`) or its own, ignoring case; throws a usage error naming the tables there are */
export function findTable(tables: Table[], name: string): Table {
  const wanted = name.toLowerCase()
  const found = tables.find((t) => t.display.toLowerCase() === wanted) ?? tables.find((t) => t.ref.name.toLowerCase() === wanted)
  if (!found) throw new SelectionError(`no table ${name} here (tables: ${tables.map((t) => t.display).join(', ') || 'none'})`)
  return found
}

export class SelectionError extends Error {
  override name = 'SelectionError'
}

/** adds the rows `select` names; returns how many it names */
async function addSelected(session: CleanupSession, keys: KeySet, select: RowSelector): Promise<number> {
  const { refine } = select
  if (!refine) {
    await keys.addWhere(`(${select.where})`)
    return countRows(session, keys.table, `(${select.where})`)
  }
  // the check decides in Node: its candidates a chunk at a time, the accepted keys back into the set
  const { sql } = session
  const list = refine.columns.map((c, i) => `${sql.quote(c)} AS ${sql.quote(`c${i}`)}`).join(', ')
  let accepted = 0
  for await (const page of tablePages(session, keys.table, select.where, list, refine.columns.length)) {
    const chosen = page.filter((row) => refine.accepts(row.values)).map((row) => row.key)
    accepted += chosen.length
    await keys.addKeys(chosen)
  }
  return accepted
}
