// https://laravel.com/docs/seeding#running-seeders
import { parse as parseDotenv } from 'dotenv'
import type { LeafCommand } from '../model/command.js'
import type { Project } from '../project/project.js'
import { joinPath } from '../util/paths.js'
import { basename, flagValue, hasFlag, positionals } from './argv.js'
import type { SeedTool } from './types.js'

/**
 * What each destructive command does (https://laravel.com/docs/migrations#roll-back-migrate-using-a-single-command,
 * https://laravel.com/docs/migrations#drop-all-tables-migrate); each asks for confirmation in production, as db:seed does.
 */
const WIPING: Record<string, string> = {
  'migrate:fresh': '`migrate:fresh` drops every table, then runs every migration',
  'migrate:refresh': '`migrate:refresh` rolls back every migration (their down methods drop the tables), then migrates again',
  'migrate:reset': '`migrate:reset` rolls back every migration; their down methods drop the tables',
  'db:wipe': '`db:wipe` drops every table, view and type',
}

const VALUED = ['--class', '--seeder', '--database', '--path', '--env', '--step']
const RESEEDING = new Set(['migrate', 'migrate:fresh', 'migrate:refresh'])

/** The artisan command of `php artisan …` (or `./artisan …`); the PHP binary by a path or a version (`/usr/bin/php8.3`). */
function artisanCommandOf({ argv }: LeafCommand): string | undefined {
  const args = /^php[\d.]*$/.test(basename(argv[0] ?? '')) ? argv.slice(1) : argv
  if (basename(args[0] ?? '') !== 'artisan') return undefined
  return positionals(args.slice(1), VALUED)[0]
}

/**
 * Laravel loads the `.env` beside `artisan` without overriding variables the process already has
 * (https://laravel.com/docs/configuration#environment-configuration): a committed `.env` that
 * travels with the checkout or the image sets APP_ENV wherever nothing else does.
 */
function dotenvAppEnv(project: Project, cwd: string): string | undefined {
  const text = project.cache.get(joinPath(cwd, '.env') ?? '')?.text
  return text === undefined ? undefined : parseDotenv(text).APP_ENV
}

/** `migrate --force --seed --seeder=X` → keep `migrate --force`, seed with `db:seed --force --class=X` */
function takeApart(argv: readonly string[]): { keep: string; seed: string } {
  const keep: string[] = []
  let seeder: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--seed') continue
    if (arg === '--seeder') seeder = argv[++i]
    else if (arg.startsWith('--seeder=')) seeder = arg.slice('--seeder='.length)
    else keep.push(arg)
  }
  const artisan = argv.slice(0, argv.findIndex((a) => basename(a) === 'artisan') + 1)
  return { keep: keep.join(' '), seed: [...artisan, 'db:seed', '--force', ...(seeder ? [`--class=${seeder}`] : [])].join(' ') }
}

const UNSURE = 'without --force Laravel asks to confirm where APP_ENV is production, its default when unset: with no terminal the run is cancelled, at a terminal (a deploy script run by hand, `ssh -t`) the person running it decides; it runs without asking where APP_ENV names another environment'

/**
 * Whether a command that asks for confirmation in production runs non-interactively: APP_ENV=production
 * asks, and a run without a terminal is cancelled unless --force is given (ConfirmableTrait). APP_ENV
 * unset falls back to `env('APP_ENV', 'production')` in a stock config/app.php: the run goes ahead
 * only where a setting outside the files names another environment.
 */
function confirmation(cmd: LeafCommand, project: Project): 'runs' | 'cancelled' | 'unsure' {
  if (hasFlag(cmd.argv, ['--force'])) return 'runs'
  // `--env=production` selects the environment as APP_ENV does
  const appEnv = flagValue(cmd.argv, ['--env']) ?? cmd.env.APP_ENV ?? dotenvAppEnv(project, cmd.cwd)
  return appEnv === 'production' ? 'cancelled' : appEnv === undefined ? 'unsure' : 'runs'
}

