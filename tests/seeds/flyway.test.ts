import { describe, expect, it } from 'vitest'
import flyway from '../../src/seeds/flyway.js'
import { projectOf } from '../helpers/project.js'
import { leafOf, migratesOf, wipeConfidenceOf } from './table.js'

describe('flyway clean', () => {
  it.each([
    // Flyway 9+ refuses clean unless cleanDisabled=false
    ['flyway clean', 'low'],
    ['flyway -cleanDisabled=false clean', 'high'],
    ['FLYWAY_CLEAN_DISABLED=false flyway clean', 'high'],
    ['mvn flyway:clean', 'low'],
    ['./mvnw -Dflyway.cleanDisabled=false flyway:clean', 'high'],
    ['mvn org.flywaydb:flyway-maven-plugin:10.20.1:clean -Dflyway.cleanDisabled=false', 'high'],
    ['./gradlew flywayClean -Dflyway.cleanDisabled=false', 'high'],
    ['flyway migrate', 'none'],
    ['mvn flyway:migrate', 'none'],
    ['./gradlew flywayMigrate', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(wipeConfidenceOf(flyway, line)).toBe(expected)
  })

  it.each([
    [{ 'pom.xml': '<plugin><artifactId>flyway-maven-plugin</artifactId><configuration><cleanDisabled>false</cleanDisabled></configuration></plugin>' }, 'mvn flyway:clean', 'high'],
    [{ 'flyway.conf': 'flyway.cleanDisabled=false\n' }, 'flyway clean', 'high'],
    [{ 'flyway.toml': '[flyway]\ncleanDisabled = false\n' }, 'flyway clean', 'high'],
    [{ 'build.gradle': 'flyway {\n  cleanDisabled = false\n}\n' }, './gradlew flywayClean', 'high'],
    // before Flyway 9 clean was allowed by default
    [{ 'pom.xml': '<properties><flyway.version>8.5.13</flyway.version></properties>' }, 'mvn flyway:clean', 'high'],
    [{ 'build.gradle': 'plugins {\n  id "org.flywaydb.flyway" version "8.5.13"\n}\n' }, './gradlew flywayClean', 'high'],
    [{ 'pom.xml': '<properties><flyway.version>10.20.1</flyway.version></properties>' }, 'mvn flyway:clean', 'low'],
    [{ 'flyway.conf': 'flyway.cleanDisabled=true\n' }, 'flyway clean', 'low'],
  ])('%j: %s → %s', (files, line, expected) => {
    expect(wipeConfidenceOf(flyway, line, projectOf(files))).toBe(expected)
  })

  it('migrates', () => {
    expect(migratesOf(flyway, 'flyway migrate')).toBe(true)
    expect(migratesOf(flyway, './mvnw flyway:migrate')).toBe(true)
    expect(migratesOf(flyway, 'flyway info')).toBe(false)
  })

  it('names the database of its command line', () => {
    expect(flyway.connection!(leafOf('flyway -url=jdbc:postgresql://localhost:5432/app clean'))).toEqual({ FLYWAY_URL: 'jdbc:postgresql://localhost:5432/app' })
    expect(flyway.connection!(leafOf('mvn -Dflyway.url=jdbc:postgresql://db:5432/app flyway:clean'))).toEqual({ FLYWAY_URL: 'jdbc:postgresql://db:5432/app' })
    expect(flyway.connection!(leafOf('flyway clean'))).toEqual({})
  })
})
