// https://orm.drizzle.team/docs/seed-overview
import { joinPath } from '../util/paths.js'
import { positionals } from './argv.js'
import { scriptOf } from './seed-file.js'
import type { SeedTool } from './types.js'

// drizzle-kit has no seed command; drizzle-seed is a library, so a seed is a script that imports it
const IMPORTS_DRIZZLE_SEED = /\bfrom\s*['"]drizzle-seed['"]|\b(?:require|import)\s*\(\s*['"]drizzle-seed['"]\s*\)/

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
  migrates: ({ argv }) => {
    if (argv[0] !== 'drizzle-kit') return false
    const task = positionals(argv.slice(1), ['--config'])[0] ?? ''
    // drizzle-kit before 0.21 spelled push per dialect: push:pg, push:mysql, push:sqlite
    return task === 'migrate' || task === 'push' || task.startsWith('push:')
  },
}
export default drizzle
