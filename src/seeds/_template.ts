// https://example.com/docs/seeding  ← the upstream page of the seed command, always the first line
//
// To add a seed tool: copy this file to src/seeds/<id>.ts, rename the object, set `id` to the file
// name, add one import line to src/seeds/index.ts, and write tests/seeds/<id>.test.ts with positive
// and negative rows. tests/registry.test.ts fails until the tool is registered. This file is not.
import { hasFlag, positionals } from './argv.js'
import type { SeedTool } from './types.js'

// flags written as two words (`--env production`), so their value is not taken for a subcommand
const VALUED = ['--config', '--env']

const template: SeedTool = {
  id: '_template',
  title: 'Example tool',
  docs: 'https://example.com/docs/seeding',
  // argv has runners and wrappers stripped already: `npx tool seed:run` arrives as ['tool', 'seed:run']
  match: ({ argv }) => {
    if (argv[0] !== 'example-tool') return undefined
    const [task] = positionals(argv.slice(1), VALUED)
    // high: always seeds; medium: under a common condition (say which in `note`); low: might seed
    if (task === 'seed:run') return { confidence: 'high' }
    if (task === 'migrate' && hasFlag(argv, ['--seed'])) return { confidence: 'high', note: '`migrate --seed` seeds after migrating' }
    return undefined
  },
  // optional: a migration against a real database, evidence that a job reaches a deployed database
  migrates: ({ argv }) => argv[0] === 'example-tool' && positionals(argv.slice(1), VALUED)[0] === 'migrate',
}
export default template
