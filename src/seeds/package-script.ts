// https://docs.npmjs.com/cli/v11/commands/npm-run-script
import { basename, isSeedCommandName, positionals } from './argv.js'
import type { SeedTool } from './types.js'

// options written as two words, so their value is not taken for the script name
const VALUED = ['--prefix', '-C', '--cwd', '-w', '--workspace', '--filter', '-F', '--dir']
const RUN = new Set(['run', 'run-script'])

/**
 * The script a package manager is asked to run: `npm run db:seed`, `yarn seed`, `pnpm --filter api seed`.
 * npm runs a script only through `run`; yarn, pnpm and bun also take its bare name.
 */
function scriptOf(argv: readonly string[]): string | undefined {
  const program = basename(argv[0] ?? '')
  if (!['npm', 'yarn', 'pnpm', 'bun'].includes(program)) return undefined
  const [first, second] = positionals(argv.slice(1), VALUED)
  if (first !== undefined && RUN.has(first)) return second
  return program === 'npm' ? undefined : first
}

/**
 * A package script named for seeding whose definition cannot be read: its package.json is not in
 * the repository (a build context that is a submodule, a folder left out of the commit). The walker
 * follows every script it can read, so it reaches this only when it cannot; then, like a project's
 * own Django or Flask command, the name is all that is known of it, and it might seed.
 */
const packageScript: SeedTool = {
  id: 'package-script',
  title: 'package script',
  docs: 'https://docs.npmjs.com/cli/v11/commands/npm-run-script',
  match: ({ argv }) => {
    const script = scriptOf(argv)
    // `db:seed`, `seed:run`, `prisma:seed`: npm script names group their words with colons
    if (script === undefined || !script.split(':').some(isSeedCommandName)) return undefined
    return { confidence: 'low', note: `the script \`${script}\` is named for seeding, and its package.json is not in the repository: only its name is known` }
  },
}
export default packageScript
