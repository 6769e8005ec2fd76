import { describe, expect, it } from 'vitest'
import flyway from '../../src/seeds/flyway.js'
import { projectOf } from '../helpers/project.js'
import { leafOf, migratesOf, wipeConfidenceOf, wipeOf } from './table.js'

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

  const pom = (body: string) => ({ 'pom.xml': `<project>\n  <modelVersion>4.0.0</modelVersion>\n${body}\n</project>\n` })
  const plugin = (inner: string) => `<build><plugins><plugin><groupId>org.flywaydb</groupId><artifactId>flyway-maven-plugin</artifactId>${inner}</plugin></plugins></build>`

  it.each([
    [pom(plugin('<configuration><cleanDisabled>false</cleanDisabled></configuration>')), 'mvn flyway:clean', 'high'],
    [pom(`<properties><flyway.cleanDisabled>false</flyway.cleanDisabled></properties>${plugin('<version>10.20.1</version>')}`), 'mvn flyway:clean', 'high'],
    // the Maven property is over the plugin's configuration
    [pom(`<properties><flyway.cleanDisabled>true</flyway.cleanDisabled></properties>${plugin('<configuration><cleanDisabled>false</cleanDisabled></configuration>')}`), 'mvn flyway:clean', 'none'],
    [pom(`<properties><allow.clean>false</allow.clean></properties>${plugin('<configuration><cleanDisabled>${allow.clean}</cleanDisabled></configuration>')}`), 'mvn flyway:clean', 'high'],
    [pom(plugin('<configuration><cleanDisabled>${env.FLYWAY_CLEAN_OFF}</cleanDisabled></configuration>')), 'mvn flyway:clean', 'low'],
    // a comment, or another plugin's setting, is not Flyway's
    [pom(plugin('<version>10.20.1</version><!-- <configuration><cleanDisabled>false</cleanDisabled></configuration> -->')), 'mvn flyway:clean', 'low'],
    [pom(`${plugin('<version>10.20.1</version>')}<profiles><profile><build><plugins><plugin><artifactId>other-plugin</artifactId><configuration><cleanDisabled>false</cleanDisabled></configuration></plugin></plugins></build></profile></profiles>`), 'mvn flyway:clean', 'low'],
    [{ 'flyway.conf': 'flyway.cleanDisabled=false\n' }, 'flyway clean', 'high'],
    [{ 'flyway.conf': 'flyway.cleanDisabled = \\\n  false\n' }, 'flyway clean', 'high'],
    [{ 'conf/flyway.conf': 'flyway.cleanDisabled=false\n' }, 'flyway clean', 'high'],
    [{ 'flyway.conf': '# flyway.cleanDisabled=false\n' }, 'flyway clean', 'low'],
    [{ 'flyway.conf': 'flyway.cleanDisabled=false\nflyway.cleanDisabled=true\n' }, 'flyway clean', 'none'],
    // the working directory's file is over conf/'s
    [{ 'flyway.conf': 'flyway.cleanDisabled=true\n', 'conf/flyway.conf': 'flyway.cleanDisabled=false\n' }, 'flyway clean', 'none'],
    [{ 'flyway.conf': 'flyway.cleanDisabled=true\n' }, 'flyway clean', 'none'],
    // the command line is over the files
    [{ 'flyway.conf': 'flyway.cleanDisabled=true\n' }, 'flyway -cleanDisabled=false clean', 'high'],
    [{ 'flyway.conf': 'flyway.cleanDisabled=false\n' }, 'FLYWAY_CLEAN_DISABLED=true flyway clean', 'none'],
    [{ 'flyway.toml': '[flyway]\ncleanDisabled = false\n' }, 'flyway clean', 'high'],
    [{ 'flyway.toml': '[flyway]\n# cleanDisabled = false\ncleanDisabled = true\n' }, 'flyway clean', 'none'],
    // flyway.toml is read in preference to flyway.conf
    [{ 'flyway.toml': '[flyway]\ncleanDisabled = true\n', 'flyway.conf': 'flyway.cleanDisabled=false\n' }, 'flyway clean', 'none'],
    [{ 'flyway.toml': '[flyway]\ncleanDisabled = \n' }, 'flyway clean', 'low'],
    // Gradle's build is a program: what it configures is not known
    [{ 'build.gradle': 'flyway {\n  cleanDisabled = false\n}\n' }, './gradlew flywayClean', 'low'],
    [{ 'build.gradle.kts': 'flyway {\n  cleanDisabled = true\n}\n' }, './gradlew flywayClean', 'low'],
    [{ 'build.gradle': 'plugins {\n  id "org.flywaydb.flyway" version "8.5.13"\n}\n' }, './gradlew flywayClean', 'low'],
    [{ 'build.gradle': 'plugins {}\n', 'flyway.conf': 'flyway.cleanDisabled=true\n' }, './gradlew flywayClean', 'low'],
    [{ 'build.gradle': 'plugins {}\n', 'flyway.conf': 'flyway.cleanDisabled=false\n' }, './gradlew flywayClean', 'high'],
    // the command line is over the build
    [{ 'build.gradle': 'flyway {\n  cleanDisabled = false\n}\n' }, './gradlew flywayClean -Dflyway.cleanDisabled=true', 'none'],
    [{ 'build.gradle': 'flyway {\n  cleanDisabled = false\n}\n' }, 'FLYWAY_CLEAN_DISABLED=true ./gradlew flywayClean', 'none'],
    // before Flyway 9 clean was allowed by default
    [pom('<properties><flyway.version>8.5.13</flyway.version></properties>'), 'mvn flyway:clean', 'high'],
    [pom(plugin('<version>${flyway.version}</version>') + '<properties><flyway.version>7.15.0</flyway.version></properties>'), 'mvn flyway:clean', 'high'],
    [pom('<dependencies><dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId><version>8.0.5</version></dependency></dependencies>'), 'mvn flyway:clean', 'high'],
    [pom('<properties><flyway.version>10.20.1</flyway.version></properties>'), 'mvn flyway:clean', 'low'],
    [pom(plugin('<version>10.20.1</version>')), 'mvn org.flywaydb:flyway-maven-plugin:8.5.13:clean', 'high'],
    // a version of another artifact says nothing of Flyway's
    [pom('<dependencies><dependency><groupId>org.flywaydb.flyway-test-extensions</groupId><artifactId>flyway-spring-test</artifactId><version>7.0.0</version></dependency></dependencies>'), 'mvn flyway:clean', 'low'],
    [pom('<!-- <flyway.version>8.5.13</flyway.version> -->'), 'mvn flyway:clean', 'low'],
    // Spring Boot's dependency management: 2.x manages Flyway 8 or older, 3.0+ Flyway 9+
    [pom('<parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>2.7.18</version></parent>'), 'mvn flyway:clean', 'high'],
    [pom('<parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.4</version></parent>'), 'mvn flyway:clean', 'low'],
    [pom('<parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>2.7.18</version></parent><properties><flyway.version>9.22.3</flyway.version></properties>'), 'mvn flyway:clean', 'low'],
    [pom('<dependencyManagement><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-dependencies</artifactId><version>2.6.15</version><type>pom</type><scope>import</scope></dependency></dependencies></dependencyManagement>'), 'mvn flyway:clean', 'high'],
    // the CLI does not read the POM
    [pom('<properties><flyway.version>8.5.13</flyway.version></properties>'), 'flyway clean', 'low'],
  ])('%j: %s → %s', (files, line, expected) => {
    expect(wipeConfidenceOf(flyway, line, projectOf(files))).toBe(expected)
  })

  it('names the setting that decides', () => {
    expect(wipeOf(flyway, 'flyway clean', projectOf({ 'flyway.conf': 'flyway.cleanDisabled = false\n' }))?.note).toMatch(/allowed by flyway\.conf `flyway\.cleanDisabled=false`/)
    expect(wipeOf(flyway, 'flyway clean', projectOf({ 'flyway.toml': '[flyway]\ncleanDisabled = false\n' }))?.note).toMatch(/allowed by flyway\.toml `flyway\.cleanDisabled = false`/)
    expect(wipeOf(flyway, 'mvn flyway:clean', projectOf(pom('<properties><flyway.cleanDisabled>${allow}</flyway.cleanDisabled></properties>')))?.note).toMatch(/cleanDisabled is set by pom\.xml `<flyway\.cleanDisabled>\$\{allow\}<\/flyway\.cleanDisabled>`, a value only known at run time/)
    expect(wipeOf(flyway, 'mvn flyway:clean', projectOf(pom('<parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>2.7.18</version></parent>')))?.note).toMatch(/Spring Boot 2\.7\.18 \(pom\.xml\) manages Flyway 8 or older/)
  })

  it('says what could not be read', () => {
    expect(wipeOf(flyway, 'mvn flyway:clean', projectOf({ 'pom.xml': '<project><build></project>\n' }))).toMatchObject({ confidence: 'low', note: expect.stringMatching(/pom\.xml could not be read \(invalid XML/) })
    expect(wipeOf(flyway, 'flyway clean', projectOf({ 'flyway.toml': '[flyway\n' }))).toMatchObject({ confidence: 'low', note: expect.stringMatching(/flyway\.toml could not be read/) })
    expect(wipeOf(flyway, './gradlew flywayClean', projectOf({ 'build.gradle': 'flyway {}\n' }))?.note).toMatch(/build\.gradle was not read/)
  })

  describe('flyway.toml environments', () => {
    const toml = { 'flyway.toml': '[flyway]\ncleanDisabled = true\n\n[environments.test]\nurl = "jdbc:postgresql://localhost/app"\n\n[environments.test.flyway]\ncleanDisabled = false\n' }
    it.each([
      ['flyway clean', 'none'],
      ['flyway -environment=test clean', 'high'],
      ['flyway -environment=prod clean', 'none'],
      ['mvn -Dflyway.environment=test flyway:clean', 'high'],
      // the environment only the run gives may be test
      ['flyway -environment=$TARGET clean', 'low'],
    ])('%s → %s', (line, expected) => {
      expect(wipeConfidenceOf(flyway, line, projectOf(toml))).toBe(expected)
    })
    it('flyway_environment (lower case) names it too', () => {
      expect(flyway.wipes!({ argv: ['flyway', 'clean'], env: { flyway_environment: 'test' }, cwd: '.' }, projectOf(toml))?.confidence).toBe('high')
    })
    it('[flyway] environment names the default one', () => {
      expect(wipeConfidenceOf(flyway, 'flyway clean', projectOf({ 'flyway.toml': toml['flyway.toml'].replace('cleanDisabled = true\n', 'cleanDisabled = true\nenvironment = "test"\n') }))).toBe('high')
    })
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
