import { describe, expect, it } from 'vitest'
import blitz from '../../src/seeds/blitz.js'
import { packageJson, projectOf } from '../helpers/project.js'
import { confidenceOf, migratesOf } from './table.js'

const app = projectOf({ 'package.json': packageJson({ dependencies: { blitz: '2.0.0', prisma: '^5.0.0' }, prisma: { schema: 'db/schema.prisma', seed: 'blitz db seed' } }) })

describe('blitz', () => {
  it.each([
    ['blitz db seed', 'high'],
    ['blitz db seed -f db/other-seeds.ts', 'high'],
    ['blitz db seed --env production', 'high'],
    ['blitz prisma db seed', 'high'],
    ['blitz prisma migrate reset --force', 'high'],
    ['blitz prisma migrate dev', 'medium'],
    ['blitz prisma migrate reset --force --skip-seed', 'none'],
    ['blitz prisma migrate deploy', 'none'],
    ['blitz prisma generate', 'none'],
    ['blitz dev', 'none'],
    ['blitz build', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(blitz, line, app)).toBe(expected)
  })

  it('applies the Prisma 7 rules to the Prisma it wraps', () => {
    const seven = projectOf({ 'package.json': packageJson({ dependencies: { blitz: '3.0.0', prisma: '^7.0.0' } }) })
    expect(confidenceOf(blitz, 'blitz prisma migrate reset --force', seven)).toBe('none')
  })

  it.each([
    ['blitz prisma migrate deploy', true],
    ['blitz prisma db push', true],
    ['blitz db seed', false],
    ['blitz build', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(blitz, line, app)).toBe(expected)
  })
})
