// https://orm.drizzle.team/docs/seed-overview
import { joinPath } from '../util/paths.js'
import { hasFlag, positionals } from './argv.js'
import { scriptOf } from './seed-file.js'
import type { SeedTool } from './types.js'

// drizzle-kit has no seed command; drizzle-seed is a library, so a seed is a script that imports it
const IMPORTS_DRIZZLE_SEED = /\bfrom\s*['"]drizzle-seed['"]|\b(?:require|import)\s*\(\s*['"]drizzle-seed['"]\s*\)/

const taskOf = (argv: readonly string[]): string | undefined => (argv[0] === 'drizzle-kit' ? (positionals(argv.slice(1), ['--config'])[0] ?? '') : undefined)
// drizzle-kit before 0.21 spelled push per dialect: push:pg, push:mysql, push:sqlite
const isPush = (task: string | undefined): boolean => task === 'push' || task?.startsWith('push:') === true

const drizzle: SeedTool = {
  id: 'drizzle',
  title: 'Drizzle',
  docs: 'https://orm.drizzle.team/docs/seed-overview',
  environmentVariable: 'NODE_ENV',
  match: (cmd, project) => {
    const file = scriptOf(cmd.argv)
    const path = file === undefined ? undefined : joinPath(cmd.cwd, file)
    const text = path === undefined ? undefined : project.cache.get(path)?.text
    if (text === undefined || !IMPORTS_DRIZZLE_SEED.test(text)) return undefined
    // `reset()` from the same library truncates tables; either way the script writes to the database
    return { confidence: 'high', note: `\`${file}\` imports drizzle-seed` }
  },
  // `push --force` accepts the statements that lose data without asking (https://orm.drizzle.team/docs/drizzle-kit-push);
  // they run only on a deploy whose schema drops a column or table that holds some
  wipes: ({ argv }) => (isPush(taskOf(argv)) && hasFlag(argv, ['--force']) ? { confidence: 'low', note: '`drizzle-kit push --force` drops the columns and tables the schema no longer has, with their data, without asking' } : undefined),
  migrates: ({ argv }) => {
    const task = taskOf(argv)
    return task === 'migrate' || isPush(task)
  },
}
export default drizzle
