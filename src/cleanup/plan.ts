// The cleanup plan: the verifier's indicators on this session, the rows they flag (or every row of
// the chosen tables), less the kept ones, with what foreign keys reach, in the order the statements
// run, and the hash over all of it. `--plan` computes it and rolls back; `--apply` computes it again
// inside the transaction that deletes (apply.ts).
import { discover } from '../verify/discover.js'
import { runVerify } from '../verify/run.js'
import type { Table } from '../verify/types.js'
import type { ArchivedTable, ArchiveWriter, JsonValue, RowCodec } from './archive/types.js'
import { closeOver, edgesOf, type Edge } from './closure.js'
import { PlanHasher } from './hash.js'
import { keptRows } from './keep.js'
import type { KeySet } from './key-sets.js'
import { deletionOrder } from './order.js'
import { tablePages } from './rows.js'
import { unindexedForeignKeys } from './unindexed.js'
import { selectRows } from './selection.js'
import { begin, cleanupSession, rollback, type CleanupSession } from './session.js'
import type { CleanupOptions, CleanupPlan, PlanStep } from './types.js'
import type { WritableSession } from '../protect/writable.js'
import type { DialectId } from '../verify/dialects/types.js'

/** The database a cleanup runs on: a writable session it may use as it likes. */
export interface CleanupTarget {
  session: WritableSession
  dialect: DialectId
  /** the database, masked, as the verifier names it */
  database: string
  /** the limit for one statement, in ms (0: none) */
  timeoutMs: number
}

export type CleanupProgress = { phase: 'reading' | 'archiving' | 'deleting' | 'updating'; table: string; rows: number; of: number }

/** One statement of the plan with the rows it touches. */
export interface Section {
  step: PlanStep
  table: Table
  keys: KeySet
  archived: ArchivedTable
  /** set-null: the foreign key whose column is updated */
  edge?: Edge
}

export interface ComputedPlan {
  plan: Omit<CleanupPlan, 'hash'>
  /** the statements in the order they run: updates, then deletes children first */
  sections: Section[]
}

/** Computes the plan and its hash, writing nothing: the transaction it opens always rolls back. */
export async function planCleanup(target: CleanupTarget, options: CleanupOptions, codec: RowCodec, onProgress?: (p: CleanupProgress) => void): Promise<CleanupPlan> {
  const session = cleanupSession(target.session, target.dialect)
  await begin(session, target.timeoutMs)
  try {
    const computed = await computePlan(session, target.database, options)
    const hash = await streamSections(session, computed.sections, options, codec, undefined, onProgress)
    return { ...computed.plan, hash }
  } finally {
    await rollback(session).catch(() => {})
  }
}

