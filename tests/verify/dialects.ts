// Every dialect the verifier runs on, as Kysely's test/node/src/test-setup.ts lists DIALECTS:
// SQLite and PGlite always; PostgreSQL and MariaDB/MySQL when their URLs are set (.ci/run starts
// both): SEEDGUARD_TEST_POSTGRES_URL, SEEDGUARD_TEST_MYSQL_URL (a user that may create databases
// named sg_*). SEEDGUARD_TEST_DIALECTS=sqlite,pglite narrows the list.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { connect } from '../../src/verify/dialects/index.js'
import type { DialectId, ReadOnlyClient } from '../../src/verify/dialects/types.js'
import { runVerify } from '../../src/verify/run.js'
import type { Check, Indicator } from '../../src/verify/types.js'
import { parseDatabaseUrl } from '../../src/verify/url.js'
import { fixtureSql, type Dialect, type FixtureTable } from './fixture.js'

export interface TestDatabase {
  /** the URL the verifier connects with */
  url: string
  /** what to pass as --schema so parallel test databases on one server stay apart */
  schemas?: string[]
  /** a session; `connections` above one lets it fork where the dialect can */
  open(connections?: number): Promise<ReadOnlyClient>
  /** statements run with write access, as the application would (the verifier never does) */
  exec(statements: string[]): Promise<void>
  drop(): Promise<void>
}

export interface TestDialect {
  id: DialectId
  create(name: string, tables?: FixtureTable[]): Promise<TestDatabase>
  /** a database built by the statements written for the dialect's family */
  createWith(name: string, statements: (family: Dialect) => string[]): Promise<TestDatabase>
}

/** the statements of the verifier's fixture, or of `tables` */
const fixture = (tables?: FixtureTable[]) => (family: Dialect) => fixtureSql(family, tables)

const postgresUrl = process.env.SEEDGUARD_TEST_POSTGRES_URL
const mysqlUrl = process.env.SEEDGUARD_TEST_MYSQL_URL
const only = process.env.SEEDGUARD_TEST_DIALECTS?.split(',')

const openUrl = (url: string, connections?: number) => connect(parseDatabaseUrl(url, process.cwd()), { timeoutMs: 60_000, connections })

const sqlite: TestDialect = {
  id: 'sqlite',
  create: (name, tables) => sqlite.createWith(name, fixture(tables)),
  async createWith(name, statements) {
    const file = join(mkdtempSync(join(tmpdir(), 'seedguard-verify-')), `${name}.db`)
    const db = new Database(file)
    db.exec(`BEGIN; ${statements('sqlite').join(';\n')}; COMMIT;`)
    db.close()
    const url = `sqlite:${file}`
    const exec = async (statements: string[]) => {
      const writer = new Database(file)
      writer.exec(`BEGIN; ${statements.join(';\n')}; COMMIT;`)
      writer.close()
    }
    return { url, open: (connections) => openUrl(url, connections), exec, drop: async () => {} }
  },
}

const pglite: TestDialect = {
  id: 'pglite',
  create: (name, tables) => pglite.createWith(name, fixture(tables)),
  async createWith(name, statements) {
    const dir = join(mkdtempSync(join(tmpdir(), 'seedguard-verify-')), name)
    const { PGlite } = await import('@electric-sql/pglite')
    const db = await PGlite.create(dir)
    await db.exec(statements('postgres').join(';\n'))
    await db.close()
    const url = `pglite:${dir}`
    const exec = async (statements: string[]) => {
      const writer = await PGlite.create(dir)
      await writer.exec(statements.join(';\n'))
      await writer.close()
    }
    return { url, open: (connections) => openUrl(url, connections), exec, drop: async () => {} }
  },
}

const postgres: TestDialect = {
  id: 'postgres',
  create: (name, tables) => postgres.createWith(name, fixture(tables)),
  async createWith(name, statements) {
    const pg = await import('pg')
    const admin = new pg.default.Client({ connectionString: postgresUrl })
    await admin.connect()
    const schema = `sg_${name}_${process.pid}`
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; CREATE SCHEMA "${schema}"; SET search_path TO "${schema}"`)
    for (const statement of statements('postgres')) await admin.query(statement)
    await admin.query('ANALYZE')
    const url = withParam(postgresUrl!, 'schema', schema)
    return {
      url,
      schemas: [schema],
      open: (connections) => openUrl(url, connections),
      exec: async (statements) => {
        for (const statement of statements) await admin.query(statement)
        await admin.query('ANALYZE')
      },
      drop: async () => {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
        await admin.end()
      },
    }
  },
}

const mysql: TestDialect = {
  id: 'mysql',
  create: (name, tables) => mysql.createWith(name, fixture(tables)),
  async createWith(name, statements) {
    const driver = await import('mysql2/promise')
    const admin = await driver.default.createConnection({ uri: mysqlUrl, multipleStatements: true })
    const database = `sg_${name}_${process.pid}`
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\`; CREATE DATABASE \`${database}\`; USE \`${database}\``)
    for (const statement of statements('mysql')) await admin.query(statement)
    const url = new URL(mysqlUrl!)
    url.pathname = `/${database}`
    return {
      url: url.toString(),
      open: (connections) => openUrl(url.toString(), connections),
      exec: async (statements) => {
        for (const statement of statements) await admin.query(statement)
      },
      drop: async () => {
        await admin.query(`DROP DATABASE IF EXISTS \`${database}\``)
        await admin.end()
      },
    }
  },
}

function withParam(url: string, key: string, value: string): string {
  const u = new URL(url)
  u.searchParams.set(key, value)
  return u.toString()
}

export const DIALECTS: TestDialect[] = [sqlite, pglite, ...(postgresUrl ? [postgres] : []), ...(mysqlUrl ? [mysql] : [])].filter((d) => !only || only.includes(d.id))

/** `checks` alone over a fresh database of `tables` on one dialect; the caller drops it when done. */
export async function verifyTables(dialect: TestDialect, name: string, tables: FixtureTable[], checks: Check[]): Promise<{ db: TestDatabase; indicators: Indicator[] }> {
  const db = await dialect.create(name, tables)
  const client = await db.open()
  try {
    return { db, indicators: (await runVerify(client, 'test', { schemas: db.schemas }, undefined, checks)).indicators }
  } finally {
    await client.close()
  }
}
