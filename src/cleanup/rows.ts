// Rows of a table read a chunk at a time in key order (keyset pagination: each page starts after
// the last key of the one before, through the primary key's index), so that a cleanup of millions
// of rows holds one chunk in memory.
import type { Table } from '../verify/types.js'
import { CHUNK } from './key-sets.js'
import type { CleanupSession } from './session.js'

export interface PagedRow {
  key: unknown[]
  /** the values of the select list, in its order */
  values: unknown[]
}

/**
 * The rows of `table` that `where` selects, `selectList` read from each (`width` expressions, whose
 * aliases must not be `_sg_k…`), a page of up to CHUNK rows at a time.
 */
export async function* tablePages(session: CleanupSession, table: Table, where: string, selectList: string, width: number): AsyncGenerator<PagedRow[]> {
  const { sql } = session
  const key = table.primaryKey.map((c) => sql.quote(c))
  const aliases = key.map((_, i) => `_sg_k${i}`)
  const select = `SELECT ${selectList}, ${key.map((k, i) => `${k} AS ${sql.quote(aliases[i]!)}`).join(', ')} FROM ${table.sql}`
  let last: unknown[] | undefined
  for (;;) {
    const after = last ? ` AND (${key.join(', ')}) > (${last.map((_, i) => session.param(i + 1)).join(', ')})` : ''
    const rows = await session.writable.query<Record<string, unknown>>(`${select} WHERE (${where})${after} ORDER BY ${key.join(', ')} LIMIT ${CHUNK}`, last ?? [])
    if (rows.length === 0) return
    const page = rows.map((r) => {
      const all = Object.values(r)
      return { key: aliases.map((a) => r[a]), values: all.slice(0, width) }
    })
    yield page
    if (rows.length < CHUNK) return
    last = page[page.length - 1]!.key
  }
}
