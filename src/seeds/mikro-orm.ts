// https://mikro-orm.io/docs/seeding
import { hasFlag, positionals } from './argv.js'
import type { SeedTool } from './types.js'

const VALUED = ['--config', '-c', '--class', '--contextName', '--context', '--to', '--from', '--only']

const taskOf = (argv: readonly string[]): string | undefined =>
  argv[0] === 'mikro-orm' || argv[0] === 'mikro-orm-esm' ? positionals(argv.slice(1), VALUED)[0] : undefined

const mikroOrm: SeedTool = {
  id: 'mikro-orm',
  title: 'MikroORM',
  docs: 'https://mikro-orm.io/docs/seeding',
  environmentVariable: 'NODE_ENV',
  match: ({ argv }) => {
    const task = taskOf(argv)
    // runs config `seeder.defaultSeeder` (DatabaseSeeder) or --class (DatabaseSeedCommand.js @6.6.2)
    if (task === 'seeder:run') return { confidence: 'high' }
    // `--seed[=Class]` seeds after dropping and recreating the schema
    if ((task === 'migration:fresh' || task === 'schema:fresh') && hasFlag(argv, ['--seed'])) {
      return { confidence: 'high', note: `\`${task} --seed\` drops the schema, then seeds` }
    }
    return undefined
  },
  migrates: ({ argv }) => {
    const task = taskOf(argv)
    return task === 'migration:up' || (task === 'schema:update' && hasFlag(argv, ['--run', '-r']))
  },
}
export default mikroOrm
