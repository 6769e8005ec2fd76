import { describe, expect, it } from 'vitest'
import redwood from '../../src/seeds/redwood.js'
import { packageJson, projectOf } from '../helpers/project.js'
import { confidenceOf, migratesOf, seedOf } from './table.js'

// the Redwood codemod's root seed command; the prisma dependency sits in api/
const app = projectOf({
  'package.json': packageJson({ workspaces: ['api', 'web'], prisma: { seed: 'yarn rw exec seed' } }),
  'api/package.json': packageJson({ dependencies: { '@redwoodjs/api': '8.0.0' } }),
})

describe('redwood', () => {
  it.each([
    ['rw prisma db seed', 'high'],
    ['redwood prisma db seed', 'high'],
    ['rw prisma migrate reset --force', 'high'],
    ['rw prisma migrate dev', 'medium'],
    ['rw exec seed', 'high'],
    ['rw exec seed --silent', 'high'],
    ['rw exec seedUsers', 'high'],
    ['rw prisma migrate reset --force --skip-seed', 'none'],
    ['rw prisma migrate reset', 'none'],
    ['rw prisma migrate deploy', 'none'],
    ['rw prisma generate', 'none'],
    ['rw exec migrateUsers', 'none'],
    ['rw exec', 'none'],
    ['rw build', 'none'],
    ['rw deploy baremetal production', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(redwood, line, app)).toBe(expected)
  })

  it('follows the root prisma.seed', () => {
    expect(seedOf(redwood, 'rw prisma db seed', app)?.runs?.source.text).toBe('yarn rw exec seed')
  })

  it('reads the Prisma version from the api side', () => {
    const seven = projectOf({
      'package.json': packageJson({ workspaces: ['api', 'web'] }),
      'api/package.json': packageJson({ dependencies: { '@prisma/client': '^7.0.0' } }),
    })
    expect(confidenceOf(redwood, 'rw prisma migrate reset --force', seven)).toBe('none')
    expect(confidenceOf(redwood, 'rw prisma db seed', seven)).toBe('medium')
  })

  it.each([
    ['rw prisma migrate deploy', true],
    ['rw prisma db push', true],
    ['rw prisma db seed', false],
    ['rw exec seed', false],
    ['prisma migrate deploy', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(redwood, line, app)).toBe(expected)
  })
})
