// https://docs.strapi.io/cms/data-management/import
import { positionals } from './argv.js'
import type { SeedTool } from './types.js'

const VALUED = ['-f', '--file', '-k', '--key', '--exclude', '--only', '--throttle']

const strapi: SeedTool = {
  id: 'strapi',
  title: 'Strapi',
  docs: 'https://docs.strapi.io/cms/data-management/import',
  environmentVariable: 'NODE_ENV',
  // `strapi import` deletes all existing data (database and uploads), then restores the archive.
  // `strapi export` only reads. `strapi transfer --to <url>` streams into another, remote instance
  // named by URL, and its docs do not say it clears the destination first: not judged a seed.
  match: ({ argv }) =>
    argv[0] === 'strapi' && positionals(argv.slice(1), VALUED)[0] === 'import'
      ? { confidence: 'high', note: 'deletes the existing data, then restores a data export' }
      : undefined,
}
export default strapi
