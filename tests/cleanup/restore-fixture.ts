// A database for the archive and restore tests, on every dialect: `parent` (a counter-generated
// key), `every_type` (a child of parent holding every type the archive must carry exactly) and
// `note` (a child whose foreign key a cleanup sets to NULL). Parents 2 and 3 and their rows are
// "seeded", inserted with explicit keys as seeders do, so counters are behind them; parent 1 stays.
// `label` is computed by the database: a restore cannot write it.
import { basename } from 'node:path'
import { archivedValues, codecFor, createArchive, type ArchivedTable, type ArchiveHeader } from '../../src/cleanup/archive/index.js'
import { inTransaction, openWritable } from '../../src/protect/writable.js'
import type { CatalogTable, DialectId } from '../../src/verify/dialects/types.js'
import { parseDatabaseUrl } from '../../src/verify/url.js'
import type { TestDatabase, TestDialect } from '../verify/dialects.js'

type Family = 'postgres' | 'mysql' | 'sqlite'
export const familyOf = (id: DialectId): Family => (id === 'pglite' ? 'postgres' : id)

/** filler rows: more than one INSERT's worth, so that restore goes chunk by chunk */
export const FILLER = 2500
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

const DDL: Record<Family, string[]> = {
  postgres: [
    `CREATE TYPE mood AS ENUM ('sad', 'happy')`,
    `CREATE TABLE parent (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE)`,
    `CREATE TABLE every_type (id serial PRIMARY KEY, parent_id bigint NOT NULL REFERENCES parent (id), ts timestamp(6), tstz timestamptz, d date, t time(6), ttz timetz,
      n numeric(40, 20), big bigint, f8 double precision, f4 real, b boolean, txt text, bin bytea, js json, jb jsonb, arr integer[], tarr text[], e mood, u uuid UNIQUE,
      empty text, nul text, iv interval, vc varchar(10), label text GENERATED ALWAYS AS ('#' || u::text) STORED)`,
    `CREATE TABLE note (id integer PRIMARY KEY, parent_id bigint REFERENCES parent (id) ON DELETE SET NULL, body text)`,
  ],
  mysql: [
    `CREATE TABLE parent (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, name varchar(100) NOT NULL UNIQUE) ENGINE=InnoDB`,
    `CREATE TABLE every_type (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, parent_id bigint NOT NULL, dt datetime(6), ts timestamp(6) NULL, d date, t time(6),
      n decimal(40, 20), big bigint, ubig bigint unsigned, f8 double, f4 float, b boolean, txt text CHARACTER SET utf8mb4, bin varbinary(16), blb blob, js json,
      e enum('sad', 'happy'), u char(36) UNIQUE, empty varchar(10), nul varchar(10), label bigint AS (parent_id * 10) STORED, FOREIGN KEY (parent_id) REFERENCES parent (id)) ENGINE=InnoDB`,
    `CREATE TABLE note (id int NOT NULL PRIMARY KEY, parent_id bigint NULL, body text, FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE SET NULL) ENGINE=InnoDB`,
  ],
  sqlite: [
    `CREATE TABLE parent (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE)`,
    `CREATE TABLE every_type (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id), ts_text DATETIME, ts_epoch INTEGER, d DATE, n NUMERIC,
      big INTEGER, f8 REAL, b BOOLEAN, txt TEXT, bin BLOB, js TEXT, anything, u TEXT UNIQUE, empty TEXT, nul TEXT, label TEXT GENERATED ALWAYS AS ('#' || u) STORED)`,
    `CREATE TABLE note (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id) ON DELETE SET NULL, body TEXT)`,
  ],
}

const TEXT = `ünïcødé ✓ 𝄞 "quoted" 'single' \\backslash\\ tab\there\nnewline \u0001\u001f controls`