const DESTRUCTIVE_CALL = /DB::prohibitDestructiveCommands\(\s*([^;]*?)\s*\)\s*;/

/**
 * Laravel 11's `DB::prohibitDestructiveCommands()` in a service provider makes db:wipe,
 * migrate:fresh, migrate:refresh and migrate:reset refuse to run: always without an argument, and
 * where the app runs as production with `$this->app->isProduction()`
 * (https://laravel.com/docs/11.x/migrations#prohibiting-destructive-commands). Another condition
 * cannot be judged here, so it prohibits nothing seedguard relies on.
 */
function prohibited(cmd: LeafCommand, project: Project): { refused: boolean; unsure?: string } {
  const prefix = `${joinPath(cmd.cwd, 'app/Providers') ?? 'app/Providers'}/`
  for (const file of project.cache.files.list()) {
    if (!file.startsWith(prefix) || !file.endsWith('.php')) continue
    const argument = DESTRUCTIVE_CALL.exec(project.cache.get(file)?.text ?? '')?.[1]
    if (argument === undefined) continue
    if (argument === '' || argument === 'true') return { refused: true }
    if (!/isProduction\(\)$/.test(argument)) continue
    const appEnv = flagValue(cmd.argv, ['--env']) ?? cmd.env.APP_ENV ?? dotenvAppEnv(project, cmd.cwd)
    if (appEnv === 'production') return { refused: true }
    if (appEnv === undefined) return { refused: false, unsure: `${file} prohibits it where APP_ENV is production, which no file of this path sets` }
  }
  return { refused: false }
}

const laravel: SeedTool = {
  id: 'laravel',
  title: 'Laravel',
  docs: 'https://laravel.com/docs/seeding#running-seeders',
  environmentVariable: 'APP_ENV',
  match: (cmd, project) => {
    const command = artisanCommandOf(cmd)
    if (command === undefined) return undefined
    const seedFlag = hasFlag(cmd.argv, ['--seed'])
    // the fresh/refresh commands seed when given --seeder alone; not checked against the source for `migrate`
    const seederOnly = !seedFlag && hasFlag(cmd.argv, ['--seeder'])
    if (command !== 'db:seed' && !(RESEEDING.has(command) && (seedFlag || seederOnly))) return undefined
    const asked = confirmation(cmd, project)
    if (asked === 'cancelled') return undefined
    if (asked === 'unsure') return { confidence: 'low', note: UNSURE }
    // a prohibited fresh or refresh stops before it seeds
    const prohibition = WIPING[command] === undefined ? { refused: false } : prohibited(cmd, project)
    if (prohibition.refused) return undefined
    if (prohibition.unsure !== undefined) return { confidence: 'low', note: prohibition.unsure }
    const apart = command === 'db:seed' ? {} : { apart: takeApart(cmd.argv) }
    if (seederOnly) return { confidence: 'medium', note: `\`${command} --seeder\` without --seed`, ...apart }
    return { confidence: 'high', ...apart }
  },
  wipes: (cmd, project) => {
    const command = artisanCommandOf(cmd)
    const wipes = command === undefined ? undefined : WIPING[command]
    if (wipes === undefined) return undefined
    const asked = confirmation(cmd, project)
    if (asked === 'cancelled') return undefined
    const prohibition = prohibited(cmd, project)
    if (prohibition.refused) return undefined
    if (prohibition.unsure !== undefined) return { confidence: 'low', note: `${wipes}; ${prohibition.unsure}` }
    return asked === 'unsure' ? { confidence: 'low', note: `${wipes}; ${UNSURE}` } : { confidence: 'high', note: wipes }
  },
  migrates: (cmd) => artisanCommandOf(cmd) === 'migrate' && !hasFlag(cmd.argv, ['--seed', '--seeder']),
  // `--env=testing` selects the environment (and its .env.testing) as APP_ENV does
  namedEnvironment: (cmd) => (artisanCommandOf(cmd) === undefined ? undefined : flagValue(cmd.argv, ['--env'])),
}
export default laravel
