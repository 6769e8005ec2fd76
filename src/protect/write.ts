import { MARKER_DDL, MARKER_EXISTS, MARKER_TABLE, markerOf, SELECT_MARKER, type Marker, type MarkerRow } from './marker.js'
import { inTransaction, type WritableSession } from './writable.js'

/** Marks the database as `environment`, keeping the override lines of an earlier marker; returns the marker written. */
export function writeMarker(session: WritableSession, environment: string, protectedBy: string, now = new Date()): Promise<Marker> {
  return inTransaction(session, async () => {
    await session.run(MARKER_DDL)
    const before = await currentMarker(session)
    const marker: Marker = { environment, protectedAt: now.toISOString(), protectedBy, overrides: before?.overrides ?? [] }
    await session.run(`DELETE FROM ${MARKER_TABLE}`)
    await session.run(`INSERT INTO ${MARKER_TABLE} (environment, protected_at, protected_by, overrides) VALUES (?, ?, ?, ?)`, [marker.environment, marker.protectedAt, marker.protectedBy, marker.overrides.join('\n') || null])
    return marker
  })
}

/** Drops the marker table; returns the marker it held, so that what is undone can be shown (undefined: there was none). */
export async function removeMarker(session: WritableSession): Promise<Marker | undefined> {
  if ((await session.run(MARKER_EXISTS[session.family])).length === 0) return undefined
  const marker = await currentMarker(session)
  await session.run(`DROP TABLE ${MARKER_TABLE}`)
  return marker
}

/** Appends one line to the marker's override audit; false when the database has no marker to record it in. */
export function recordOverride(session: WritableSession, line: string): Promise<boolean> {
  return inTransaction(session, async () => {
    // the catalog's word, not a SELECT that fails: a failed statement aborts a PostgreSQL transaction
    if ((await session.run(MARKER_EXISTS[session.family])).length === 0) return false
    const marker = await currentMarker(session, true)
    if (!marker) return false
    await session.run(`UPDATE ${MARKER_TABLE} SET overrides = ?`, [[...marker.overrides, line.replace(/\n/g, ' ')].join('\n')])
    return true
  })
}

async function currentMarker(session: WritableSession, forUpdate = false): Promise<Marker | undefined> {
  // SQLite has no FOR UPDATE: its write transaction locks the whole file at the UPDATE
  const lock = forUpdate && session.family !== 'sqlite' ? ' FOR UPDATE' : ''
  const [row] = await session.run<MarkerRow>(SELECT_MARKER + lock)
  return row && markerOf(row)
}
