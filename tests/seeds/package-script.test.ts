import { describe, expect, it } from 'vitest'
import packageScript from '../../src/seeds/package-script.js'
import { confidenceOf } from './table.js'

// the walker asks this tool only about a package script it could not read (no package.json)
describe('package-script', () => {
  it.each([
    ['npm run seed', 'low'],
    ['npm run db:seed', 'low'],
    ['npm run-script seed:run', 'low'],
    ['npm --prefix api run seed-users', 'low'],
    ['yarn seed', 'low'],
    ['yarn run prisma:seed', 'low'],
    ['pnpm --filter api db:seed', 'low'],
    ['bun run load-fixtures', 'low'],
    ['npm run db:migrate', 'none'],
    ['npm run build', 'none'],
    ['npm seed', 'none'],
    ['yarn install', 'none'],
    ['pnpm --filter seed build', 'none'],
    ['npm run seedling', 'none'],
    ['node seed.js', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(packageScript, line)).toBe(expected)
  })
})
