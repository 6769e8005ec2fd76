// PostgreSQL and PGlite: every value travels as the server's own text. A cast to text runs the
// type's output function, and a text parameter of unknown type is parsed by the input function of
// the column it lands in (https://www.postgresql.org/docs/current/sql-createcast.html: "automatic
// I/O conversion casts"; https://www.postgresql.org/docs/current/typeconv-query.html): exact for
// numeric beyond double precision, bigint beyond 2^53, float8 (shortest exact text since
// PostgreSQL 12, https://www.postgresql.org/docs/current/datatype-numeric.html#DATATYPE-FLOAT),
// timestamps to the microsecond, arrays, enums, uuid, json and jsonb, without a JavaScript parser
// in between to round anything.
import type { ArchivedColumn, RowCodec } from './types.js'
import { archivedAs, textOf } from './values.js'

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`

/**
 * Dates and timestamps as JSON renders them: ISO 8601 whatever the session's DateStyle, which a
 * plain cast follows (`SQL, DMY` would write 07/12/2026 and a zone abbreviation that does not
 * parse back; https://www.postgresql.org/docs/current/datatype-datetime.html#DATATYPE-DATETIME-OUTPUT,
 * https://www.postgresql.org/docs/current/functions-json.html "to_json ... ISO 8601").
 */
const DATE_OR_TIMESTAMP = /^(date|timestamp)\b/i

/**
 * bytea as hex through encode/decode: a text parameter bound for a bytea column is refused by
 * PGlite's serializer, which wants bytes (https://pglite.dev/docs/api#query), and the hex function
 * does not depend on bytea_output (https://www.postgresql.org/docs/current/functions-binarystring.html).
 */
const isBytea = (column: ArchivedColumn) => /^bytea$/i.test(column.type)

function read(column: ArchivedColumn): string {
  const name = quote(column.name)
  if (isBytea(column)) return `encode(${name}, 'hex')`
  if (DATE_OR_TIMESTAMP.test(column.type)) return `to_json(${name}) #>> '{}'`
  return `${name}::text`
}

export const postgresCodec: RowCodec = {
  selectList: (columns) => columns.map((column, i) => `${read(column)} AS ${quote(archivedAs(i))}`).join(', '),
  encode: (value, column) => (value === null ? null : textOf(value, column)),
  decode: (value, column) => (value === null ? null : textOf(value, column)),
  placeholder: (column) => (isBytea(column) ? `decode(?, 'hex')` : '?'),
}
