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
