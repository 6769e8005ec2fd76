// Applies a reviewed plan, all of it or nothing, in one transaction: the protect marker first, then
// the plan again on the transaction's own view, every affected row streamed into the archive while
// it is hashed, the hash compared with the reviewed one, the updates and deletes children first,
// the counts checked, the archive flushed to disk, and only then COMMIT. Any failure rolls back and
// removes the partial archive: the database is as it was.
import type { GuardDecision, MarkerReading } from '../guard/decision.js'
import { OVERRIDE_VARIABLE } from '../guard/decision.js'
import { readMarker } from '../protect/marker.js'
import { recordOverride } from '../protect/write.js'
import type { Table } from '../verify/types.js'
import type { ArchiveHeader, ArchiveWriter, RowCodec } from './archive/types.js'
import { KeySet } from './key-sets.js'
import { computePlan, streamSections, type CleanupProgress, type CleanupTarget, type Section } from './plan.js'
import { begin, cleanupSession, commit, countRows, rollback, type CleanupSession } from './session.js'
import type { CleanupOptions, CleanupPlan } from './types.js'

export interface ApplyInputs {
  /** the hash of the plan the operator reviewed */
  hash: string
  codec: RowCodec
  openArchive: (header: ArchiveHeader) => Promise<ArchiveWriter>
  /** the protect marker's verdict (src/guard/decision.ts decide, with its exact-name override) */
  guard: (marker: MarkerReading) => GuardDecision
  /** `user@host`, for the marker's override audit */
  operator: string
  now?: () => Date
  onProgress?: (p: CleanupProgress) => void
}

export interface TableCounts {
  table: string
  before: number
  after: number
}

export type ApplyOutcome =
  | { status: 'applied'; plan: CleanupPlan; counts: TableCounts[]; override?: string }
  | { status: 'refused'; message: string; plan?: CleanupPlan }

/** A plan that cannot be applied safely (a table without a primary key, a table it cannot read): exit 2, nothing written. */
export class CleanupError extends Error {
  override name = 'CleanupError'
}

export async function applyCleanup(target: CleanupTarget, options: CleanupOptions, inputs: ApplyInputs): Promise<ApplyOutcome> {
  const session = cleanupSession(target.session, target.dialect)
  const now = inputs.now ?? (() => new Date())
  const reading: MarkerReading = await readMarker(session.reader).then(
    (marker) => ({ marker }),
    (error: unknown) => ({ unreadable: (error as Error).message.split('\n')[0] ?? String(error) }),
  )
  const decision = inputs.guard(reading)
  if (decision.verdict === 'refuse') return { status: 'refused', message: decision.message }
  if (decision.verdict === 'override') await recordOverride(target.session, `${now().toISOString()} ${inputs.operator} ${OVERRIDE_VARIABLE}: seedguard cleanup --apply ${inputs.hash}`)

  await begin(session, target.timeoutMs)
  let archive: ArchiveWriter | undefined
  try {
    const { plan: computed, sections } = await computePlan(session, target.database, options)
    if (computed.problems.length > 0) throw new CleanupError(`the plan cannot be applied: ${computed.problems.join('; ')}`)
    const tables = [...new Set(sections.map((s) => s.table))]
    const before = new Map<Table, number>()
    for (const table of tables) before.set(table, await countRows(session, table))
    archive = await inputs.openArchive({ format: 'seedguard-archive', version: 1, dialect: target.dialect, database: target.database, planHash: inputs.hash, scope: options.scope, createdAt: now().toISOString() })
    const hash = await streamSections(session, sections, options, inputs.codec, archive, inputs.onProgress)
    const plan: CleanupPlan = { ...computed, hash }
    if (hash !== inputs.hash) {
      const written = archive
      archive = undefined
      await rollback(session)
      await written.abort()
      return { status: 'refused', plan, message: `the data changed since the plan was made: its hash is now ${hash}, not ${inputs.hash}. Nothing was deleted; review the new plan (--plan) and apply that one` }
    }
    for (const section of sections) {
      inputs.onProgress?.({ phase: section.edge ? 'updating' : 'deleting', table: section.table.display, rows: 0, of: section.step.rows })
      if (section.edge) await setNull(session, section)
      else await deleteRows(session, section)
      inputs.onProgress?.({ phase: section.edge ? 'updating' : 'deleting', table: section.table.display, rows: section.step.rows, of: section.step.rows })
    }
    const counts: TableCounts[] = []
    for (const table of tables) {
      const after = await countRows(session, table)
      const deleted = sections.filter((s) => s.table === table && !s.edge).reduce((sum, s) => sum + s.step.rows, 0)
      if (before.get(table)! - after !== deleted) throw new CleanupError(`${table.display} holds ${after} rows after the cleanup, not the ${before.get(table)! - deleted} the plan leaves: rolled back`)
      counts.push({ table: table.display, before: before.get(table)!, after })
    }
    // on disk before the rows are gone for good
    await archive.finish()
    await commit(session)
    return { status: 'applied', plan, counts, ...(decision.verdict === 'override' ? { override: decision.message } : {}) }
  } catch (error) {
    await rollback(session).catch(() => {})
    await archive?.abort().catch(() => {})
    throw error
  }
}

/** ON DELETE SET NULL / SET DEFAULT, done before the parents go so that the old values are archived */
async function setNull(session: CleanupSession, { table, keys, edge }: Section): Promise<void> {
  const value = edge!.link.onDelete === 'set default' ? 'DEFAULT' : 'NULL'
  await session.writable.query(`UPDATE ${table.sql} SET ${session.sql.quote(edge!.link.column)} = ${value} WHERE ${keys.contains}`)
}

/**
 * One DELETE; a table that references itself loses its leaves first, round by round (InnoDB checks
 * a foreign key row by row, https://dev.mysql.com/doc/refman/8.0/en/ansi-diff-foreign-keys.html),
 * then whatever is left (a cycle) in one statement, where the database judges it whole.
 */
async function deleteRows(session: CleanupSession, { table, keys }: Section): Promise<void> {
  const self = table.links.filter((l) => l.references === table && l.onDelete !== 'set null' && l.onDelete !== 'set default')
  if (self.length > 0) {
    const q = session.sql.quote
    const unreferenced = self.map((l) => `${q(l.referencedColumn)} NOT IN (SELECT ${q(l.column)} FROM ${table.sql} WHERE ${q(l.column)} IS NOT NULL)`).join(' AND ')
    const leaves = await KeySet.create(session, table)
    for (;;) {
      await leaves.clear()
      await leaves.addWhere(`${keys.contains} AND ${unreferenced}`)
      if ((await leaves.count()) === 0) break
      await session.writable.query(`DELETE FROM ${table.sql} WHERE ${leaves.contains}`)
    }
  }
  await session.writable.query(`DELETE FROM ${table.sql} WHERE ${keys.contains}`)
}
