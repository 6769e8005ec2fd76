import type { SqlDialect, TimeEncoding, TimeWidth, TimeWindow } from './types.js'

/** Windows as integer division of epoch milliseconds: works wherever `epochMs` does. */
export function epochWindow(sql: Pick<SqlDialect, 'epochMs' | 'intDiv'>, column: string, encoding: TimeEncoding, width: TimeWidth): TimeWindow {
  const epoch = sql.epochMs(column, encoding)
  return { key: sql.intDiv(epoch, width), start: (key) => `(${key}) * ${width}`, offGrid: `${epoch} % ${width} <> 0` }
}
