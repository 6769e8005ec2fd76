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

const sqlClients: SeedTool = {
  id: 'sql-clients',
  title: 'SQL clients',
  docs: 'https://www.postgresql.org/docs/current/app-psql.html',
  wipes: sqlWipes,
}
export default sqlClients
