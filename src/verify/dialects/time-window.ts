import type { SqlDialect, TimeEncoding, TimeWidth, TimeWindow } from './types.js'

/** Windows as integer division of epoch milliseconds: works wherever `epochMs` does. */
export function epochWindow(sql: Pick<SqlDialect, 'epochMs' | 'intDiv'>, column: string, encoding: TimeEncoding, width: TimeWidth): TimeWindow {
  const epoch = sql.epochMs(column, encoding)
  return { key: sql.intDiv(epoch, width), start: (key) => `(${key}) * ${width}`, offGrid: `${epoch} % ${width} <> 0` }
}

/**
 * The earliest or latest time of a group, in epoch ms, as an aggregate expression. A timestamp type
 * orders as its time, so its min or max is converted once per group; SQLite's text and numbers
 * (mixed in one column) and epochs of mixed units do not, so those are converted row by row.
 */
export function timeExtreme(sql: Pick<SqlDialect, 'epochMs' | 'family'>, column: string, encoding: TimeEncoding, extreme: 'min' | 'max'): string {
  return encoding === 'timestamp' && sql.family !== 'sqlite' ? sql.epochMs(`${extreme}(${column})`, encoding) : `${extreme}(${sql.epochMs(column, encoding)})`
}

/**
 * Epoch numbers at or after `ms` in any of the units `epochMs` reads (seconds up to 1e11,
 * milliseconds up to 1e14, microseconds above): three ranges of one index. `below` closes the last
 * range where other values sort above every number (SQLite's text).
 */
export function epochFrom(column: string, ms: number, below?: string): string {
  const seconds = Math.floor(ms / 1000)
  const micro = `${column} >= ${Math.max(ms * 1000, 100000000000001)}`
  return `(${column} BETWEEN ${seconds} AND 100000000000 OR ${column} BETWEEN ${Math.max(ms, 100000000001)} AND 100000000000000 OR ${below ? `(${micro} AND ${column} < ${below})` : micro})`
}
