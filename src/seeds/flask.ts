// https://flask.palletsprojects.com/en/stable/cli/#custom-commands
import type { LeafCommand } from '../model/command.js'
import type { Hop } from '../model/finding.js'
import type { Project } from '../project/project.js'
import { basename, isSeedCommandName, positionals } from './argv.js'
import type { SeedTool } from './types.js'

// `flask --app app:create_app() --env-file .env.prod seed-db`: the global options before the command
const VALUED = ['--app', '-A', '--env-file', '-e']

/** The words after `flask` (or `python -m flask`) that name the command: `db upgrade` → ['db', 'upgrade']. */
function commandOf({ argv }: LeafCommand): string[] {
  let args = argv
  if (/^python[\d.]*$/.test(basename(args[0] ?? '')) && args[1] === '-m' && args[2] === 'flask') args = args.slice(2)
  if (basename(args[0] ?? '') !== 'flask') return []
  return positionals(args.slice(1), VALUED)
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Where the project defines the command, for the chain: `@app.cli.command("seed-db")`, or a bare
 * `@bp.cli.command()` over `def seed_db` (Click names a command after its function, `_` → `-`).
 * Only .py files outside virtualenvs are read, and only for a command already named for seeding.
 */
function definitionOf(name: string, project: Project): Hop | undefined {
  const fn = escape(name.replaceAll('-', '_'))
  const pattern = new RegExp(`@[\\w.]*command\\(\\s*(?:(?:name\\s*=\\s*)?["']${escape(name)}["']|\\)\\s*(?:@.*\\n\\s*)*def\\s+${fn}\\s*\\()`)
  for (const file of project.cache.files.list()) {
    if (!file.endsWith('.py') || /(?:^|\/)(?:\.?venv|site-packages|node_modules)\//.test(file)) continue
    const index = project.cache.get(file)
    const found = index && pattern.exec(index.text)
    if (found) return { span: index.span(found.index, found.index + found[0].length), label: `${file} command \`${name}\`` }
  }
  return undefined
}

const flask: SeedTool = {
  id: 'flask',
  title: 'Flask',
  docs: 'https://flask.palletsprojects.com/en/stable/cli/#custom-commands',
  match: (cmd, project) => {
    const [command, sub] = commandOf(cmd)
    if (command === undefined) return undefined
    // a project's own `@app.cli.command("seed-db")`, or one in a group (`flask data seed`,
    // Flask-Seeder's `flask seed run`): as with Django's custom commands, the name is all we know
    const name = isSeedCommandName(command) ? command : sub !== undefined && isSeedCommandName(sub) ? sub : undefined
    if (name === undefined) return undefined
    const named = name === command ? command : `${command} ${sub}`
    const definition = definitionOf(name, project)
    return { confidence: 'medium', note: `custom Flask command \`${named}\``, ...(definition && { within: { hops: [definition], more: false } }) }
  },
  // Flask-Migrate (https://flask-migrate.readthedocs.io/en/latest/#command-reference)
  migrates: (cmd) => {
    const [command, sub] = commandOf(cmd)
    return command === 'db' && sub === 'upgrade'
  },
}
export default flask
