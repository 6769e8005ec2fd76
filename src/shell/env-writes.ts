import { parse as parseDotenv } from 'dotenv'
import type { Project } from '../project/project.js'
import { joinPath } from '../util/paths.js'
import type { SimpleCommand } from './parse.js'

/**
 * Variables a command hands to the commands after it: `export X=y`, `echo "X=y" >> $GITHUB_ENV`
 * (later steps of the job), and a `.env` file written or copied into place
 * (`cp .env.example .env`), which Prisma, Knex and most frameworks read. This is how a CI job's
 * DATABASE_URL usually gets set, and whether it is localhost decides whether a seed there matters.
 */
export function envWrittenBy(command: SimpleCommand, project: Project): Record<string, string> {
  const name = command.words[0]?.value
  if (name === 'export' || name === 'declare' || name === 'typeset') return command.exported
  // asked of every command walked: besides the exporting builtins, only these write variables for later ones
  if (name !== 'echo' && name !== 'printf' && name !== 'cp' && name !== 'mv') return {}
  const args = command.words.slice(1).map((w) => w.value)
  const toEnvFile = command.writes.some(({ target }) => /GITHUB_ENV/.test(target.value) || isDotenv(target.value))
  if ((name === 'echo' || name === 'printf') && toEnvFile) {
    const out: Record<string, string> = {}
    for (const line of args.filter((a) => !a.startsWith('-')).join('\n').split(/\n|\\n/)) {
      const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line)
      if (match) out[match[1]!] = match[2]!.replace(/^(['"])(.*)\1$/, '$2')
    }
    return out
  }
  if ((name === 'cp' || name === 'mv') && args.length >= 2 && isDotenv(args[args.length - 1]!)) {
    const from = joinPath(command.cwd, args[args.length - 2]!)
    const text = from === undefined ? undefined : project.cache.get(from)?.text
    return text === undefined ? {} : parseDotenv(text)
  }
  return {}
}

function isDotenv(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1)
  return base === '.env' || base.startsWith('.env.')
}
