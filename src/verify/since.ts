// Incremental verification (--since): each table is read from its watermark on, the creation time
// and key of the last row the previous run saw, so a nightly run costs what arrived that day, not
// the table. The rows are selected by a range on the creation column (dialect `timeFrom`, which an
// index on it serves) refined to the millisecond and the key, so every row is judged exactly once.
// Bursts are still judged against the arrivals around them: creation-bursts reads the day before
// the watermark too (`context`), so a burst at the edge is measured against its surroundings.
import { HOUR } from './arrivals.js'
import { timeExtreme } from './dialects/time-window.js'
import type { ReadOnlyClient, SqlDialect } from './dialects/types.js'
import type { Table, UncheckedTable } from './types.js'

/** Where a table's previous run ended: rows after (time, id) are new. */
export interface Watermark {
  /** epoch ms of the latest creation time seen */
  time?: number
  /** the integer key of the latest row at that time (or, without a creation time, the largest key), as decimal text */
  id?: string
}

/** A burst already reported, so a later run that sees it again stays quiet about it. */
export interface ReportedSpan {
  check: string
  first: number
  last: number
}

export interface TableMark {
  /** undefined: from Since.time, or for a table no run has seen yet, every row */
  after?: Watermark
  reported: ReportedSpan[]
}

export interface Since {
  /** per TableSummary name; a table not named here is read from `time`, or whole */
  tables: Record<string, TableMark>
  /** --since <ISO time>: one watermark for every table */
  time?: number
}

export interface TableScope {
  after?: Watermark
  /** the rows from CONTEXT before the watermark on, as a derived table: the arrivals that judge the new ones */
  context: string
  /** where the context begins, epoch ms */
  contextFrom?: number
  reported: ReportedSpan[]
}

/** how far before the watermark arrivals are read to judge the new ones: a day holds the daily cycle */
export const CONTEXT = 24 * HOUR

/**
 * The table's `sql` narrowed to its new rows (a derived table under its own name, so every check
 * reads only those) and its scope, or why it cannot be: no creation time nor integer key tells new
 * rows apart.
 */
export function scopeTable(table: Table, sql: SqlDialect, since: Since): Required<Pick<Table, 'sql' | 'scope'>> | UncheckedTable {
  const mark = since.tables[table.display]
  const after = mark?.after ?? (since.time === undefined ? undefined : { time: since.time })
  const reported = mark?.reported ?? []
  const unchecked = {
    table: table.display,
    why: 'no creation-time column or integer key tells its new rows apart, so --since cannot read only what arrived (name its column with --created-column, verify it in a full run, or leave it out with --ignore-table)',
  }
  // read whole only the first time a state sees it; after that, every run would judge every row again
  if (!table.created && !table.integerKey && (mark || since.time !== undefined)) return unchecked
  // an alias of its own, so a query plan tells a scan of the table from one of these rows. PostgreSQL
  // pulls a plain subquery up into the statement and may then answer min(key) or ORDER BY key by
  // walking the key's index from the table's first row, filtering as it goes (measured: every row of
  // a 10M-row table read for 10,000 new ones); OFFSET 0 keeps the subquery planned on its own, as the
  // range on the creation column (https://www.postgresql.org/docs/current/sql-select.html#SQL-LIMIT)
  const fence = sql.family === 'postgres' ? ' OFFSET 0' : ''
  const derived = (where: string) => `(SELECT * FROM ${table.sql} WHERE ${where}${fence}) AS since_rows`
  if (!after || (after.time === undefined && after.id === undefined)) return { sql: table.sql, scope: { context: table.sql, reported } }
  const key = table.integerKey ? sql.quote(table.key!) : undefined
  if (table.created && after.time !== undefined) {
    const { sql: column, encoding } = table.created
    const t = sql.epochMs(column, encoding)
    const tie = key && after.id !== undefined ? ` OR (${t} = ${after.time} AND ${key} > ${after.id})` : ''
    const contextFrom = after.time - CONTEXT
    return {
      sql: derived(`${sql.timeFrom(column, encoding, after.time)} AND (${t} > ${after.time}${tie})`),
      scope: { after, context: derived(sql.timeFrom(column, encoding, contextFrom)), contextFrom, reported },
    }
  }
  if (key && after.id !== undefined) return { sql: derived(`${key} > ${after.id}`), scope: { after, context: derived(`${key} > ${after.id}`), reported } }
  return unchecked
}

/**
 * Where each table ends in this session's snapshot: the latest creation time and, among rows at that
 * millisecond, the largest key; without a creation time, the largest key. Read from the table's
 * `sql`, so an incremental run reads only its new rows; a table with none keeps its watermark.
 */
export async function readWatermarks(client: ReadOnlyClient, tables: Table[]): Promise<Record<string, Watermark>> {
  const sql = client.sql
  const out: Record<string, Watermark> = {}
  for (const table of tables) {
    const key = table.integerKey ? sql.quote(table.key!) : undefined
    let mark: Watermark | undefined
    if (table.created) {
      const { sql: column, encoding } = table.created
      // the latest time first (an index's last entry where the column is a timestamp), then the
      // largest key within its millisecond
      const [latest] = await client.query<{ t: unknown }>(`SELECT ${timeExtreme(sql, column, encoding, 'max')} AS t FROM ${table.sql}`)
      if (latest?.t != null) {
        const time = Number(latest.t)
        const [row] = key
          ? await client.query<{ k: unknown }>(`SELECT ${key} AS k FROM ${table.sql} WHERE ${sql.timeFrom(column, encoding, time)} AND ${sql.epochMs(column, encoding)} = ${time} ORDER BY 1 DESC LIMIT 1`)
          : []
        mark = { time, ...(row?.k != null ? { id: String(row.k) } : {}) }
      }
    } else if (key) {
      const [row] = await client.query<{ k: unknown }>(`SELECT max(${key}) AS k FROM ${table.sql}`)
      if (row?.k != null) mark = { id: String(row.k) }
    }
    out[table.display] = mark ?? table.scope?.after ?? {}
  }
  return out
}
