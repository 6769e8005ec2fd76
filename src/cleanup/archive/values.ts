import type { ArchivedColumn } from './types.js'

/** A value the codec cannot carry losslessly: the archive is refused rather than written wrong. */
export class ArchiveValueError extends Error {
  override name = 'ArchiveValueError'
}

/**
 * The alias of a codec's n-th expression: not a name a table's column is expected to have, and not
 * integer-like, so that a driver's row object keeps the select order.
 */
export const archivedAs = (n: number) => `seedguard:${n}`

/** The values of a row read with a codec's `selectList(columns)`, in the columns' order. */
export function archivedValues(row: Record<string, unknown>, columns: readonly ArchivedColumn[]): unknown[] {
  return columns.map((_, n) => row[archivedAs(n)])
}

export function textOf(value: unknown, column: ArchivedColumn): string {
  if (typeof value === 'string') return value
  throw new ArchiveValueError(`column ${column.name} (${column.type}): expected text, got ${describe(value)}`)
}

export function describe(value: unknown): string {
  if (Buffer.isBuffer(value)) return 'bytes'
  return value instanceof Date ? 'a Date' : typeof value
}
