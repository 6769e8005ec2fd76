import { describe, expect, it } from 'vitest'
import springBoot from '../../src/seeds/spring-boot.js'
import { projectOf } from '../helpers/project.js'
import { confidenceOf, seedOf, wipeConfidenceOf, wipeOf } from './table.js'

const RES = 'src/main/resources'

describe('spring-boot: the schema action of the active profiles', () => {
  const project = projectOf({
    [`${RES}/application.yml`]: 'spring:\n  jpa:\n    hibernate:\n      ddl-auto: validate\n',
    [`${RES}/application-prod.yml`]: 'spring:\n  jpa:\n    hibernate:\n      ddl-auto: create\n',
    [`${RES}/application-dev.properties`]: 'spring.jpa.hibernate.ddl-auto=create-drop\n',
    [`${RES}/application-qa.properties`]: 'spring.jpa.properties.hibernate.hbm2ddl.auto=create\n',
  })
  it.each([
    ['java -jar app.jar', 'none'],
    ['SPRING_PROFILES_ACTIVE=prod java -jar app.jar', 'high'],
    ['java -Dspring.profiles.active=prod -jar app.jar', 'high'],
    ['java -jar app.jar --spring.profiles.active=dev', 'high'],
    ['java -jar app.jar --spring.profiles.active=qa', 'high'],
    ['java -jar app.jar --spring.profiles.active=staging', 'none'],
    ['SPRING_PROFILES_ACTIVE=prod java -jar app.jar --spring.jpa.hibernate.ddl-auto=validate', 'none'],
    ['SPRING_JPA_HIBERNATE_DDL_AUTO=create java -jar app.jar', 'high'],
    ['java -cp app:app/lib/* com.example.Application --spring.profiles.active=prod', 'high'],
    ['./mvnw spring-boot:run -Dspring-boot.run.profiles=prod', 'high'],
    ['./gradlew bootRun --args=--spring.profiles.active=prod', 'high'],
    ['./mvnw flyway:migrate -Dspring.profiles.active=prod', 'none'],
    ['node server.js --spring.profiles.active=prod', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(wipeConfidenceOf(springBoot, line, project)).toBe(expected)
  })

  it('points at the setting in the profile file', () => {
    const wipe = wipeOf(springBoot, 'SPRING_PROFILES_ACTIVE=prod java -jar app.jar', project)
    expect(wipe?.within?.more).toBe(true)
    expect(wipe?.within?.hops[0]?.span.file).toBe(`${RES}/application-prod.yml`)
    expect(wipe?.within?.hops[0]?.span.start.line).toBe(4)
  })
})

describe('spring-boot: YAML documents activated by profile', () => {
  const project = projectOf({
    [`${RES}/application.yaml`]: [
      'spring:',
      '  profiles:',
      '    active: live',
      '  jpa.hibernate.ddl-auto: update',
      '---',
      'spring:',
      '  config:',
      '    activate:',
      '      on-profile: local | test',
      '  jpa.hibernate.ddl-auto: create-drop',
      '---',
      'spring.config.activate.on-profile: live',
      'spring.liquibase.drop-first: true',
      '',
    ].join('\n'),
  })
  it.each([
    // the file's own spring.profiles.active: live
    ['java -jar app.jar', 'high'],
    ['SPRING_PROFILES_ACTIVE=local java -jar app.jar', 'high'],
    ['SPRING_PROFILES_ACTIVE=prod java -jar app.jar', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(wipeConfidenceOf(springBoot, line, project)).toBe(expected)
  })
})

describe('spring-boot: Flyway clean on validation error', () => {
  it.each([
    ['spring.flyway.clean-on-validation-error=true\nspring.flyway.clean-disabled=false\n', 'low'],
    // Flyway 9+ disables clean by default: the setting alone cleans nothing
    ['spring.flyway.clean-on-validation-error=true\n', 'none'],
    ['spring.flyway.clean-disabled=false\n', 'none'],
  ])('%j → %s', (properties, expected) => {
    expect(wipeConfidenceOf(springBoot, 'java -jar app.jar', projectOf({ [`${RES}/application.properties`]: properties }))).toBe(expected)
  })
})

describe('spring-boot: SQL data scripts', () => {
  it.each([
    [{ [`${RES}/application.properties`]: 'spring.sql.init.mode=always\n', [`${RES}/data.sql`]: 'insert into t values (1);\n' }, 'high'],
    [{ [`${RES}/application.properties`]: 'spring.datasource.initialization-mode=always\n', [`${RES}/data.sql`]: 'insert into t values (1);\n' }, 'high'],
    [{ [`${RES}/application.properties`]: 'spring.sql.init.mode=always\nspring.sql.init.platform=postgresql\n', [`${RES}/data-postgresql.sql`]: 'insert into t values (1);\n' }, 'high'],
    [{ [`${RES}/application.properties`]: 'spring.sql.init.mode=always\nspring.sql.init.data-locations=classpath:db/demo.sql\n', [`${RES}/db/demo.sql`]: 'insert;\n' }, 'high'],
    [{ [`${RES}/application.properties`]: 'spring.sql.init.mode=always\nspring.sql.init.data-locations=file:/opt/seed.sql\n' }, 'low'],
    // only a schema script: nothing seeds
    [{ [`${RES}/application.properties`]: 'spring.sql.init.mode=always\n', [`${RES}/schema.sql`]: 'create table t (id int);\n' }, 'none'],
    // the default `embedded` initialises only an embedded database
    [{ [`${RES}/application.properties`]: 'spring.sql.init.mode=embedded\n', [`${RES}/data.sql`]: 'insert;\n' }, 'none'],
    [{ [`${RES}/application.properties`]: 'spring.jpa.hibernate.ddl-auto=create\n', [`${RES}/import.sql`]: 'insert;\n' }, 'high'],
  ])('%j → %s', (files, expected) => {
    expect(confidenceOf(springBoot, 'java -jar app.jar', projectOf(files))).toBe(expected)
  })
})

describe('spring-boot: which module the start runs', () => {
  const project = projectOf({
    'api/src/main/resources/application.properties': 'spring.jpa.hibernate.ddl-auto=create\n',
    'admin/src/main/resources/application.properties': 'spring.jpa.hibernate.ddl-auto=validate\n',
  })
  it.each([
    ['java -jar app.jar', '.', 'low'],
    ['java -jar app.jar', 'api', 'high'],
    ['java -jar app.jar', 'admin', 'none'],
    ['./mvnw -pl api spring-boot:run', '.', 'high'],
    ['./gradlew :admin:bootRun', '.', 'none'],
  ])('%s in %s → %s', (line, cwd, expected) => {
    expect(wipeConfidenceOf(springBoot, line, project, cwd)).toBe(expected)
  })

  it('names the guess', () => {
    expect(wipeOf(springBoot, 'java -jar app.jar', project)?.note).toMatch(/2 Spring Boot modules/)
  })

  it('reads nothing where the repository has no Spring Boot configuration', () => {
    expect(seedOf(springBoot, 'java -jar app.jar', projectOf({ 'pom.xml': '<project/>' }))).toBeUndefined()
  })
})

describe('spring-boot: a schema action only the run-time environment gives', () => {
  const project = projectOf({
    [`${RES}/application.properties`]: 'spring.jpa.hibernate.ddl-auto=${DDL_MODE}\n',
    [`${RES}/application-prod.properties`]: 'spring.jpa.hibernate.ddl-auto=${DDL_MODE:validate}\n',
  })
  it.each([
    // no value here and no default: it may be create, so never safe
    ['java -jar app.jar', 'low'],
    ['DDL_MODE=create java -jar app.jar', 'high'],
    ['DDL_MODE=update java -jar app.jar', 'none'],
    // the default decides where the variable is not set
    ['java -jar app.jar --spring.profiles.active=prod', 'none'],
    ['DDL_MODE=create-drop java -jar app.jar --spring.profiles.active=prod', 'high'],
  ])('%s → %s', (line, expected) => {
    expect(wipeConfidenceOf(springBoot, line, project)).toBe(expected)
  })
})

describe('spring-boot: application.properties read as Java reads it', () => {
  it.each([
    // a value continued on the next line
    ['spring.jpa.hibernate.ddl-auto=\\\n    create\n', 'high'],
    ['spring.jpa.hibernate.ddl\\-auto create-drop\n', 'high'],
    ['# spring.jpa.hibernate.ddl-auto=create \\\nspring.jpa.hibernate.ddl-auto=validate\n', 'none'],
    ['! spring.jpa.hibernate.ddl-auto=create\n', 'none'],
  ])('%j → %s', (properties, expected) => {
    expect(wipeConfidenceOf(springBoot, 'java -jar app.jar', projectOf({ [`${RES}/application.properties`]: properties }))).toBe(expected)
  })
})

describe('spring-boot: profiles a profile includes or groups', () => {
  const project = projectOf({
    [`${RES}/application.yml`]: ['spring:', '  profiles:', '    group:', '      prod:', '        - proddb', '        - prodmq', '      proddb: schema-reset', '---', 'spring.config.activate.on-profile: schema-reset', 'spring.jpa.hibernate.ddl-auto: create', ''].join('\n'),
    [`${RES}/application-prodmq.yml`]: 'spring.rabbitmq.host: mq\n',
    [`${RES}/application-tidy.yml`]: 'spring.jpa.hibernate.ddl-auto: validate\n',
    [`${RES}/application-demo.properties`]: 'spring.liquibase.drop-first=true\n',
    [`${RES}/application-qa.properties`]: 'spring.profiles.include=demo\n',
  })
  it.each([
    ['java -jar app.jar', 'none'],
    // prod brings proddb and prodmq along, proddb schema-reset
    ['SPRING_PROFILES_ACTIVE=prod java -jar app.jar', 'high'],
    ['SPRING_PROFILES_ACTIVE=proddb java -jar app.jar', 'high'],
    ['SPRING_PROFILES_ACTIVE=prodmq java -jar app.jar', 'none'],
    // a profile-specific file (tidy's) is over the documents of application.yml (schema-reset's)
    ['SPRING_PROFILES_ACTIVE=prod java -jar app.jar --spring.profiles.include=tidy', 'none'],
    ['SPRING_PROFILES_INCLUDE=demo java -jar app.jar', 'high'],
    ['java -jar app.jar --spring.profiles.include=demo', 'high'],
    // an include in a profile-specific file is refused by Spring Boot: not read
    ['SPRING_PROFILES_ACTIVE=qa java -jar app.jar', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(wipeConfidenceOf(springBoot, line, project)).toBe(expected)
  })

  it.each([
    ['spring.profiles.include=demo\n', 'high'],
    ['spring.profiles.include[0]=other\nspring.profiles.include[1]=demo\n', 'high'],
    ['spring.profiles.group.live=demo\nspring.profiles.active=live\n', 'high'],
    ['spring.profiles.group.live[0]=demo\n', 'none'],
    ['#spring.profiles.include=demo\n', 'none'],
  ])('application.properties %j → %s', (properties, expected) => {
    const files = { [`${RES}/application.properties`]: properties, [`${RES}/application-demo.properties`]: 'spring.liquibase.drop-first=true\n' }
    expect(wipeConfidenceOf(springBoot, 'java -jar app.jar', projectOf(files))).toBe(expected)
  })

  it('names the profiles the setting was read for', () => {
    const hop = wipeOf(springBoot, 'SPRING_PROFILES_ACTIVE=prod java -jar app.jar', project)?.within?.hops[0]
    expect(hop?.label).toMatch(/profiles prod,proddb,schema-reset,prodmq/)
  })
})

describe('spring-boot: data scripts and drop-first only the run-time environment gives', () => {
  it.each([
    [{ [`${RES}/application.properties`]: 'spring.sql.init.mode=${SQL_INIT_MODE}\n', [`${RES}/data.sql`]: 'insert;\n' }, 'java -jar app.jar', 'low'],
    [{ [`${RES}/application.properties`]: 'spring.sql.init.mode=${SQL_INIT_MODE}\n', [`${RES}/data.sql`]: 'insert;\n' }, 'SQL_INIT_MODE=always java -jar app.jar', 'high'],
    [{ [`${RES}/application.properties`]: 'spring.sql.init.mode=${SQL_INIT_MODE:never}\n', [`${RES}/data.sql`]: 'insert;\n' }, 'java -jar app.jar', 'none'],
    // no data script to run
    [{ [`${RES}/application.properties`]: 'spring.sql.init.mode=${SQL_INIT_MODE}\n' }, 'java -jar app.jar', 'none'],
  ])('%j: %s → %s', (files, line, expected) => {
    expect(confidenceOf(springBoot, line, projectOf(files))).toBe(expected)
  })

  it.each([
    ['spring.liquibase.drop-first=${DROP_FIRST}\n', 'java -jar app.jar', 'low'],
    ['spring.liquibase.drop-first=${DROP_FIRST}\n', 'DROP_FIRST=true java -jar app.jar', 'high'],
    ['spring.liquibase.drop-first=${DROP_FIRST:false}\n', 'java -jar app.jar', 'none'],
    // a sure wipe is named before an undecided one
    ['spring.jpa.hibernate.ddl-auto=${DDL}\nspring.liquibase.drop-first=true\n', 'java -jar app.jar', 'high'],
  ])('%j: %s → %s', (properties, line, expected) => {
    expect(wipeConfidenceOf(springBoot, line, projectOf({ [`${RES}/application.properties`]: properties }))).toBe(expected)
  })

  it('says the value is only known at run time', () => {
    const files = { [`${RES}/application.properties`]: 'spring.sql.init.mode=${SQL_INIT_MODE}\n', [`${RES}/data.sql`]: 'insert;\n' }
    expect(seedOf(springBoot, 'java -jar app.jar', projectOf(files))?.note).toMatch(/SQL_INIT_MODE.*no default: where it is always, runs src\/main\/resources\/data\.sql/)
  })
})
