// Tables with the keys and foreign keys a cleanup follows, written as SQL for each dialect family:
// primary keys of one or more columns, ON DELETE rules, references to the table itself.
import type { OnDelete } from '../../src/verify/dialects/types.js'
import type { Dialect } from '../verify/fixture.js'

export type ColumnType = 'serial' | 'int' | 'int null' | 'text' | 'time'

export interface TableSpec {
  name: string
  columns: Array<[string, ColumnType]>
  primaryKey: string[]
  foreignKeys?: Array<{ column: string; references: string; onDelete: OnDelete }>
  /** values in column order; times as epoch ms */
  rows: unknown[][]
}

const TYPES: Record<ColumnType, Record<Dialect, string>> = {
  serial: { sqlite: 'INTEGER', postgres: 'SERIAL', mysql: 'INT AUTO_INCREMENT' },
  int: { sqlite: 'INTEGER NOT NULL', postgres: 'INTEGER NOT NULL', mysql: 'INT NOT NULL' },
  'int null': { sqlite: 'INTEGER', postgres: 'INTEGER', mysql: 'INT' },
  text: { sqlite: 'TEXT NOT NULL', postgres: 'TEXT NOT NULL', mysql: 'VARCHAR(191) NOT NULL' },
  // Prisma's types: DATETIME holding ISO text in SQLite, TIMESTAMP(3), DATETIME(3)
  time: { sqlite: 'DATETIME NOT NULL', postgres: 'TIMESTAMP(3) NOT NULL', mysql: 'DATETIME(3) NOT NULL' },
}

export const quoteFor = (family: Dialect) => (name: string) => (family === 'mysql' ? `\`${name}\`` : `"${name}"`)

/** CREATE TABLEs in order (parents first) and their rows */
export function schemaSql(family: Dialect, tables: TableSpec[]): string[] {
  const q = quoteFor(family)
  const out: string[] = []
  for (const t of tables) {
    const columns = t.columns.map(([name, type]) => `${q(name)} ${TYPES[type][family]}`)
    const keys = t.primaryKey.length ? [`PRIMARY KEY (${t.primaryKey.map(q).join(', ')})`] : []
    const foreign = (t.foreignKeys ?? []).map((fk) => `FOREIGN KEY (${q(fk.column)}) REFERENCES ${q(fk.references)} (${q('id')}) ON DELETE ${fk.onDelete.toUpperCase()}`)
    out.push(`CREATE TABLE ${q(t.name)} (${[...columns, ...keys, ...foreign].join(', ')})${family === 'mysql' ? ' ENGINE=InnoDB' : ''}`)
    out.push(...insertRows(family, t, t.rows))
  }
  return out
}

/** INSERTs of `rows` into the table (200 a statement) */
export function insertRows(family: Dialect, t: TableSpec, rows: unknown[][]): string[] {
  const q = quoteFor(family)
  const out: string[] = []
  for (let i = 0; i < rows.length; i += 200) {
    const values = rows.slice(i, i + 200).map((row) => `(${row.map((v, j) => literal(family, t.columns[j]![1], v)).join(', ')})`)
    out.push(`INSERT INTO ${q(t.name)} (${t.columns.map(([n]) => q(n)).join(', ')}) VALUES ${values.join(', ')}`)
  }
  // the sequence past the ids given, as an application's next insert expects
  if (family === 'postgres' && t.columns.some(([, type]) => type === 'serial') && rows.length) out.push(`SELECT setval(pg_get_serial_sequence('${q(t.name)}', 'id'), (SELECT max(${q('id')}) FROM ${q(t.name)}))`)
  return out
}

function literal(family: Dialect, type: ColumnType, value: unknown): string {
  if (value === null) return 'NULL'
  if (type === 'time') {
    const iso = new Date(value as number).toISOString()
    return family === 'sqlite' ? `'${iso}'` : `'${iso.slice(0, 23).replace('T', ' ')}'`
  }
  return typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`
}
