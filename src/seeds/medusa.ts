// https://docs.medusajs.com/resources/medusa-cli/commands/exec
import { isSeedPath, positionals } from './argv.js'
import type { SeedTool } from './types.js'

const VALUED = ['-f', '--seed-file', '--directory', '-d']

const medusa: SeedTool = {
  id: 'medusa',
  title: 'Medusa',
  docs: 'https://docs.medusajs.com/resources/medusa-cli/commands/exec',
  environmentVariable: 'NODE_ENV',
  match: ({ argv }) => {
    if (argv[0] !== 'medusa') return undefined
    const [command, file] = positionals(argv.slice(1), VALUED)
    // v1: `medusa seed -f ./data/seed.json`
    if (command === 'seed') return { confidence: 'high', note: 'Medusa v1 `seed` loads the --seed-file' }
    // v2 starters seed with `medusa exec ./src/scripts/seed.ts`; exec runs any script, so the name decides
    if (command === 'exec' && file !== undefined && isSeedPath(file)) return { confidence: 'high', note: `\`medusa exec\` runs ${file}` }
    return undefined
  },
  migrates: ({ argv }) => {
    if (argv[0] !== 'medusa') return false
    const [command, action] = positionals(argv.slice(1), VALUED)
    return (command === 'migrations' && action === 'run') || command === 'db:migrate'
  },
}
export default medusa
