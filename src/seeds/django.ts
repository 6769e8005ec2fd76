// https://docs.djangoproject.com/en/stable/ref/django-admin/#loaddata
import type { LeafCommand } from '../model/command.js'
import { basename, hasFlag, isSeedCommandName, positionals } from './argv.js'
import type { SeedTool } from './types.js'

const VALUED = ['--settings', '--pythonpath', '--database', '--format', '-e', '--exclude', '--app', '-v', '--verbosity']

/** The management command of `python manage.py …`, `./manage.py …` or `django-admin …`, then its own operands. */
function operandsOf({ argv }: LeafCommand): string[] | undefined {
  let args = argv
  // `python -u manage.py …`: interpreter flags come before the script
  if (/^python[\d.]*$/.test(basename(args[0] ?? ''))) args = args.slice(Math.max(0, args.findIndex((a) => basename(a) === 'manage.py')))
  if (basename(args[0] ?? '') !== 'manage.py' && args[0] !== 'django-admin') return undefined
  return positionals(args.slice(1), VALUED)
}

function commandOf(cmd: LeafCommand): string | undefined {
  return operandsOf(cmd)?.[0]
}

/**
 * `flush` removes all data from the database (https://docs.djangoproject.com/en/stable/ref/django-admin/#flush);
 * django-extensions' `reset_db` drops and recreates it (https://django-extensions.readthedocs.io/en/latest/command_extensions.html).
 * Both ask first: without --noinput a run without a terminal reads end of input at the prompt and stops.
 */
const WIPING: Record<string, string> = {
  flush: '`flush` removes all data from the database',
  reset_db: "django-extensions' `reset_db` drops the database and creates it empty",
}

const django: SeedTool = {
  id: 'django',
  title: 'Django',
  docs: 'https://docs.djangoproject.com/en/stable/ref/django-admin/#loaddata',
  match: (cmd) => {
    const [command, ...labels] = operandsOf(cmd) ?? []
    // `loaddata fixture [fixture ...]`: without a fixture label the command stops at its usage error and loads nothing
    if (command === 'loaddata') return labels.length > 0 ? { confidence: 'high', note: 'loads fixtures into the database' } : undefined
    // a project's own management command (e.g. manage.py seed_users): the name is all we know of it
    if (command !== undefined && isSeedCommandName(command)) return { confidence: 'medium', note: `custom management command \`${command}\`` }
    return undefined
  },
  wipes: (cmd) => {
    const command = commandOf(cmd)
    const wipes = command === undefined ? undefined : WIPING[command]
    return wipes !== undefined && hasFlag(cmd.argv, ['--noinput', '--no-input']) ? { confidence: 'high', note: wipes } : undefined
  },
  // data migrations (RunPython) can insert rows too; that is invisible from the command line
  migrates: (cmd) => commandOf(cmd) === 'migrate',
}
export default django
