// https://redwoodjs.com/docs/cli-commands#exec
import { joinPath } from '../util/paths.js'
import { basename, isSeedName, positionals } from './argv.js'
import { matchPrismaArgs, migratesPrismaArgs, wipesPrismaArgs } from './prisma.js'
import type { SeedTool } from './types.js'

const isRedwood = (argv: readonly string[]): boolean => argv[0] === 'rw' || argv[0] === 'redwood'

const redwood: SeedTool = {
  id: 'redwood',
  title: 'RedwoodJS',
  docs: 'https://redwoodjs.com/docs/cli-commands#exec',
  environmentVariable: 'NODE_ENV',
  match: (cmd, project) => {
    if (!isRedwood(cmd.argv)) return undefined
    // `rw prisma` runs Prisma from the project root; the prisma dependency lives in the api side
    if (cmd.argv[1] === 'prisma') return matchPrismaArgs(cmd.argv.slice(2), cmd, project, [cmd.cwd, joinPath(cmd.cwd, 'api') ?? cmd.cwd])
    const [sub, script] = positionals(cmd.argv.slice(1))
    // the Redwood codemod sets `prisma.seed` to `yarn rw exec seed`, which runs scripts/seed.{js,ts}
    if (sub === 'exec' && script !== undefined && isSeedName(basename(script))) {
      return { confidence: 'high', note: `\`rw exec\` runs scripts/${basename(script)}` }
    }
    return undefined
  },
  wipes: ({ argv }) => (isRedwood(argv) && argv[1] === 'prisma' ? wipesPrismaArgs(argv.slice(2)) : undefined),
  migrates: ({ argv }) => isRedwood(argv) && argv[1] === 'prisma' && migratesPrismaArgs(argv.slice(2)),
}
export default redwood
