// MySQL and MariaDB: values as the server renders them in the text protocol, which mysql2 hands
// over as strings where a JavaScript number would round (DECIMAL always, BIGINT beyond 2^53 with
// supportBigNumbers, dates and times with dateStrings: src/verify/dialects/mysql.ts opens every
// connection so; https://sidorares.github.io/node-mysql2/docs/api-and-configurations). DOUBLE
// and FLOAT arrive as the shortest text that reads back to the same value, so a JavaScript number
// holds them exactly.
import type { ArchivedColumn, JsonValue, RowCodec } from './types.js'
import { ArchiveValueError, archivedAs, describe } from './values.js'

const quote = (identifier: string) => `\`${identifier.replace(/`/g, '``')}\``
const typeOf = (column: ArchivedColumn) => column.type.toLowerCase()

/** bytes: carried as hex, put back through UNHEX (https://dev.mysql.com/doc/refman/8.0/en/string-functions.html#function_unhex) */
const isBinary = (column: ArchivedColumn) => /^(binary|varbinary|tinyblob|blob|mediumblob|longblob|bit)\b/.test(typeOf(column))

/**
 * TIMESTAMP is stored in UTC and shown in the session's time_zone
 * (https://dev.mysql.com/doc/refman/8.0/en/datetime.html, https://mariadb.com/kb/en/timestamp/):
 * read as seconds since the epoch, which UNIX_TIMESTAMP returns from the stored value without any
 * conversion, so the archive does not depend on the time zone of the session that wrote it. It is
 * written back through FROM_UNIXTIME on a DECIMAL (a double would round the microseconds), exact
 * in a session whose time_zone has no daylight-saving gap or overlap: restore sets '+00:00'.
 */
const isTimestamp = (column: ArchivedColumn) => /^timestamp\b/.test(typeOf(column))

/**
 * JSON as its text: mysql2 parses a JSON column into an object (MariaDB's JSON is a LONGTEXT it
 * flags as JSON) and JSON.parse rounds integers beyond 2^53.
 */
const isJsonText = (column: ArchivedColumn) => /^(json|longtext)\b/.test(typeOf(column))

function read(column: ArchivedColumn): string {
  const name = quote(column.name)
  if (isTimestamp(column)) return `UNIX_TIMESTAMP(${name})`
  if (isJsonText(column)) return `CAST(${name} AS CHAR)`
  return name
}

export const mysqlCodec: RowCodec = {
  selectList: (columns) => columns.map((column, i) => `${read(column)} AS ${quote(archivedAs(i))}`).join(', '),
  encode(value, column): JsonValue {
    if (value === null) return null
    if (Buffer.isBuffer(value) && isBinary(column)) return value.toString('hex')
    if (typeof value === 'string' && !isBinary(column)) return value
    if (typeof value === 'number' && Number.isFinite(value)) return value
    if (typeof value === 'bigint') return String(value)
    throw new ArchiveValueError(`column ${column.name} (${column.type}): no lossless archive for ${describe(value)}`)
  },
  decode(value, column) {
    if (value === null || typeof value === 'string' || typeof value === 'number') return value
    throw new ArchiveValueError(`column ${column.name} (${column.type}): expected text or a number in the archive, got ${JSON.stringify(value)}`)
  },
  placeholder: (column) => (isBinary(column) ? 'UNHEX(?)' : isTimestamp(column) ? 'FROM_UNIXTIME(CAST(? AS DECIMAL(20, 6)))' : '?'),
}
