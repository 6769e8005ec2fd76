// The archive file: what `seedguard cleanup --apply … --archive <file>` writes before it deletes,
// and `seedguard restore --db <url> <file>` puts back. UTF-8 JSON Lines: one JSON value per line,
// every line ended by \n (JSON escapes the line breaks inside strings).
//
//   {"format":"seedguard-archive","version":1,"dialect":"postgres","database":"postgres://app@db:5432/shop",
//    "planHash":"9f2c…","scope":"seeded","createdAt":"2026-12-07T19:40:28.123Z"}              the header
//   {"section":{"table":{"schema":"public","name":"Session"},"display":"Session","action":"delete",
//    "columns":[{"name":"id","type":"integer"},{"name":"userId","type":"integer"},…],"key":["id"]}}
//   ["41","7","2026-12-01T10:00:00.123456"]       a row: its values in the section's column order
//   ["42","7","2026-12-01T10:00:01"]
//   {"section":{"table":{"schema":"public","name":"User"},"display":"User","action":"delete",…}}
//   ["7","seed7@example.com",…]
//   {"end":{"rows":[2,1]}}                          each section's row count, in section order
//
// (the header and section lines are shown wrapped here; in the file each is one line)
//
// Sections come in the order the cleanup changed the tables: children before their parents, so a
// restore inserts them in reverse. `delete` sections hold whole rows, put back by INSERT with their
// original keys; `set-null` sections hold rows the database kept but whose foreign-key columns the
// cleanup set to NULL: the key and the old values, put back by UPDATE.
//
// Values are the database's own, in the form its codec reads and writes them losslessly
// (./postgres-codec.ts, ./mysql-codec.ts, ./sqlite-codec.ts): null is SQL NULL; PostgreSQL values
// are their text form (bytea as hex); MySQL/MariaDB values are text or JSON numbers (bytes as hex,
// TIMESTAMP as seconds since the epoch); SQLite values keep their storage class.
//
// The end line is the proof the file is whole: a file without it, or whose counts differ from the
// rows present, was cut short and is refused whole, never half-restored.
import type { ArchivedTable, ArchiveHeader, JsonValue } from './types.js'

export const FORMAT = 'seedguard-archive'
export const VERSION = 1

export interface SectionLine {
  section: ArchivedTable
}

export interface EndLine {
  end: { rows: number[] }
}

/** An archive that cannot be read back as it was written: refused whole. */
export class ArchiveError extends Error {
  override name = 'ArchiveError'
}

export const headerLine = (header: ArchiveHeader) => JSON.stringify(header)
export const sectionLine = (section: ArchivedTable) => JSON.stringify({ section } satisfies SectionLine)
export const rowLine = (values: readonly JsonValue[]) => JSON.stringify(values)
export const endLine = (rows: number[]) => JSON.stringify({ end: { rows } } satisfies EndLine)
