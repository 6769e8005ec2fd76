import type { CatalogColumn, CatalogTable, ReadOnlyClient, SqlDialect, TableRef } from './dialects/types.js'
import type { PrismaModel } from './prisma-schema.js'
import { scopeTable } from './since.js'
import type { AdminSource, Discovery, Table, TimeColumn, UncheckedTable, VerifyOptions } from './types.js'

/** Column names compared without case and separators: created_at = createdAt = CreatedAt */
const norm = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '')

// in order of preference
const CREATED = ['createdat', 'insertedat', 'datejoined', 'created', 'createdon', 'createddate', 'creationdate', 'creationtime', 'createtime', 'datecreated', 'joinedat', 'registeredat', 'registrationdate', 'signupat', 'signedupat', 'signupdate']
const UPDATED = ['updatedat', 'modifiedat', 'updated', 'modified', 'updatedon', 'modifiedon', 'lastmodified', 'lastmodifiedat', 'dateupdated', 'datemodified', 'updatetime']
const EMAIL = ['email', 'emailaddress', 'mail', 'useremail', 'primaryemail']
const USERNAME = ['username', 'login', 'handle', 'screenname', 'nickname', 'userhandle']
const PERSON_NAME = ['name', 'fullname', 'displayname']
const ADMIN_TABLES = ['admin', 'admins', 'administrator', 'administrators', 'adminuser', 'adminusers', 'superadmin', 'superadmins']
const ADMIN_FLAGS = ['isadmin', 'admin', 'issuperuser', 'superuser', 'issuperadmin', 'superadmin', 'isstaff', 'issysadmin']
const ROLE_COLUMNS = ['role', 'roles', 'userrole', 'usertype', 'accounttype', 'type', 'kind', 'accesslevel']
const ADMIN_ROLES = ['admin', 'administrator', 'superadmin', 'super_admin', 'super-admin', 'superuser', 'sysadmin', 'root']
/** bookkeeping of migration tools: counted, never judged (their rows arrive in deploy-time bursts by design) */
const SYSTEM_TABLES = ['_prisma_migrations', 'knex_migrations', 'knex_migrations_lock', 'sequelizemeta', 'schema_migrations', 'ar_internal_metadata', 'django_migrations', 'django_content_type', 'django_session', 'auth_permission', '__efmigrationshistory', 'goose_db_version', 'flyway_schema_history', '_sqlx_migrations', '__drizzle_migrations', 'migrations', 'typeorm_metadata', 'mikro_orm_migrations', 'adonis_schema', 'adonis_schema_versions', 'doctrine_migration_versions', 'spatial_ref_sys']

export const DEFAULT_EXACT_COUNT_LIMIT = 10_000_000

