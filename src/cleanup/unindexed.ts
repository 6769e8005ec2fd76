// Foreign keys the database checks row by row without an index. When a parent row goes, PostgreSQL
// and SQLite look for rows that still reference it; without an index on the referencing column each
// look reads the child table whole (PostgreSQL indexes only the referenced side,
// https://www.postgresql.org/docs/current/ddl-constraints.html#DDL-CONSTRAINTS-FK; SQLite:
// https://www.sqlite.org/foreignkeys.html#fk_indexes). Prisma does not add such indexes on
// PostgreSQL, so the guide's own schema has none. InnoDB requires one and makes it itself
// (https://dev.mysql.com/doc/refman/8.4/en/create-table-foreign-keys.html).
import { plural } from '../verify/format.js'
import type { Table } from '../verify/types.js'
import type { CleanupSession } from './session.js'

/** the first column of each index of a table, by family: the column an index can look a value up by */
const LEADING_COLUMNS: Record<'postgres' | 'sqlite', string> = {
  postgres: `SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] WHERE i.indrelid = $1::regclass`,
  sqlite: `SELECT c.name AS name FROM pragma_index_list(?) AS l, pragma_index_info(l.name) AS c WHERE c.seqno = 0`,
}

/**
 * A note for each table that references one the plan deletes from by a column no index leads with:
 * the apply will read that table once per deleted row. Says the index that makes it quick.
 */
export async function unindexedForeignKeys(session: CleanupSession, tables: readonly Table[], deleted: ReadonlyMap<Table, number>): Promise<string[]> {
  const family = session.sql.family
  if (family === 'mysql') return []
  const notes: string[] = []
  const leading = new Map<Table, Set<string>>()
  for (const child of tables) {
    for (const link of child.links) {
      const rows = deleted.get(link.references) ?? 0
      if (rows === 0 || child.rows === 0) continue
      if (!leading.has(child)) {
        const target = family === 'postgres' ? child.sql : child.ref.name
        const found = await session.reader.query<{ name: string }>(LEADING_COLUMNS[family], [target])
        leading.set(child, new Set(found.map((r) => r.name)))
      }
      if (leading.get(child)!.has(link.column)) continue
      const index = `CREATE INDEX${family === 'postgres' ? ' CONCURRENTLY' : ''} ON ${child.sql} (${session.sql.quote(link.column)})`
      notes.push(
        `${child.display}.${link.column} has no index: for each of the ${plural(rows, `${link.references.display} row`)} the apply deletes, the database reads ${child.display} (${plural(child.rows, 'row')}) whole to check nothing still references it; create one first and the apply is quick: ${index}`,
      )
    }
  }
  return notes
}
