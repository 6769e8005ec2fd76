// https://flask.palletsprojects.com/en/stable/cli/#custom-commands
import type { LeafCommand } from '../model/command.js'
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

const flask: SeedTool = {
  id: 'flask',
  title: 'Flask',
  docs: 'https://flask.palletsprojects.com/en/stable/cli/#custom-commands',
  match: (cmd) => {
    const [command, sub] = commandOf(cmd)
    if (command === undefined) return undefined
    // a project's own `@app.cli.command("seed-db")`, or one in a group (`flask data seed`,
    // Flask-Seeder's `flask seed run`): as with Django's custom commands, the name is all we know
    const named = isSeedCommandName(command) ? command : sub !== undefined && isSeedCommandName(sub) ? `${command} ${sub}` : undefined
    return named === undefined ? undefined : { confidence: 'medium', note: `custom Flask command \`${named}\`` }
  },
  // Flask-Migrate (https://flask-migrate.readthedocs.io/en/latest/#command-reference)
  migrates: (cmd) => {
    const [command, sub] = commandOf(cmd)
    return command === 'db' && sub === 'upgrade'
  },
}
export default flask
