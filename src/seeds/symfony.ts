// https://symfony.com/bundles/DoctrineFixturesBundle
import type { LeafCommand } from '../model/command.js'
import { hasFlag, positionals } from './argv.js'
import type { SeedTool } from './types.js'

// global and command options written as two words, so their value is not taken for the command
const VALUED = ['-e', '--env', '--group', '--exclude', '--em', '--purger']

/** The console command of `php bin/console …`, `bin/console …` (Symfony 2: app/console) or `symfony console …`. */
function commandOf({ argv }: LeafCommand): string | undefined {
  let args = argv
  if (args[0] === 'symfony' && args[1] === 'console') return positionals(args.slice(2), VALUED)[0]
  // `symfony php bin/console …` runs the project's PHP version
  if (args[0] === 'symfony' && args[1] === 'php') args = args.slice(1)
  if (args[0] === 'php') args = args.slice(1)
  if (!/(?:^|\/)(?:bin|app)\/console$/.test(args[0] ?? '')) return undefined
  return positionals(args.slice(1), VALUED)[0]
}

/**
 * Symfony Console runs a command given by unambiguous prefixes of its parts, so `d:f:l` is
 * `doctrine:fixtures:load` (https://symfony.com/doc/current/console.html#console-command-abbreviations).
 */
function isCommand(given: string | undefined, name: string): boolean {
  const parts = given?.split(':') ?? []
  const full = name.split(':')
  return parts.length === full.length && parts.every((p, i) => p !== '' && full[i]!.startsWith(p))
}

const symfony: SeedTool = {
  id: 'symfony',
  title: 'Symfony (DoctrineFixturesBundle)',
  docs: 'https://symfony.com/bundles/DoctrineFixturesBundle',
  environmentVariable: 'APP_ENV',
  match: (cmd) => {
    if (!isCommand(commandOf(cmd), 'doctrine:fixtures:load')) return undefined
    // the bundle purges every table before loading unless told to append
    if (hasFlag(cmd.argv, ['--append'])) return { confidence: 'high', note: 'loads the data fixtures, appended to existing rows' }
    return { confidence: 'high', note: 'purges the database, then loads the data fixtures' }
  },
  migrates: (cmd) => isCommand(commandOf(cmd), 'doctrine:migrations:migrate'),
}
export default symfony