/** The plan on an open transaction; its key sets stay in the session's temporary tables. */
export async function computePlan(session: CleanupSession, database: string, options: CleanupOptions): Promise<ComputedPlan> {
  const result = await runVerify(session.reader, database, { ...options.verify, connections: 1 })
  // the whole graph, whatever --ignore-table leaves out of the verdict: a row there that references a
  // deleted one is reached all the same
  const graph = await discover(session.reader, { ...options.verify, ignoreTables: undefined })
  const problems = [
    ...(result.problem ? [result.problem] : []),
    ...graph.unchecked.map((u) => `${u.table} cannot be read (${u.why}): a row there that references one the cleanup deletes would stop it, or be deleted by the database without being archived`),
  ]
  const selection = await selectRows(session, graph.tables, result.indicators, options)
  const keep = await keptRows(session, graph.tables, graph.admins, selection.flagged, options.keepWhere ?? [])
  const closure = await closeOver(session, graph.tables, selection.start, keep.rows)
  problems.push(...(await unfollowedKeys(session, graph.tables, closure.deletes, options)))
  const sections: Section[] = []
  for (const { edge, keys, rows } of closure.nulls) {
    const { child, link } = edge
    const step: PlanStep = { table: child.display, action: 'set-null', column: link.column, rows, reasons: [{ why: `ON DELETE ${link.onDelete.toUpperCase()} of ${link.references.display} rows the cleanup deletes`, rows }] }
    const columns = [...child.primaryKey.filter((c) => c !== link.column), link.column].map((name) => columnOf(child, name))
    sections.push({ step, table: child, keys, edge, archived: { table: child.ref, display: child.display, action: 'set-null', columns, key: child.primaryKey } })
  }
  const affected: Table[] = []
  const counted = new Map<Table, number>()
  for (const [table, { keys }] of closure.deletes) {
    const rows = await keys.count()
    if (rows > 0) affected.push(table), counted.set(table, rows)
  }
  const order = deletionOrder(affected, edgesOf(graph.tables).filter((e) => affected.includes(e.child)))
  for (const table of order) {
    const { keys, reasons } = closure.deletes.get(table)!
    const step: PlanStep = { table: table.display, action: 'delete', rows: counted.get(table)!, reasons }
    sections.push({ step, table, keys, archived: { table: table.ref, display: table.display, action: 'delete', columns: table.columns.map((c) => columnOf(table, c.name)), key: table.primaryKey } })
  }
  return {
    plan: {
      database,
      dialect: session.sql.id,
      scope: options.scope,
      steps: sections.map((s) => s.step),
      kept: [...keep.kept, ...closure.blocked],
      notes: [...selection.notes, ...keep.notes, ...(await unindexedForeignKeys(session, graph.tables, counted))],
      problems: [...problems, ...selection.problems, ...closure.problems],
    },
    sections,
  }
}

/** Reads every section's rows in key order into the hash (and the archive, when one is given); returns the hash. */
export async function streamSections(session: CleanupSession, sections: Section[], options: CleanupOptions, codec: RowCodec, archive?: ArchiveWriter, onProgress?: (p: CleanupProgress) => void): Promise<string> {
  const hasher = new PlanHasher(options)
  for (const { archived, table, keys, step } of sections) {
    hasher.section(archived)
    await archive?.table(archived)
    let rows = 0
    for await (const page of tablePages(session, table, keys.contains, codec.selectList(archived.columns), archived.columns.length)) {
      for (const { values } of page) {
        hasher.row(values.map((v, i): JsonValue => codec.encode(v, archived.columns[i]!)))
        await archive?.row(values)
      }
      rows += page.length
      onProgress?.({ phase: archive ? 'archiving' : 'reading', table: table.display, rows, of: step.rows })
    }
  }
  return hasher.digest()
}

/**
 * Foreign keys of several columns, which discovery does not turn into links: the closure cannot
 * follow them, so where one references a table the plan deletes from, the database would stop the
 * DELETE or, with ON DELETE CASCADE or SET NULL, change rows that were never archived.
 */
async function unfollowedKeys(session: CleanupSession, tables: Table[], deletes: Map<Table, { keys: KeySet }>, options: CleanupOptions): Promise<string[]> {
  const catalog = await session.sql.readCatalog(session.reader, options.verify.schemas)
  const problems: string[] = []
  for (const entry of catalog.tables) {
    for (const fk of entry.foreignKeys) {
      if (fk.columns.length < 2) continue
      const parent = tables.find((t) => t.ref.name === fk.references.name && (t.ref.schema ?? '') === (fk.references.schema ?? entry.schema ?? ''))
      if (!parent || !deletes.has(parent) || (await deletes.get(parent)!.keys.count()) === 0) continue
      problems.push(`${entry.name} (${fk.columns.join(', ')}) references ${parent.display} through a foreign key of several columns (ON DELETE ${fk.onDelete.toUpperCase()}), which the cleanup does not follow: rows there could stop it or change without being archived`)
    }
  }
  return problems
}

function columnOf(table: Table, name: string): ArchivedTable['columns'][number] {
  const column = table.columns.find((c) => c.name === name)!
  return { name: column.name, type: column.type }
}
