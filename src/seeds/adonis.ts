// https://lucid.adonisjs.com/docs/seeders
import type { LeafCommand } from '../model/command.js'
import { basename, hasFlag, positionals } from './argv.js'
import type { SeedTool } from './types.js'

const VALUED = ['--files', '--connection', '-c', '--batch', '--step']

/** The ace command of `node ace …` (`node build/ace.js …` after a build, `./ace …`). */
function aceCommandOf({ argv }: LeafCommand): string | undefined {
  const args = argv[0] === 'node' ? argv.slice(1) : argv
  if (!/^ace(?:\.js)?$/.test(basename(args[0] ?? ''))) return undefined
  return positionals(args.slice(1), VALUED)[0]
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
    // migration:* needs --force in production; whether a non-interactive run then stops is not verified
    if (command !== 'db:seed' && cmd.env.NODE_ENV === 'production' && !hasFlag(cmd.argv, ['--force'])) {
      return { confidence: 'low', note: `\`${command}\` asks for --force when NODE_ENV is production` }
    }
    // a seeder whose `static environment` leaves out NODE_ENV is skipped (runner.js, @adonisjs/lucid 20)
    return { confidence: 'high', note: 'seeders limited by `static environment` are skipped outside those environments' }
  },
  migrates: (cmd) => aceCommandOf(cmd) === 'migration:run',
}
export default adonis
