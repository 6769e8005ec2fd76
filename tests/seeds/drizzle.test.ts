import { describe, expect, it } from 'vitest'
import drizzle from '../../src/seeds/drizzle.js'
import { projectOf } from '../helpers/project.js'
import { confidenceOf, migratesOf, seedOf, wipeConfidenceOf } from './table.js'

const project = projectOf({
  'src/db/populate.ts': "import { seed } from 'drizzle-seed'\nimport { db } from './db'\nawait seed(db, schema)\n",
  'scripts/wipe.ts': 'import { reset } from "drizzle-seed"\nawait reset(db, schema)\n',
  'scripts/legacy.cjs': "const { seed } = require('drizzle-seed')\n",
  'apps/api/fill.ts': "import { seed } from 'drizzle-seed'\n",
  'src/server.ts': "import { drizzle } from 'drizzle-orm/node-postgres'\n// drizzle-seed is only used by populate.ts\n",
})

describe('drizzle', () => {
  it.each([
    ['tsx src/db/populate.ts', '.', 'high'],
    ['bun run scripts/wipe.ts', '.', 'high'],
    ['node scripts/legacy.cjs', '.', 'high'],
    ['tsx fill.ts', 'apps/api', 'high'],
    ['tsx src/server.ts', '.', 'none'],
    ['tsx src/missing.ts', '.', 'none'],
    // drizzle-kit has no seed command
    ['drizzle-kit migrate', '.', 'none'],
    ['drizzle-kit push', '.', 'none'],
    ['drizzle-kit generate', '.', 'none'],
    ['drizzle-kit studio', '.', 'none'],
  ])('%s (in %s) → %s', (line, cwd, expected) => {
    expect(confidenceOf(drizzle, line, project, cwd)).toBe(expected)
  })

  it('names the script', () => {
    expect(seedOf(drizzle, 'tsx src/db/populate.ts', project)?.note).toContain('src/db/populate.ts')
  })

  it.each([
    ['drizzle-kit migrate', true],
    ['drizzle-kit push', true],
    ['drizzle-kit push:pg', true],
    ['drizzle-kit migrate --config drizzle.prod.config.ts', true],
    ['drizzle-kit --config drizzle.prod.config.ts push', true],
    ['drizzle-kit generate', false],
    ['drizzle-kit studio', false],
    ['drizzle-kit up', false],
    ['tsx src/db/populate.ts', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(drizzle, line, project)).toBe(expected)
  })
})

describe('drizzle wipes', () => {
  it.each([
    ['drizzle-kit push --force', 'low'],
    ['drizzle-kit push:pg --force', 'low'],
    ['drizzle-kit push', 'none'],
    ['drizzle-kit migrate', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(wipeConfidenceOf(drizzle, line)).toBe(expected)
  })
})
