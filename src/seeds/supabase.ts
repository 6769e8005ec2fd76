// https://supabase.com/docs/guides/local-development/seeding-your-database
import { hasFlag, positionals } from './argv.js'
import type { SeedTool } from './types.js'

const VALUED = ['--db-url', '--workdir', '--project-ref', '--password', '-p', '--version', '--profile', '--output', '-o', '--dns-resolver', '--sql-paths', '--schema', '-s']
const REMOTE = ['--linked', '--db-url']

const commandOf = (argv: readonly string[]): string =>
  argv[0] === 'supabase' ? positionals(argv.slice(1), VALUED).slice(0, 2).join(' ') : ''

const supabase: SeedTool = {
  id: 'supabase',
  title: 'Supabase CLI',
  docs: 'https://supabase.com/docs/guides/local-development/seeding-your-database',
  match: ({ argv }) => {
    const command = commandOf(argv)
    // reset seeds after migrating; without --linked/--db-url it is the local development database
    if (command === 'db reset' && !hasFlag(argv, ['--no-seed']) && hasFlag(argv, REMOTE)) {
      return { confidence: 'high', note: 'then seeds it' }
    }
    // --include-seed seeds the linked project after pushing migrations (supabase/cli PR #1369)
    if (command === 'db push' && hasFlag(argv, ['--include-seed']) && !hasFlag(argv, ['--local', '--dry-run'])) return { confidence: 'high' }
    return undefined
  },
  // without --linked/--db-url it resets the local development database (https://supabase.com/docs/reference/cli/supabase-db-reset)
  wipes: ({ argv }) => (commandOf(argv) === 'db reset' && hasFlag(argv, REMOTE) ? { confidence: 'high', note: '`db reset` on a remote database drops everything it holds and re-applies the migrations' } : undefined),
  migrates: ({ argv }) => {
    const command = commandOf(argv)
    if (command === 'db push') return !hasFlag(argv, ['--local', '--dry-run'])
    return command === 'migration up' && hasFlag(argv, REMOTE)
  },
}
export default supabase