/** the two rows holding every kind of value, then the filler's columns and values */
const ROWS: Record<Family, { columns: string[]; rows: string[] }> = {
  postgres: {
    columns: ['id', 'parent_id', 'ts', 'tstz', 'd', 't', 'ttz', 'n', 'big', 'f8', 'f4', 'b', 'txt', 'bin', 'js', 'jb', 'arr', 'tarr', 'e', 'u', 'empty', 'nul', 'iv', 'vc'],
    rows: [
      `(1, 2, '2024-03-31 02:30:00.123456', '2024-10-27 02:30:00.654321+02', '2024-02-29', '23:59:59.999999', '12:00:00.5+05:30', '12345678901234567890.12345678901234567890',
        9223372036854775807, 0.30000000000000004, 3.4028235e38, true, ${pg(TEXT)}, '\\x00ff10', '{"b": 1,  "a": [1, 2.50], "big": 12345678901234567890}', '{"z": 1, "a": {"n": 12345678901234567890.5}}',
        '{1,NULL,3}', '{"a,b",NULL,"c\\"d",""}', 'happy', '${uuid(1)}', '', NULL, '1 day 02:03:04.5', 'x')`,
      `(2, 2, '1969-12-31 23:59:59.999999', '0001-01-01 00:00:00+00', '0001-01-01', '00:00:00', '00:00:00-12', '-0.00000000000000000001',
        -9223372036854775808, 5e-324, 1.17549435e-38, false, '', '\\x', '[]', 'null', '{}', '{}', 'sad', '${uuid(2)}', '', NULL, '-1 mons', '')`,
    ],
  },
  mysql: {
    columns: ['id', 'parent_id', 'dt', 'ts', 'd', 't', 'n', 'big', 'ubig', 'f8', 'f4', 'b', 'txt', 'bin', 'blb', 'js', 'e', 'u', 'empty', 'nul'],
    rows: [
      `(1, 2, '2024-03-31 02:30:00.123456', '2024-10-27 01:30:00.654321', '2024-02-29', '838:59:59.000000', '12345678901234567890.12345678901234567890',
        9223372036854775807, 18446744073709551615, 0.30000000000000004, 3.40282e38, true, ${my(TEXT)}, X'00ff10', X'', '{"b": 1, "a": [1, 2.50], "big": 12345678901234567890}',
        'happy', '${uuid(1)}', '', NULL)`,
      `(2, 2, '1000-01-01 00:00:00', '1970-01-01 00:00:01', '1000-01-01', '-838:59:59', '-0.00000000000000000001',
        -9223372036854775808, 0, 2.2250738585072014e-308, -1.17549e-38, false, '', X'00', X'0000', '[]', 'sad', '${uuid(2)}', '', NULL)`,
    ],
  },
  sqlite: {
    columns: ['id', 'parent_id', 'ts_text', 'ts_epoch', 'd', 'n', 'big', 'f8', 'b', 'txt', 'bin', 'js', 'anything', 'u', 'empty', 'nul'],
    rows: [
      `(1, 2, '2024-03-31T02:30:00.123456Z', 1711848600123, '2024-02-29', '12345678901234567890.12345678901234567890', 9223372036854775807, 0.30000000000000004, 1,
        ${pg(TEXT)}, X'00ff10', '{"b": 1,  "a": [1, 2.50], "big": 12345678901234567890}', 5.0, '${uuid(1)}', '', NULL)`,
      `(2, 2, '2024-03-31 02:30:00', -62135596800000, '0001-01-01', 12.5, -9223372036854775808, 5e-324, 0, '', X'', '[]', X'05', '${uuid(2)}', '', NULL)`,
      `(3, 3, NULL, NULL, NULL, 7, 1, 1e308, NULL, '5', NULL, NULL, '5', '${uuid(3)}', '', NULL)`,
      `(4, 3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 5, '${uuid(4)}', NULL, NULL)`,
    ],
  },
}

function pg(text: string): string {
  return `'${text.replace(/'/g, "''")}'`
}

function my(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/\n/g, '\\n').replace(/\t/g, '\\t')}'`
}

function fixture(family: Family): string[] {
  const { columns, rows } = ROWS[family]
  const q = (name: string) => (family === 'mysql' ? `\`${name}\`` : `"${name}"`)
  const filler = Array.from({ length: FILLER }, (_, i) => {
    const id = 100 + i
    return `(${id}, ${1 + (i % 3)}, '${uuid(id)}', 'row ${i}')`
  })
  const override = family === 'postgres' ? ' OVERRIDING SYSTEM VALUE' : ''
  return [
    ...DDL[family],
    `INSERT INTO parent (id, name)${override} VALUES (1, 'kept'), (2, 'seeded a'), (3, 'seeded b')`,
    `INSERT INTO every_type (${columns.map(q).join(', ')}) VALUES ${rows.join(', ')}`,
    `INSERT INTO every_type (id, parent_id, u, txt) VALUES ${filler.join(', ')}`,
    `INSERT INTO note (id, parent_id, body) VALUES (1, 1, 'on the kept parent'), (2, 2, 'on a seeded one'), (3, 3, 'on the other'), (4, NULL, 'on none')`,
  ]
}

export const TABLES = ['parent', 'every_type', 'note'] as const

