// Shared argv reading for the seed recognisers: flags, subcommand words and seed-looking file names.

/** Words before `--`: the ones after it belong to the command being passed through (`prisma db seed -- --x`). */
function ownArgs(args: readonly string[]): readonly string[] {
  const end = args.indexOf('--')
  return end < 0 ? args : args.slice(0, end)
}

/** True when one of `names` is given, as `--x` or `--x=value`. */
export function hasFlag(args: readonly string[], names: readonly string[]): boolean {
  return ownArgs(args).some((a) => names.some((n) => a === n || a.startsWith(n + '=')))
}

/** The value of the first of `names` present, written `--x=value` or `--x value`. */
export function flagValue(args: readonly string[], names: readonly string[]): string | undefined {
  return flagValues(args, names)[0]
}

/** The values of every one of `names` given (`psql -c A -c B`), in order. */
export function flagValues(args: readonly string[], names: readonly string[]): string[] {
  const own = ownArgs(args)
  const values: string[] = []
  for (let i = 0; i < own.length; i++) {
    const a = own[i]!
    const name = names.find((n) => a === n || a.startsWith(n + '='))
    if (name === undefined) continue
    const value = a === name ? own[++i] : a.slice(name.length + 1)
    if (value !== undefined) values.push(value)
  }
  return values
}

/** The words that are not flags; `valued` flags written as two words (`--env production`) take their value along. */
export function positionals(args: readonly string[], valued: readonly string[] = []): string[] {
  const own = ownArgs(args)
  const out: string[] = []
  for (let i = 0; i < own.length; i++) {
    const a = own[i]!
    if (a.startsWith('-') && a !== '-') {
      if (valued.includes(a)) i++
    } else out.push(a)
  }
  return out
}

/** `bundle exec rails db:seed` runs `rails db:seed` with the Gemfile's gems. */
export function stripBundleExec(argv: readonly string[]): readonly string[] {
  return argv[0] === 'bundle' && argv[1] === 'exec' ? argv.slice(2) : argv
}

export function basename(path: string): string {
  // called for every word of every command: no regex, no arrays
  let end = path.length
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--
  return path.slice(path.lastIndexOf('/', end - 1) + 1, end)
}

/** Prisma, Laravel and others treat an empty variable as unset. */
export function isEnvSet(env: Record<string, string>, name: string): boolean {
  return (env[name] ?? '') !== ''
}

/**
 * A name that starts with the word seed: `seed.ts`, `seeds.js`, `seeder.ts`, `seeding.py`,
 * `seed-users.mjs`, `seed_2.sql`, `seedUsers.ts`. `seedling.js` is a different word.
 */
export function isSeedName(name: string): boolean {
  if (name.slice(0, 4).toLowerCase() !== 'seed') return false
  return /^(?:s|ers?|ing|S|ERS?|ING)?(?:$|[-_.\dA-Z])/.test(name.slice(4))
}

const SEED_DIRS = new Set(['seed', 'seeds', 'seeders', 'seeding'])

/**
 * A switch or subcommand a program reads itself, named for seeding: `--seed`, `seed`, `--seed-data`, `/seed`;
 * not `--seed=false`, not `--skip-seed` (the word must lead), and not a number after it (`--seed 42` seeds a
 * random generator, not a database).
 */
export function isSeedSwitch(arg: string, next?: string): boolean {
  const [name = '', value] = arg.replace(/^(?:--?|\/)/, '').split('=')
  if (!isSeedName(name) || /^(?:false|0|no)$/i.test(value ?? '')) return false
  return !/^\d+$/.test(value ?? (arg.startsWith('-') ? (next ?? '') : ''))
}

/** A script that seeds by its name: `prisma/seed.ts`, `db/seeds/index.ts`, `src/seeders/users.js`. */
export function isSeedPath(path: string): boolean {
  const segments = path.split('/').filter((s) => s !== '' && s !== '.')
  const file = segments.pop() ?? ''
  return isSeedName(file) || segments.some((s) => SEED_DIRS.has(s.toLowerCase()))
}

/** A later word of the file name is seed: `db-seed.ts`, `run_seeds.py`. Likely, but weaker than a leading one. */
export function mentionsSeed(path: string): boolean {
  return basename(path).split(/[-_]/).slice(1).some(isSeedName)
}

// Django calls seeding "providing initial data" (https://docs.djangoproject.com/en/stable/howto/initial-data/):
// a command that loads, imports or creates data, initial rows, defaults or fixtures, or populates the database
const DATA_VERB = /^(?:load|import|insert|create|init|initiali[sz]e)$/i
const DATA_NOUN = /^(?:data|initial|defaults?|fixtures?|demo|samples?|dummy|fake)$/i

/**
 * A project's own CLI command named for seeding (a Django management command, a Flask command):
 * `seed`, `seed-db`, `seed_users`, `db-seed`, `load-fixtures`, `load_data`, `create_initial_data`,
 * `populate_catalogue`. Only the name is known of it.
 */
export function isSeedCommandName(name: string): boolean {
  if (isSeedName(name) || mentionsSeed(name) || /^load[-_]?(?:fixtures|demo|sample)/i.test(name)) return true
  const [verb = '', ...rest] = name.split(/[-_]/)
  return /^populate/i.test(verb) || (DATA_VERB.test(verb) && rest.some((word) => DATA_NOUN.test(word)))
}

/** The database a flag names (`--database-url postgres://…`), as the variable the tool reads it from otherwise; a value only known at run time says nothing. */
export function connectionOf(variable: string, url: string | undefined): Record<string, string> {
  return url === undefined || /[$`]/.test(url) ? {} : { [variable]: url }
}
