import { describe, expect, it } from 'vitest'
import springRunner from '../../src/seeds/spring-runner.js'
import { projectWithFacts } from '../helpers/project.js'
import { confidenceOf, seedOf, wipeConfidenceOf } from './table.js'

const POM = '<project><parent><artifactId>spring-boot-starter-parent</artifactId></parent></project>'
const loader = (annotations: string, body = 'repo.save(new Pet("Rex"));') => `${annotations}\n@Component\nclass PetLoader implements CommandLineRunner {\n  public void run(String... args) { ${body} }\n}\n`
const app = (java: string, files: Record<string, string> = {}) => projectWithFacts({ 'pom.xml': POM, 'src/main/java/pets/PetLoader.java': java, ...files })

describe('spring-runner', () => {
  it.each([
    ['java -jar target/pets.jar', 'medium'],
    ['./mvnw spring-boot:run', 'medium'],
    ['gradle bootRun', 'medium'],
    ['java -jar target/pets.jar --seed', 'medium'],
    ['mvn package', 'none'],
    ['node server.js', 'none'],
  ])('%s → %s', async (line, expected) => {
    expect(confidenceOf(springRunner, line, await app(loader('')))).toBe(expected)
  })

  it('a runner that empties a table wipes on every start', async () => {
    expect(wipeConfidenceOf(springRunner, 'java -jar app.jar', await app(loader('', 'repo.deleteAll();')))).toBe('high')
  })

  describe('@Profile against the profiles the start has', () => {
    it.each([
      ['SPRING_PROFILES_ACTIVE=prod java -jar app.jar', '@Profile("dev")', 'none'],
      ['SPRING_PROFILES_ACTIVE=dev java -jar app.jar', '@Profile("dev")', 'medium'],
      ['java -jar app.jar --spring.profiles.active=demo,eu', '@Profile({"dev", "demo"})', 'medium'],
      ['java -Dspring.profiles.active=prod -jar app.jar', '@Profile("!prod")', 'none'],
      ['SPRING_PROFILES_ACTIVE=staging java -jar app.jar', '@Profile("!prod")', 'medium'],
    ])('%s with %s → %s', async (line, profile, expected) => {
      expect(confidenceOf(springRunner, line, await app(loader(profile)))).toBe(expected)
    })

    it('decides by the profile the configuration activates', async () => {
      const project = await app(loader('@Profile("dev")'), { 'src/main/resources/application.yml': 'spring:\n  profiles:\n    active: prod\n' })
      expect(confidenceOf(springRunner, 'java -jar app.jar', project)).toBe('none')
    })

    it('where nothing sets a profile, the runner holds only if SPRING_PROFILES_ACTIVE, from outside, names it', async () => {
      const guards = seedOf(springRunner, 'java -jar app.jar', await app(loader('@Profile("dev")')))?.guards
      expect(guards?.map((g) => [g.variable, g.op, g.negated, g.values])).toEqual([['SPRING_PROFILES_ACTIVE', 'match', false, ['dev', 'dev,*', '*,dev', '*,dev,*']]])
      const negated = seedOf(springRunner, 'java -jar app.jar', await app(loader('@Profile("!prod")')))?.guards
      expect(negated?.map((g) => [g.variable, g.negated, g.values[0]])).toEqual([['SPRING_PROFILES_ACTIVE', true, 'prod']])
    })
  })

  describe('@ConditionalOnProperty', () => {
    const conditional = loader('@ConditionalOnProperty(name = "pets.seed-demo", havingValue = "true")')
    it.each([
      ['pets.seed-demo=true\n', 'medium'],
      ['pets.seed-demo=TRUE\n', 'medium'],
      ['pets.seed-demo=false\n', 'none'],
    ])('application.properties %s→ %s', async (properties, expected) => {
      expect(confidenceOf(springRunner, 'java -jar app.jar', await app(conditional, { 'src/main/resources/application.properties': properties }))).toBe(expected)
    })

    it('unset: a test of the variable relaxed binding reads it from', async () => {
      const guards = seedOf(springRunner, 'java -jar app.jar', await app(conditional))?.guards
      expect(guards?.map((g) => [g.variable, g.op, g.values[0]])).toEqual([['PETS_SEEDDEMO', 'eq', 'true']])
    })
  })

  it('of several modules, the one the start names; a jar from outside any is a guess among them', async () => {
    const project = await projectWithFacts({
      'api/pom.xml': POM,
      'api/src/main/java/pets/PetLoader.java': loader(''),
      'admin/pom.xml': POM,
      'admin/src/main/java/pets/Admin.java': '@SpringBootApplication\nclass Admin {}\n',
    })
    expect(confidenceOf(springRunner, './mvnw spring-boot:run -pl api', project)).toBe('medium')
    expect(confidenceOf(springRunner, './mvnw spring-boot:run -pl admin', project)).toBe('none')
    expect(confidenceOf(springRunner, 'java -jar /app.jar', project)).toBe('low')
  })
})
