// Sets of rows named by their primary keys, kept in temporary tables inside the cleanup's
// transaction: memory stays flat however many rows a plan reaches. Each statement names a key set
// once at most, as MySQL requires of temporary tables
// (https://dev.mysql.com/doc/refman/8.0/en/temporary-table-problems.html).
import type { Table } from '../verify/types.js'
import type { CleanupSession } from './session.js'

/** keys read and written per statement */
export const CHUNK = 1000

let created = 0

export class KeySet {
  private constructor(
    private readonly session: CleanupSession,
    readonly table: Table,
    /** the temporary table, quoted */
    readonly name: string,
  ) {}

  /**
   * An empty set for `table`'s rows: a temporary table of its key columns, their types copied by
   * CREATE TABLE … AS, unique on them so a key enters once (MySQL: the key declared in the CREATE,
   * as a CREATE INDEX would commit the transaction).
   */
  static async create(session: CleanupSession, table: Table): Promise<KeySet> {
    const { sql, writable } = session
    const name = sql.quote(`_seedguard_cleanup_${++created}`)
    const columns = keyColumns(session, table)
    const empty = `SELECT ${columns} FROM ${table.sql} WHERE 1 = 0`
    if (sql.family === 'mysql') {
      await writable.query(`CREATE TEMPORARY TABLE ${name} (PRIMARY KEY (${columns})) AS ${empty}`)
    } else {
      await writable.query(`CREATE TEMPORARY TABLE ${name} AS ${empty}`)
      await writable.query(`CREATE UNIQUE INDEX ${sql.quote(`_seedguard_cleanup_${created}_key`)} ON ${name} (${columns})`)
    }
    return new KeySet(session, table, name)
  }

  /** the quoted key columns, comma-separated */
  get columns(): string {
    return keyColumns(this.session, this.table)
  }

  /** a condition on the table's rows (unqualified names): the row is in this set */
  get contains(): string {
    return `(${this.columns}) IN (SELECT ${this.columns} FROM ${this.name})`
  }

  /** adds the keys `select` returns (the key columns, in order); keys already there stay once */
  async add(select: string, params: readonly unknown[] = []): Promise<void> {
    const { sql, writable } = this.session
    const into = `INTO ${this.name} (${this.columns}) ${select}`
    await writable.query(sql.family === 'postgres' ? `INSERT ${into} ON CONFLICT DO NOTHING` : sql.family === 'mysql' ? `INSERT IGNORE ${into}` : `INSERT OR IGNORE ${into}`, params)
  }

  /** adds the rows of the table that `where` selects */
  addWhere(where: string): Promise<void> {
    return this.add(`SELECT ${this.columns} FROM ${this.table.sql} WHERE ${where}`)
  }

  /** adds every key of `other`, a set of the same table */
  addAll(other: KeySet): Promise<void> {
    return this.add(`SELECT ${this.columns} FROM ${other.name}`)
  }

  /** adds keys given as values, a row of key values each */
  async addKeys(keys: ReadonlyArray<readonly unknown[]>): Promise<void> {
    for (let i = 0; i < keys.length; i += CHUNK) {
      const chunk = keys.slice(i, i + CHUNK)
      let n = 0
      const rows = chunk.map((k) => `(${k.map(() => this.session.param(++n)).join(', ')})`)
      await this.add(`VALUES ${rows.join(', ')}`, chunk.flat())
    }
  }

  async remove(where: string): Promise<void> {
    await this.session.writable.query(`DELETE FROM ${this.name} WHERE ${where}`)
  }

  async clear(): Promise<void> {
    await this.session.writable.query(`DELETE FROM ${this.name}`)
  }

  async count(): Promise<number> {
    const [row] = await this.session.writable.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${this.name}`)
    return Number(row?.n ?? 0)
  }
}

function keyColumns(session: CleanupSession, table: Table): string {
  return table.primaryKey.map((c) => session.sql.quote(c)).join(', ')
}
