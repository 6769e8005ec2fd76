// What a run that read nothing, or not everything, must say (issue 11: a role without grants, or a
// --schema typo, was reported clean). Where it could read, and the GRANT that would let it read more.
import type { SqlDialect } from './dialects/types.js'
import { plural } from './format.js'
import type { Discovery, VerifyOptions } from './types.js'

/** Why this session verified nothing and what would let it, or undefined when it read a table. */
export function explainNothingRead(discovery: Discovery, sql: SqlDialect, options: VerifyOptions, database: string): string | undefined {
  const { access } = discovery
  const noun = sql.family === 'mysql' ? 'database' : 'schema'
  const missing = access.schemas ? (options.schemas ?? []).filter((s) => !access.schemas!.includes(s)) : []
  if (missing.length) {
    const invisible = sql.family === 'mysql' ? ' or this user holds no privilege in it' : ''
    return `${noun} ${missing.map((s) => `\`${s}\``).join(', ')} does not exist${invisible} (${noun}s this connection sees: ${access.schemas!.join(', ') || 'none'})`
  }
  if (discovery.tables.length) return undefined
  if (access.unreadable.length) {
    const first = discovery.unchecked[0]!
    return `this connection can read none of the ${plural(access.unreadable.length, 'table')} it sees (${first.table}: ${first.why}${access.unreadable.length > 1 ? ', …' : ''}); grant it read access: ${accessAdvice(discovery, sql)}`
  }
  if (access.ignored) return 'every table is left out by --ignore-table: nothing to verify'
  const searched = searchedSchemas(discovery, sql, options)
  const where = sql.family === 'sqlite' ? database : searched.length ? `${noun} ${searched.join(', ')}` : `any ${noun} of this database`
  const hidden = sql.family === 'mysql' ? `; MySQL lists only the tables a user holds a privilege on: ${grantAdvice(sql, access.role, searched)}` : ''
  return `no tables in ${where}: nothing to verify (the wrong database${sql.family === 'sqlite' ? ' file' : ` or --schema`}? migrations not run yet?${hidden})`
}

/** The statements that give `role` read access to `schemas`, in the database's own SQL; empty for SQLite (no grants). */
function grantAdvice(sql: SqlDialect, role: string | undefined, schemas: string[]): string {
  const who = role ?? '<role>'
  if (sql.family === 'postgres') return schemas.map((s) => `GRANT USAGE ON SCHEMA ${sql.quote(s)} TO ${who}; GRANT SELECT ON ALL TABLES IN SCHEMA ${sql.quote(s)} TO ${who};`).join(' ')
  if (sql.family === 'mysql') return schemas.map((s) => `GRANT SELECT ON ${sql.quote(s)}.* TO ${who};`).join(' ')
  return ''
}

/** What would let this role read every unchecked table: GRANTs for their schemas, BYPASSRLS past row-level security. */
export function accessAdvice(discovery: Discovery, sql: SqlDialect): string {
  const { unreadable, role } = discovery.access
  const schemas = [...new Set(unreadable.filter((t) => !t.rowSecurity && t.schema).map((t) => t.schema!))]
  const bypass = unreadable.some((t) => t.rowSecurity) ? `ALTER ROLE ${role ?? '<role>'} BYPASSRLS;` : ''
  return [grantAdvice(sql, role, schemas), bypass].filter(Boolean).join(' ')
}

/** --schema, or for MySQL the URL's database: the catalog reads only that one */
function searchedSchemas(discovery: Discovery, sql: SqlDialect, options: VerifyOptions): string[] {
  if (options.schemas?.length) return options.schemas
  return sql.family === 'mysql' && discovery.access.defaultSchema ? [discovery.access.defaultSchema] : []
}
