// https://www.postgresql.org/docs/current/app-psql.html
import type { LeafCommand } from '../model/command.js'
import type { Project } from '../project/project.js'
import { joinPath } from '../util/paths.js'
import { basename, flagValues } from './argv.js'
import type { SeedTool, WipeMatch } from './types.js'

/**
 * Statements that destroy rows (https://www.postgresql.org/docs/current/sql-commands.html,
 * https://dev.mysql.com/doc/refman/8.4/en/sql-data-definition-statements.html): a script that
 * recreates a table drops what it held all the same.
 */
const DESTRUCTIVE = /\b(DROP\s+(?:DATABASE|SCHEMA|TABLE)|TRUNCATE)\b/i

/**
 * The flags of each client that take SQL text and a file of SQL: psql -c/--command, -f/--file;
 * mysql (and mariadb, the same client) -e/--execute (https://dev.mysql.com/doc/refman/8.4/en/mysql-command-options.html).
 * Each also reads SQL from its standard input: a here-document.
 */
const CLIENTS: Record<string, { text: string[]; file: string[] }> = {
  psql: { text: ['-c', '--command'], file: ['-f', '--file'] },
  mysql: { text: ['-e', '--execute'], file: [] },
  mariadb: { text: ['-e', '--execute'], file: [] },
}

/** the first destructive statement of SQL text, as `DROP TABLE`, `TRUNCATE` */
function destructiveStatement(sql: string): string | undefined {
  return DESTRUCTIVE.exec(sql)?.[1]?.toUpperCase().replace(/\s+/, ' ')
}

function sqlWipes({ argv, cwd, stdin, stdinFile }: LeafCommand, project: Project): WipeMatch | undefined {
  const program = basename(argv[0] ?? '')
  // https://www.postgresql.org/docs/current/app-dropdb.html
  if (program === 'dropdb') return { confidence: 'high', note: '`dropdb` removes the database' }
  const client = CLIENTS[program]
  if (!client) return undefined
  const sources = [
    ...flagValues(argv.slice(1), client.text).map((sql) => ({ sql, from: 'its SQL' })),
    ...(stdin === undefined ? [] : [{ sql: stdin, from: 'the SQL it reads' }]),
    ...[...flagValues(argv.slice(1), client.file), ...(stdinFile === undefined ? [] : [stdinFile])].flatMap((file) => {
      const text = project.cache.get(joinPath(cwd, file) ?? '')?.text
      return text === undefined ? [] : [{ sql: text, from: file }]
    }),
  ]
  for (const { sql, from } of sources) {
    const statement = destructiveStatement(sql)
    if (statement !== undefined) return { confidence: 'high', note: `${from} runs ${statement}` }
  }
  return undefined
}

/**
 * The variable each client reads its server from when no flag names one: PGHOST for the PostgreSQL
 * tools (https://www.postgresql.org/docs/current/libpq-envars.html), MYSQL_HOST for mysql and
 * mariadb (https://dev.mysql.com/doc/refman/8.4/en/environment-variables.html).
 */
const HOST_VARIABLE: Record<string, string> = { psql: 'PGHOST', dropdb: 'PGHOST', createdb: 'PGHOST', pg_restore: 'PGHOST', mysql: 'MYSQL_HOST', mariadb: 'MYSQL_HOST' }
// a connection URI in place of a database name (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS)
const CONNECTION_URI = /^postgres(?:ql)?:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?]+)/

/** `-h localhost`, `--host=db`, `-hdb`, or the host of a `postgres://` URI: what the command's own words say of its server */
function sqlConnection({ argv }: LeafCommand): Record<string, string> {
  const variable = HOST_VARIABLE[basename(argv[0] ?? '')]
  if (!variable) return {}
  const args = argv.slice(1)
  const attached = args.flatMap((a) => (/^-h[^-]/.test(a) ? [a.slice(2)] : []))
  const uri = args.flatMap((a) => CONNECTION_URI.exec(a.replace(/^--?(?:d|dbname|maintenance-db)=/, ''))?.[1]?.replace(/^\[(.*)\]$/, '$1') ?? [])
  // a value only known at run time says nothing
  const host = [...flagValues(args, ['-h', '--host']), ...attached, ...uri].find((h) => !/[$`]/.test(h))
  return host === undefined ? {} : { [variable]: host }
}

const sqlClients: SeedTool = {
  id: 'sql-clients',
  title: 'SQL clients',
  docs: 'https://www.postgresql.org/docs/current/app-psql.html',
  wipes: sqlWipes,
  connection: sqlConnection,
}
export default sqlClients
