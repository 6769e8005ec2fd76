// https://blitzjs.com/docs/database-seeds
import { positionals } from './argv.js'
import { matchPrismaArgs, migratesPrismaArgs, wipesPrismaArgs } from './prisma.js'
import type { SeedTool } from './types.js'

const blitz: SeedTool = {
  id: 'blitz',
  title: 'Blitz',
  docs: 'https://blitzjs.com/docs/database-seeds',
  environmentVariable: 'NODE_ENV',
  match: (cmd, project) => {
    if (cmd.argv[0] !== 'blitz') return undefined
    // `blitz prisma …` forwards to the Prisma CLI the app depends on, with its version rules
    if (cmd.argv[1] === 'prisma') return matchPrismaArgs(cmd.argv.slice(2), cmd, project)
    const [group, action] = positionals(cmd.argv.slice(1), ['-f', '--file', '-e', '--env'])
    // deprecated in favour of `blitz prisma db seed`, but still runs db/seeds.ts (or -f/--file)
    if (group === 'db' && action === 'seed') return { confidence: 'high', note: '`blitz db seed` runs the default export of db/seeds (or --file)' }
    return undefined
  },
  wipes: ({ argv }) => (argv[0] === 'blitz' && argv[1] === 'prisma' ? wipesPrismaArgs(argv.slice(2)) : undefined),
  migrates: ({ argv }) => argv[0] === 'blitz' && argv[1] === 'prisma' && migratesPrismaArgs(argv.slice(2)),
}
export default blitz
