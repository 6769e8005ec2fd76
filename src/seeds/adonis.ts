// https://lucid.adonisjs.com/docs/seeders, https://lucid.adonisjs.com/docs/migrations,
// AdonisJS 4: https://legacy.adonisjs.com/docs/4.1/seeds-and-factories
import type { LeafCommand } from '../model/command.js'
import { basename, flagValue, hasFlag, positionals } from './argv.js'
import type { SeedMatch, SeedTool, WipeMatch } from './types.js'

const VALUED = ['--files', '--connection', '-c', '--batch', '--step']

// what each Lucid command destroys (the commands' descriptions in @adonisjs/lucid/commands)
const WIPING: Record<string, string> = {
  'migration:fresh': '`migration:fresh` drops every table and migrates again',
  'migration:refresh': '`migration:refresh` rolls back every migration (their down methods drop the tables) and migrates again',
  'migration:reset': '`migration:reset` rolls back every migration; their down methods drop the tables',
  'db:wipe': '`db:wipe` drops every table',
  'db:truncate': '`db:truncate` empties every table but the migrations table',
}

/**
 * The ace command of `node ace …` (`node build/ace.js …` after a build, `./ace …`), or of
 * `adonis …`, the command line of AdonisJS 4 (@adonisjs/cli) that runs the same ace commands.
 */
function aceCommandOf({ argv }: LeafCommand): string | undefined {
  const args = argv[0] === 'node' ? argv.slice(1) : argv
  if (!/^(?:ace(?:\.js)?|adonis)$/.test(basename(args[0] ?? ''))) return undefined
  return positionals(args.slice(1), VALUED)[0]
}

/**
 * The seeding commands only AdonisJS 4 (@adonisjs/lucid 6) has: `seed`, and `migration:run --seed`
 * (its `migration:refresh --seed` too, when run through the `adonis` command line of that version).
 */
function legacySeeds(cmd: LeafCommand, command: string | undefined): boolean {
  if (command === 'seed') return true
  const seedFlag = hasFlag(cmd.argv, ['--seed'])
  return seedFlag && (command === 'migration:run' || (command === 'migration:refresh' && basename(cmd.argv[0] ?? '') === 'adonis'))
}

/**
 * AdonisJS 4's seed and migration commands throw where NODE_ENV is production unless given
 * -f/--force (`_validateState` in @adonisjs/lucid 6's commands): a deployed app sets NODE_ENV in its
 * .env, so where no file of the path says which, it may have refused.
 */
function legacySeed(cmd: LeafCommand): SeedMatch | undefined {
  if (hasFlag(cmd.argv, ['--force', '-f'])) return { confidence: 'high', note: 'AdonisJS 4 seeds with --force whatever NODE_ENV is' }
  if (cmd.env.NODE_ENV === 'production') return undefined
  if (cmd.env.NODE_ENV !== undefined) return { confidence: 'high', note: `AdonisJS 4 seeds without --force where NODE_ENV is ${cmd.env.NODE_ENV}` }
  return { confidence: 'low', note: 'without --force AdonisJS 4 refuses to seed where NODE_ENV is production, which no file of this path sets' }
}

/**
 * Lucid's destructive commands go on where NODE_ENV is not production or with --force; in production
 * without it they ask, and a prompt with no terminal to answer it is taken as "no"
 * (`takeProductionConsent` in db_wipe.ts and the migration commands: a failed confirm returns false).
 */
function unforcedInProduction(cmd: LeafCommand): boolean {
  return cmd.env.NODE_ENV === 'production' && !hasFlag(cmd.argv, ['--force'])
}

function wipes(cmd: LeafCommand): WipeMatch | undefined {
  const command = aceCommandOf(cmd)
  // `migration:rollback --batch=0` rolls back every batch
  const all = command === 'migration:rollback' && flagValue(cmd.argv, ['--batch']) === '0' ? '`migration:rollback --batch=0` rolls back every migration; their down methods drop the tables' : undefined
  const note = all ?? (command === undefined ? undefined : WIPING[command])
  if (note === undefined) return undefined
  if (unforcedInProduction(cmd)) return { confidence: 'low', note: `${note}; with NODE_ENV=production and no --force it asks first, and with no terminal to answer it stops` }
  return { confidence: 'high', note }
}

const adonis: SeedTool = {
  id: 'adonis',
  title: 'AdonisJS Lucid',
  docs: 'https://lucid.adonisjs.com/docs/seeders',
  environmentVariable: 'NODE_ENV',
  match: (cmd) => {
    const command = aceCommandOf(cmd)
    if (legacySeeds(cmd, command)) return legacySeed(cmd)
    const seeds = command === 'db:seed' || ((command === 'migration:fresh' || command === 'migration:refresh') && hasFlag(cmd.argv, ['--seed']))
    if (!seeds) return undefined
    if (command !== 'db:seed' && unforcedInProduction(cmd)) {
      return { confidence: 'low', note: `\`${command}\` asks for --force when NODE_ENV is production` }
    }
    // a seeder whose `static environment` leaves out NODE_ENV is skipped (runner.js, @adonisjs/lucid 20)
    return { confidence: 'high', note: 'seeders limited by `static environment` are skipped outside those environments' }
  },
  wipes,
  migrates: (cmd) => aceCommandOf(cmd) === 'migration:run',
}
export default adonis
