// https://laravel.com/docs/seeding#running-seeders
import type { LeafCommand } from '../model/command.js'
import { basename, flagValue, hasFlag, positionals } from './argv.js'
import type { SeedTool } from './types.js'

const VALUED = ['--class', '--seeder', '--database', '--path', '--env', '--step']
const RESEEDING = new Set(['migrate', 'migrate:fresh', 'migrate:refresh'])

/** The artisan command of `php artisan …` (or `./artisan …`). */
function artisanCommandOf({ argv }: LeafCommand): string | undefined {
  const args = argv[0] === 'php' ? argv.slice(1) : argv
  if (basename(args[0] ?? '') !== 'artisan') return undefined
  return positionals(args.slice(1), VALUED)[0]
}

const laravel: SeedTool = {
  id: 'laravel',
  title: 'Laravel',
  docs: 'https://laravel.com/docs/seeding#running-seeders',
  environmentVariable: 'APP_ENV',
  match: (cmd) => {
    const command = artisanCommandOf(cmd)
    if (command === undefined) return undefined
    const seedFlag = hasFlag(cmd.argv, ['--seed'])
    // the fresh/refresh commands seed when given --seeder alone; not checked against the source for `migrate`
    const seederOnly = !seedFlag && hasFlag(cmd.argv, ['--seeder'])
    if (command !== 'db:seed' && !(RESEEDING.has(command) && (seedFlag || seederOnly))) return undefined
    // APP_ENV=production asks for confirmation, and a non-interactive run is cancelled unless --force is given
    // `--env=production` selects the environment as APP_ENV does
    const appEnv = flagValue(cmd.argv, ['--env']) ?? cmd.env.APP_ENV
    if (!hasFlag(cmd.argv, ['--force'])) {
      if (appEnv === 'production') return undefined
      if (appEnv === undefined) {
        return { confidence: 'medium', note: 'without --force Laravel cancels this run where APP_ENV (e.g. from .env) is production' }
      }
    }
    if (seederOnly) return { confidence: 'medium', note: `\`${command} --seeder\` without --seed` }
    return { confidence: 'high' }
  },
  migrates: (cmd) => artisanCommandOf(cmd) === 'migrate' && !hasFlag(cmd.argv, ['--seed', '--seeder']),
}
export default laravel