/** each row of each table as the database itself renders it, in key order */
export async function dump(db: TestDatabase, family: Family): Promise<Record<string, string[]>> {
  const client = await db.open()
  try {
    const catalog = await client.sql.readCatalog(client, db.schemas)
    const out: Record<string, string[]> = {}
    for (const name of TABLES) {
      const table = catalog.tables.find((t) => t.name === name)!
      const q = client.sql.quote
      const rendered = table.columns.map((c) =>
        family === 'postgres'
          ? `${q(c.name)}::text`
          : family === 'mysql'
            ? /binary|blob/.test(c.type) ? `HEX(${q(c.name)})` : `CAST(${q(c.name)} AS CHAR)`
            : `typeof(${q(c.name)}) || ':' || CASE typeof(${q(c.name)}) WHEN 'real' THEN printf('%!.17g', ${q(c.name)}) ELSE quote(${q(c.name)}) END`,
      )
      const rows = await client.query(`SELECT ${rendered.map((r, i) => `${r} AS c${i}`).join(', ')} FROM ${client.sql.table(table)} ORDER BY ${q('id')}`)
      out[name] = rows.map((row) => JSON.stringify(Object.values(row)))
    }
    return out
  } finally {
    await client.close()
  }
}

export interface Staged {
  db: TestDatabase
  family: Family
  /** the archive of what the cleanup removed */
  archive: string
  before: Record<string, string[]>
  /** after the cleanup */
  cleaned: Record<string, string[]>
}

/**
 * The database, then a cleanup of parents 2 and 3 done as `cleanup --apply` does it: in one
 * transaction, every affected row archived through the codec, children first, then the DELETEs
 * and the SET NULL. The session reads in another time zone than restore writes in, and PostgreSQL's
 * in another date style.
 */
export async function staged(dialect: TestDialect, name: string, dir: string): Promise<Staged> {
  const family = familyOf(dialect.id)
  const db = await dialect.create(name, [])
  await db.exec(fixture(family))
  const before = await dump(db, family)
  const archive = `${dir}/${name}.archive.jsonl`
  const catalog = await readTables(db)
  const target = parseDatabaseUrl(db.url, process.cwd())
  const codec = codecFor(dialect.id)
  const header: ArchiveHeader = { format: 'seedguard-archive', version: 1, dialect: dialect.id, database: target.masked, planHash: 'test-plan', scope: 'seeded', createdAt: new Date().toISOString() }
  const writer = await createArchive(archive, header, codec)
  const session = await openWritable(target)
  const seeded = `parent_id IN (2, 3)`
  try {
    if (family === 'mysql') await session.run(`SET SESSION time_zone = '+05:30'`)
    if (family === 'postgres') for (const setting of [`SET DateStyle = 'SQL, DMY'`, `SET TimeZone = 'America/New_York'`]) await session.run(setting)
    await inTransaction(session, async () => {
      const sections: Array<{ table: string; action: ArchivedTable['action']; where: string; columns?: string[] }> = [
        { table: 'every_type', action: 'delete', where: seeded },
        { table: 'note', action: 'set-null', where: seeded, columns: ['id', 'parent_id'] },
        { table: 'parent', action: 'delete', where: 'id IN (2, 3)' },
      ]
      for (const section of sections) {
        const table = catalog.find((t) => t.name === section.table)!
        const columns = table.columns.filter((c) => !section.columns || section.columns.includes(c.name)).map((c) => ({ name: c.name, type: c.type }))
        await writer.table({ table: { ...(table.schema ? { schema: table.schema } : {}), name: table.name }, display: table.name, action: section.action, columns, key: table.primaryKey })
        const rows = await session.run(`SELECT ${codec.selectList(columns)} FROM ${table.name} WHERE ${section.where} ORDER BY id`)
        for (const row of rows) await writer.row(archivedValues(row, columns))
      }
      await session.run(`UPDATE note SET parent_id = NULL WHERE ${seeded}`)
      await session.run(`DELETE FROM every_type WHERE ${seeded}`)
      await session.run(`DELETE FROM parent WHERE id IN (2, 3)`)
      await writer.finish()
    })
  } catch (error) {
    await writer.abort()
    throw error
  } finally {
    await session.close()
  }
  return { db, family, archive, before, cleaned: await dump(db, family) }
}

async function readTables(db: TestDatabase): Promise<CatalogTable[]> {
  const client = await db.open()
  try {
    return (await client.sql.readCatalog(client, db.schemas)).tables
  } finally {
    await client.close()
  }
}

/** the name SEEDGUARD_ALLOW_PRODUCTION must hold for this database */
export function databaseName(db: TestDatabase): string {
  const target = parseDatabaseUrl(db.url, process.cwd())
  return target.database ?? basename(target.path!)
}
