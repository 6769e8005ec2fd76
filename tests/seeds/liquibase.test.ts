import { describe, expect, it } from 'vitest'
import liquibase from '../../src/seeds/liquibase.js'
import { projectOf } from '../helpers/project.js'
import { confidenceOf, migratesOf, wipeConfidenceOf } from './table.js'

describe('liquibase drop-all', () => {
  it.each([
    ['liquibase drop-all', 'high'],
    ['liquibase --url=jdbc:postgresql://db/app dropAll', 'high'],
    ['liquibase drop-all --force', 'high'],
    ['liquibase drop-all --force=false', 'none'],
    ['LIQUIBASE_COMMAND_DROP_ALL_REQUIRE_FORCE=true liquibase drop-all', 'none'],
    ['liquibase drop-all --require-force=true --force', 'high'],
    ['mvn liquibase:dropAll', 'high'],
    ['./gradlew dropAll', 'high'],
    ['liquibase update', 'none'],
    ['mvn liquibase:update', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(wipeConfidenceOf(liquibase, line)).toBe(expected)
  })

  it('is refused where liquibase.properties requires --force', () => {
    const project = projectOf({ 'liquibase.properties': 'liquibase.command.dropAll.requireForce=true\n' })
    expect(wipeConfidenceOf(liquibase, 'liquibase drop-all', project)).toBe('none')
    expect(wipeConfidenceOf(liquibase, 'liquibase drop-all --force', project)).toBe('high')
  })

  it('reads no seed into contexts', () => {
    expect(confidenceOf(liquibase, 'liquibase update --contexts=seed')).toBe('none')
  })

  it('migrates', () => {
    expect(migratesOf(liquibase, 'liquibase update')).toBe(true)
    expect(migratesOf(liquibase, './mvnw liquibase:update')).toBe(true)
  })
})
