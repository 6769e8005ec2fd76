// SQLite types values, not columns (https://www.sqlite.org/datatype3.html): a column may hold
// integers, reals, text and blobs side by side, and affinity decides what an INSERT converts.
// Each value keeps its storage class, so that writing it back does what the first INSERT did.
// The select list tags integers and text in SQL, so that the class survives a driver whatever its
// settings: better-sqlite3 reads an integer beyond 2^53 as a rounded number unless the statement
// asked for safeIntegers, and reads an integral real and an integer as the same number
// (https://github.com/WiseLibs/better-sqlite3/blob/master/docs/integer.md).
//
// In the archive: text is a JSON string, an integer a JSON number ({"integer": "…"} beyond 2^53),
// a real {"real": 1.5} ("Infinity" and "-Infinity" as strings), a blob {"blob": "<base64>"}.
// Written back, an integer is bound as a BigInt (an INTEGER), a real as a number (better-sqlite3
// binds every number as a REAL), a blob as a Buffer.
import type { ArchivedColumn, JsonValue, RowCodec } from './types.js'
import { ArchiveValueError, archivedAs, describe } from './values.js'

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`

const INTEGER = 'i'
const TEXT = 't'

function read(column: ArchivedColumn): string {
  const name = quote(column.name)
  return `CASE typeof(${name}) WHEN 'integer' THEN '${INTEGER}' || ${name} WHEN 'text' THEN '${TEXT}' || ${name} ELSE ${name} END`
}

function encode(value: unknown, column: ArchivedColumn): JsonValue {
  if (value === null) return null
  if (typeof value === 'string' && value.startsWith(TEXT)) return value.slice(1)
  if (typeof value === 'string' && value.startsWith(INTEGER)) {
    const digits = value.slice(1)
    return Number.isSafeInteger(Number(digits)) ? Number(digits) : { integer: digits }
  }
  if (typeof value === 'number') return { real: Number.isFinite(value) ? value : String(value) }
  if (Buffer.isBuffer(value)) return { blob: value.toString('base64') }
  throw new ArchiveValueError(`column ${column.name} (${column.type || 'no type'}): not a value its select list reads: ${describe(value)}`)
}

function decode(value: JsonValue, column: ArchivedColumn): unknown {
  if (value === null || typeof value === 'string') return value
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value)
  if (typeof value === 'object' && !Array.isArray(value)) {
    if (typeof value.integer === 'string' && /^-?\d+$/.test(value.integer)) return BigInt(value.integer)
    if (typeof value.real === 'number') return value.real
    if (value.real === 'Infinity' || value.real === '-Infinity') return Number(value.real)
    if (typeof value.blob === 'string') return Buffer.from(value.blob, 'base64')
  }
  throw new ArchiveValueError(`column ${column.name} (${column.type || 'no type'}): not an archived SQLite value: ${JSON.stringify(value)}`)
}

export const sqliteCodec: RowCodec = {
  selectList: (columns) => columns.map((column, i) => `${read(column)} AS ${quote(archivedAs(i))}`).join(', '),
  encode,
  decode,
  placeholder: () => '?',
}
