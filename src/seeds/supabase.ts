// https://supabase.com/docs/guides/local-development/seeding-your-database
import { hasFlag, positionals } from './argv.js'
import { askedFirst } from './confirmation.js'
import type { SeedTool } from './types.js'

const VALUED = ['--db-url', '--workdir', '--project-ref', '--password', '-p', '--version', '--profile', '--output', '-o', '--dns-resolver', '--sql-paths', '--schema', '-s']
const REMOTE = ['--linked', '--db-url']

/**
 * A remote reset asks "Do you want to reset the remote database? [y/N]" and its default is No
 * (supabase/cli internal/db/reset: `PromptYesNo(ctx, msg, false)`): in a job with nothing to answer it
 * is cancelled, unless the global `--yes` answers for it; a pipe (`yes |`) or a terminal can too.
 */
function remoteReset(argv: readonly string[]): { confidence: 'high' | 'low'; asked?: string } | undefined {
  if (commandOf(argv) !== 'db reset' || !hasFlag(argv, REMOTE)) return undefined
  return hasFlag(argv, ['--yes']) ? { confidence: 'high' } : { confidence: 'low', asked: askedFirst('`--yes`, a pipe or a terminal') }
}

const commandOf = (argv: readonly string[]): string =>
  argv[0] === 'supabase' ? positionals(argv.slice(1), VALUED).slice(0, 2).join(' ') : ''

const supabase: SeedTool = {
  id: 'supabase',
  title: 'Supabase CLI',
  docs: 'https://supabase.com/docs/guides/local-development/seeding-your-database',
  match: ({ argv }) => {
    const command = commandOf(argv)
    // reset seeds after migrating; without --linked/--db-url it is the local development database
    const reset = remoteReset(argv)
    if (reset && !hasFlag(argv, ['--no-seed'])) return { confidence: reset.confidence, note: reset.asked === undefined ? 'then seeds it' : `then seeds it; ${reset.asked}` }
    // --include-seed seeds the linked project after pushing migrations (supabase/cli PR #1369)
    if (command === 'db push' && hasFlag(argv, ['--include-seed']) && !hasFlag(argv, ['--local', '--dry-run'])) return { confidence: 'high' }
    return undefined
  },
  // without --linked/--db-url it resets the local development database (https://supabase.com/docs/reference/cli/supabase-db-reset)
  wipes: ({ argv }) => {
    const reset = remoteReset(argv)
    const note = '`db reset` on a remote database drops everything it holds and re-applies the migrations'
    return reset && { confidence: reset.confidence, note: reset.asked === undefined ? note : `${note}; ${reset.asked}` }
  },
  migrates: ({ argv }) => {
    const command = commandOf(argv)
    if (command === 'db push') return !hasFlag(argv, ['--local', '--dry-run'])
    return command === 'migration up' && hasFlag(argv, REMOTE)
  },
}
export default supabase
