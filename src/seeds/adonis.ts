// https://lucid.adonisjs.com/docs/seeders, https://lucid.adonisjs.com/docs/migrations
import type { LeafCommand } from '../model/command.js'
import { basename, flagValue, hasFlag, positionals } from './argv.js'
import type { SeedTool, WipeMatch } from './types.js'

const VALUED = ['--files', '--connection', '-c', '--batch', '--step']

// what each Lucid command destroys (the commands' descriptions in @adonisjs/lucid/commands)
const WIPING: Record<string, string> = {
  'migration:fresh': '`migration:fresh` drops every table and migrates again',
  'migration:refresh': '`migration:refresh` rolls back every migration (their down methods drop the tables) and migrates again',
  'migration:reset': '`migration:reset` rolls back every migration; their down methods drop the tables',
  'db:wipe': '`db:wipe` drops every table',
  'db:truncate': '`db:truncate` empties every table but the migrations table',
}

/** The ace command of `node ace …` (`node build/ace.js …` after a build, `./ace …`). */
function aceCommandOf({ argv }: LeafCommand): string | undefined {
  const args = argv[0] === 'node' ? argv.slice(1) : argv
  if (!/^ace(?:\.js)?$/.test(basename(args[0] ?? ''))) return undefined
  return positionals(args.slice(1), VALUED)[0]
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