/** Tables, their row counts and the roles of their columns; admin accounts' sources. */
export async function discover(client: ReadOnlyClient, options: VerifyOptions): Promise<Discovery> {
  const sql = client.sql
  const catalog = await sql.readCatalog(client, options.schemas)
  const ignored = new Set((options.ignoreTables ?? []).map((t) => t.toLowerCase()))
  const kept = (t: TableRef) => !ignored.has(t.name.toLowerCase()) && !ignored.has(`${t.schema}.${t.name}`.toLowerCase())
  const entries = catalog.tables.filter(kept)
  const tables: Table[] = []
  const byKey = new Map<string, Table>()
  for (const entry of entries) {
    const table = describeTable(entry, sql, catalog.defaultSchema, options, modelFor(entry, options))
    tables.push(table)
    byKey.set(keyOf(entry.schema, entry.name), table)
  }
  for (const [i, entry] of entries.entries()) linkTable(tables[i]!, entry, byKey, options)
  const unscoped: UncheckedTable[] = []
  if (options.since) {
    for (const table of tables) {
      const scoped = scopeTable(table, sql, options.since)
      if ('why' in scoped) unscoped.push(scoped)
      else Object.assign(table, scoped)
    }
  }
  const read = tables.filter((t) => !unscoped.some((u) => u.table === t.display))
  const limit = options.exactCountLimit ?? DEFAULT_EXACT_COUNT_LIMIT
  for (const [i, table] of tables.entries()) {
    if (!read.includes(table)) continue
    const estimate = entries[i]!.estimate
    // new rows are counted: the planner's estimate is of the whole table
    if (estimate !== undefined && estimate > limit && !table.scope?.after) Object.assign(table, { rows: Math.round(estimate), estimated: true })
    else table.rows = Number((await client.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${table.sql}`))[0]?.n ?? 0)
  }
  const unreadable = catalog.unreadable.filter(kept)
  return {
    tables: read,
    admins: findAdmins(read, sql, options),
    unchecked: [...unreadable.map((t) => ({ table: displayName(t, catalog.defaultSchema), why: t.why })), ...unscoped],
    access: {
      unreadable,
      ignored: catalog.tables.length + catalog.unreadable.length - entries.length - unreadable.length,
      schemas: catalog.schemas,
      role: catalog.role,
      defaultSchema: catalog.defaultSchema,
    },
  }
}

/** `User`, or `auth.users` outside the default schema */
function displayName(ref: TableRef, defaultSchema: string | undefined): string {
  return ref.schema && ref.schema !== defaultSchema ? `${ref.schema}.${ref.name}` : ref.name
}

function describeTable(entry: CatalogTable, sql: SqlDialect, defaultSchema: string | undefined, options: VerifyOptions, model?: PrismaModel): Table {
  const columns = entry.columns
  const prismaColumn = (test: (f: PrismaModel['fields'][number]) => boolean) => {
    const field = model?.fields.find(test)
    return field && columns.find((c) => c.name === field.column)
  }
  const pick = (names: string[], usable: (c: CatalogColumn) => boolean) => {
    for (const name of names) {
      const found = columns.find((c) => norm(c.name) === norm(name) && usable(c))
      if (found) return found
    }
    return undefined
  }
  const timeLike = (c: CatalogColumn) => c.kind === 'time' || c.kind === 'integer' || (sql.family === 'sqlite' && (c.kind === 'text' || c.kind === 'other'))
  const text = (c: CatalogColumn) => c.kind === 'text' || c.kind === 'other'
  const created = pick(options.createdColumns ?? [], timeLike) ?? prismaColumn((f) => f.createdNow) ?? pick(CREATED, timeLike)
  const updated = prismaColumn((f) => f.updatedAt) ?? pick(UPDATED, timeLike)
  const key = entry.primaryKey.length === 1 ? columns.find((c) => c.name === entry.primaryKey[0]) : undefined
  return {
    ref: { schema: entry.schema, name: entry.name },
    display: displayName(entry, defaultSchema),
    sql: sql.table(entry),
    ...(model ? { model: model.name } : {}),
    rows: 0,
    estimated: false,
    columns,
    ...(key ? { key: key.name } : {}),
    primaryKey: entry.primaryKey,
    integerKey: key?.kind === 'integer',
    ...(created ? { created: timeColumn(created, sql) } : {}),
    ...(updated && updated !== created ? { updated: timeColumn(updated, sql) } : {}),
    ...roleColumn('email', pick(EMAIL, text)),
    ...roleColumn('username', pick(USERNAME, text)),
    ...roleColumn('personName', pick(PERSON_NAME, text)),
    links: [],
    system: SYSTEM_TABLES.includes(entry.name.toLowerCase()),
  }
}

function timeColumn(column: CatalogColumn, sql: SqlDialect): TimeColumn {
  return { name: column.name, sql: sql.quote(column.name), encoding: sql.family === 'sqlite' ? 'dynamic' : column.kind === 'time' ? 'timestamp' : 'epoch' }
}

function roleColumn<K extends string>(key: K, column: CatalogColumn | undefined): Partial<Record<K, string>> {
  return column ? ({ [key]: column.name } as Record<K, string>) : {}
}

/** Foreign keys from the catalog, or from Prisma's @relation where the database has none (relationMode = "prisma"). */
function linkTable(table: Table, entry: CatalogTable, byKey: Map<string, Table>, options: VerifyOptions): void {
  for (const fk of entry.foreignKeys) {
    const parent = byKey.get(keyOf(fk.references.schema ?? entry.schema, fk.references.name))
    const referenced = fk.referencedColumns[0] ?? parent?.key
    if (parent && fk.columns.length === 1 && referenced) table.links.push({ column: fk.columns[0]!, references: parent, referencedColumn: referenced, onDelete: fk.onDelete })
  }
  if (table.links.length > 0 || !table.model) return
  const model = options.prisma?.models.find((m) => m.name === table.model)
  for (const field of model?.fields ?? []) {
    if (!field.relation || field.relation.fields.length !== 1) continue
    const parentModel = options.prisma!.models.find((m) => m.name === field.relation!.model)
    const parent = parentModel && [...byKey.values()].find((t) => t.model === parentModel.name)
    const column = model!.fields.find((f) => f.name === field.relation!.fields[0])?.column
    const referenced = parentModel?.fields.find((f) => f.name === field.relation!.references[0])?.column
    if (parent && column && referenced) table.links.push({ column, references: parent, referencedColumn: referenced, onDelete: 'no action' })
  }
}

function modelFor(entry: CatalogTable, options: VerifyOptions): PrismaModel | undefined {
  const models = options.prisma?.models ?? []
  const sameSchema = (m: PrismaModel) => !m.schema || !entry.schema || m.schema === entry.schema
  return models.find((m) => m.table === entry.name && sameSchema(m)) ?? models.find((m) => m.table.toLowerCase() === entry.name.toLowerCase() && sameSchema(m))
}

/** An `Admin` table, role or is_admin columns on user tables, or what --admin-table / --admin-where say. */
function findAdmins(tables: Table[], sql: SqlDialect, options: VerifyOptions): AdminSource[] {
  const people = tables.filter((t) => !t.system && (t.email || t.username))
  if (options.adminTable) {
    const wanted = options.adminTable.toLowerCase()
    const table = tables.find((t) => t.display.toLowerCase() === wanted || t.ref.name.toLowerCase() === wanted)
    return table ? [{ table, why: '--admin-table' }] : []
  }
  if (options.adminWhere) {
    const users = people.find((t) => /^(users?|accounts?|members?|customers?|people|persons?)$/i.test(t.ref.name)) ?? people[0]
    return users ? [{ table: users, where: `(${options.adminWhere})`, why: '--admin-where' }] : []
  }
  const sources: AdminSource[] = []
  for (const table of tables) {
    if (table.system) continue
    if (ADMIN_TABLES.includes(norm(table.ref.name))) {
      sources.push({ table, why: `the ${table.display} table` })
      continue
    }
    if (!people.includes(table)) continue
    const conditions: string[] = []
    for (const c of table.columns) {
      const n = norm(c.name)
      if (ADMIN_FLAGS.includes(n) && (c.kind === 'boolean' || c.kind === 'integer')) conditions.push(`${sql.quote(c.name)} IS TRUE`)
      if (ROLE_COLUMNS.includes(n) && c.kind === 'text') conditions.push(`lower(${sql.text(sql.quote(c.name))}) IN (${ADMIN_ROLES.map((r) => sql.string(r)).join(', ')})`)
    }
    if (conditions.length) sources.push({ table, where: conditions.join(' OR '), why: `${table.display} rows with ${conditions.length > 1 ? 'admin roles or flags' : 'an admin role or flag'}` })
  }
  return sources
}

function keyOf(schema: string | undefined, name: string): string {
  return `${schema ?? ''}\0${name}`
}
