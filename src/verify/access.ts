// What a run that read nothing, or not everything, must say (issue 11: a role without grants, or a
// --schema typo, was reported clean). Where it could read, and the GRANT that would let it read more.
import type { SqlDialect } from './dialects/types.js'
import type { Discovery, VerifyOptions } from './types.js'

/** Why this session verified nothing and what would let it, or undefined when it read a table. */
export function explainNothingRead(discovery: Discovery, sql: SqlDialect, options: VerifyOptions, database: string): string | undefined {
  const { access } = discovery
  const noun = sql.family === 'mysql' ? 'database' : 'schema'
  const missing = access.schemas ? (options.schemas ?? []).filter((s) => !access.schemas!.includes(s)) : []
  if (missing.length) {
    const hidden = sql.family === 'mysql' ? ' or this user holds no privilege in it' : ''
    return `${noun} ${missing.map((s) => `\`${s}\``).join(', ')} does not exist${hidden} (${noun}s this connection sees: ${access.schemas!.join(', ') || 'none'})`
  }
  if (discovery.tables.length) return undefined
  const searched = searchedSchemas(discovery, sql, options)
  if (access.unreadable.length) {
    const first = discovery.unchecked[0]!
    return `this connection can read none of the ${access.unreadable.length} tables it sees (${first.table}: ${first.why}${access.unreadable.length > 1 ? ', …' : ''}); grant it read access: ${grantAdvice(sql, access.role, schemasOf(discovery))}`
  }
  if (access.ignored) return 'every table is left out by --ignore-table: nothing to verify'
  const where = sql.family === 'sqlite' ? database : searched.length ? `${noun} ${searched.join(', ')}` : `any ${noun} of this database`
  const hidden = sql.family === 'mysql' ? `; MySQL lists only the tables a user holds a privilege on: ${grantAdvice(sql, access.role, searched)}` : ''
  return `no tables in ${where}: nothing to verify (the wrong database${sql.family === 'sqlite' ? ' file' : ` or --schema`}? migrations not run yet?${hidden})`
}

/** The statements that give `role` read access to `schemas`, in the database's own SQL; empty for SQLite (no grants). */
export function grantAdvice(sql: SqlDialect, role: string | undefined, schemas: string[]): string {
  const who = role ?? '<role>'
  if (sql.family === 'postgres') return schemas.map((s) => `GRANT USAGE ON SCHEMA ${sql.quote(s)} TO ${who}; GRANT SELECT ON ALL TABLES IN SCHEMA ${sql.quote(s)} TO ${who};`).join(' ')
  if (sql.family === 'mysql') return schemas.map((s) => `GRANT SELECT ON ${sql.quote(s)}.* TO ${who};`).join(' ')
  return ''
}

/** The schemas of the tables it could not read, in order. */
export function schemasOf(discovery: Discovery): string[] {
  return [...new Set(discovery.access.unreadable.flatMap((t) => (t.schema ? [t.schema] : [])))]
}

/** --schema, or for MySQL the URL's database: the catalog reads only that one */
function searchedSchemas(discovery: Discovery, sql: SqlDialect, options: VerifyOptions): string[] {
  if (options.schemas?.length) return options.schemas
  return sql.family === 'mysql' && discovery.access.defaultSchema ? [discovery.access.defaultSchema] : []
}
